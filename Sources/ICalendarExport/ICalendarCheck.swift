import CLibical

/// Reads iCalendar text back with libical, to check what was written or to read a user's file.
public enum ICalendarCheck {
    /// What libical objects to in `text`: the values of every `X-LIC-ERROR` property it adds while
    /// parsing, in any component. Empty when libical reads the text cleanly.
    public static func parseErrors(in text: String) -> [String] {
        guard let root = icalparser_parse_string(text) else {
            icalerror_clear_errno()
            return ["libical could not parse the text at all"]
        }
        defer { icalcomponent_free(root) }
        return errors(in: root)
    }

    private static func errors(in component: OpaquePointer) -> [String] {
        var found: [String] = []
        var property = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)
        while let current = property {
            found.append(String(cString: icalproperty_get_xlicerror(current)))
            property = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)
        }
        var child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT)
        while let current = child {
            found += errors(in: current)
            child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)
        }
        return found
    }

    /// The kinds of the top-level components inside the VCALENDAR (`VEVENT`, `VTODO`, ...), in order.
    public static func componentKinds(in text: String) -> [String] {
        guard let root = icalparser_parse_string(text) else { return [] }
        defer { icalcomponent_free(root) }
        var kinds: [String] = []
        var child = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT)
        while let current = child {
            kinds.append(String(cString: icalcomponent_kind_to_string(icalcomponent_isa(current))))
            child = icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT)
        }
        return kinds
    }
}
