/// Reads iCalendar text back with libical, to check what was written or to read a user's file.
public enum ICalendarCheck {
    /// What libical objects to in `text`: the values of every `X-LIC-ERROR` property it adds while
    /// parsing, in any component. Empty when libical reads the text cleanly.
    public static func parseErrors(in text: String) -> [String] {
        guard let document = try? ParsedCalendar(parsing: text) else { return ["libical could not parse the text at all"] }
        return errors(in: document.root)
    }

    private static func errors(in component: ParsedComponent) -> [String] {
        component.errors + component.children().flatMap(errors(in:))
    }

    /// The kinds of the top-level components inside the VCALENDAR (`VEVENT`, `VTODO`, ...), in order.
    public static func componentKinds(in text: String) -> [String] {
        guard let document = try? ParsedCalendar(parsing: text) else { return [] }
        return document.root.children().map(\.kindName)
    }
}
