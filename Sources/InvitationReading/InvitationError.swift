/// Why an invitation cannot be read: the file, the line (of the calendar text; nil when the
/// whole file is at fault), what is wrong and what to do about it.
///
/// ```
/// interview.ics:14: DTSTART uses the time zone 'Acme Time', which nothing in the file defines: give the zone with --tz
/// ```
public struct InvitationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String
    /// What the user can do, worded to follow a colon: `give the zone with --tz`.
    public var fix: String?

    public init(file: String, line: Int? = nil, reason: String, fix: String? = nil) {
        self.file = file
        self.line = line
        self.reason = reason
        self.fix = fix
    }

    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(reason)" + (fix.map { ": \($0)" } ?? "")
    }
}
