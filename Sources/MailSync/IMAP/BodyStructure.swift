/// What a message's BODYSTRUCTURE (RFC 3501, 7.4.2) says about calendar parts, so only
/// messages that carry an invitation are read whole.
enum BodyStructure {
    /// Parts nest at most this deep; a deeper structure is not followed.
    static let maximumDepth = 32

    /// Whether any part is `text/calendar`, `application/ics`, or a file named `*.ics`.
    static func hasCalendarPart(_ structure: IMAPValue, depth: Int = 0) -> Bool {
        guard depth < maximumDepth, let items = structure.list, let first = items.first else { return false }
        if first.list != nil {
            // A multipart: its parts come first, then its subtype and extensions.
            return items.contains { $0.list != nil && hasCalendarPart($0, depth: depth + 1) }
        }
        let type = items[0].text?.lowercased() ?? ""
        let subtype = items.count > 1 ? items[1].text?.lowercased() ?? "" : ""
        if type == "text" && subtype == "calendar" { return true }
        if type == "application" && (subtype == "ics" || subtype == "calendar") { return true }
        if mentionsICSFile(items, depth: depth) { return true }
        // A forwarded message (message/rfc822) carries its own structure inside.
        if type == "message", subtype == "rfc822", items.count > 8 { return hasCalendarPart(items[8], depth: depth + 1) }
        return false
    }

    /// Whether a `name` or `filename` parameter anywhere in the part ends in `.ics`.
    private static func mentionsICSFile(_ values: [IMAPValue], depth: Int) -> Bool {
        guard depth < maximumDepth else { return false }
        var previous: String?
        for value in values {
            if let nested = value.list {
                if mentionsICSFile(nested, depth: depth + 1) { return true }
                previous = nil
                continue
            }
            let text = value.text?.lowercased()
            if let previous, previous == "name" || previous == "filename", let text, text.hasSuffix(".ics") { return true }
            previous = text
        }
        return false
    }
}
