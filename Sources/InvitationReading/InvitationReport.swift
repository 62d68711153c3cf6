import FollowUpPlanning
import Foundation

/// Invitations as a person checks them before planning from one (`followup invite`), and in the
/// JSON shape of the invitation corpus' `*.expected.json` files (`followup invite --json`).
public enum InvitationReport {
    /// What each invitation says, one block per file and an indented block per event, with the
    /// times in UTC and on the zone's clock.
    public static func text(_ invitations: [Invitation]) -> String {
        invitations.map { invitation in
            var lines = ["\(invitation.file): \(describe(method: invitation.method))"
                + (invitation.part.map { " (from its \($0))" } ?? "")]
            for event in invitation.events {
                lines.append("")
                lines.append("  \(event.summary?.singleLine ?? "(no summary)")\(event.isCancelled ? " [cancelled]" : "")")
                if let start = event.start { lines.append("    start:     \(readable(start, tzid: event.timeZoneID))") }
                if let end = event.end { lines.append("    end:       \(readable(end, tzid: event.timeZoneID))") }
                if let recurrence = event.recurrence {
                    lines.append("    repeats:   \(recurrence.rule ?? "on \(recurrence.dates.count) more date(s)")")
                }
                if let id = event.recurrenceID { lines.append("    instead of: the occurrence of \(id)") }
                if let location = event.location { lines.append("    location:  \(location.singleLine)") }
                if let link = event.conference { lines.append("    video:     \(link.absoluteString)") }
                if let organizer = event.organizer { lines.append("    organizer: \(person(organizer.name, organizer.email))") }
                for attendee in event.attendees {
                    var notes: [String] = []
                    if attendee.kind != .individual { notes.append(attendee.kind.rawValue) }
                    if let role = attendee.role, role != .required { notes.append(role.rawValue.lowercased()) }
                    if let participation = attendee.participation { notes.append(participation.rawValue.lowercased()) }
                    let suffix = notes.isEmpty ? "" : " [\(notes.joined(separator: ", "))]"
                    lines.append("    attendee:  \(person(attendee.name, attendee.email))\(suffix)")
                }
                var identity = "    uid:       \(event.uid ?? "none")"
                if event.sequence > 0 { identity += ", sequence \(event.sequence)" }
                lines.append(identity)
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// The warnings of every invitation, one line each, naming file and line.
    public static func warningLines(_ invitations: [Invitation]) -> [String] {
        invitations.flatMap { invitation in
            invitation.warnings.map { warning in
                let place = invitation.part.map { "\(invitation.file) (\($0))" } ?? invitation.file
                return "warning: \(place):\(warning.line): \(warning.message)"
            }
        }
    }

    private static func describe(method: String?) -> String {
        switch method {
        case "REQUEST": "an invitation (METHOD:REQUEST)"
        case "CANCEL": "a cancellation (METHOD:CANCEL)"
        case "PUBLISH": "a published event, not an invitation (METHOD:PUBLISH)"
        case let other?: "METHOD:\(other)"
        case nil: "a calendar without METHOD"
        }
    }

    private static func person(_ name: String?, _ email: String?) -> String {
        switch (name?.singleLine, email) {
        case (let name?, let email?) where name.caseInsensitiveCompare(email) != .orderedSame: "\(name) <\(email)>"
        case (_, let email?): email
        case (let name?, nil): "\(name) (no address)"
        case (nil, nil): "(no name, no address)"
        }
    }

    private static func readable(_ time: EventTime, tzid: String?) -> String {
        switch time {
        case .allDay(let day): return "\(day) (all day)"
        case .floating(let clock): return "\(clock) (floating: the same clock time in any zone)"
        case .instant(let date, let zone):
            guard let zone, let timeZone = TimeZone(identifier: zone) else {
                return tzid.map { "\(time) (the file's own zone '\($0)', which names no IANA zone)" } ?? "\(time) (UTC)"
            }
            let offset = timeZone.secondsFromGMT(for: date)
            let clock = CalendarDayClock.text(date, offset: offset)
            return "\(clock) \(zone) (\(time))"
        }
    }

    // MARK: JSON

    /// One JSON array with an object per invitation, keys in the order of the corpus files.
    public static func json(_ invitations: [Invitation]) -> String {
        JSONValue.array(invitations.map(object)).rendered(indent: 0) + "\n"
    }

    private static func object(_ invitation: Invitation) -> JSONValue {
        .object([
            ("file", .string(invitation.file)),
            ("method", invitation.method.map(JSONValue.string) ?? .null),
            ("malformed", .bool(invitation.isMalformed)),
            ("notes", .string(invitation.warnings.map(\.description).joined(separator: "; "))),
            ("events", .array(invitation.events.map(object))),
        ])
    }

    private static func object(_ event: InvitationEvent) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object([
            ("uid", text(event.uid)),
            ("recurrence_id", text(event.recurrenceID?.description)),
            ("sequence", .number(event.sequence)),
            ("status", text(event.status?.rawValue)),
            ("cancelled", .bool(event.isCancelled)),
            ("summary", text(event.summary)),
            ("start", text(event.start?.description)),
            ("zone", text(event.start?.zone)),
            ("end", text(event.end?.description)),
            ("recurring", .bool(event.isRecurring)),
            ("organizer", event.organizer.map { .object([("name", text($0.name)), ("email", text($0.email))]) } ?? .null),
            ("attendees", .array(event.attendees.map { attendee in
                .object([
                    ("name", text(attendee.name)),
                    ("email", text(attendee.email)),
                    ("kind", .string(attendee.kind.rawValue)),
                    ("role", text(attendee.role?.rawValue)),
                    ("partstat", text(attendee.participation?.rawValue)),
                ])
            })),
            ("location", text(event.location)),
            ("conference", text(event.conference?.absoluteString)),
        ])
    }
}

/// `2026-12-03 10:00` on a clock `offset` seconds from UTC.
enum CalendarDayClock {
    static func text(_ date: Date, offset: Int) -> String {
        let clock = CalendarDay.wallClock(date, offset: offset)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(clock.day) \(two(clock.secondOfDay / 3_600)):\(two(clock.secondOfDay % 3_600 / 60))"
    }
}

/// A JSON value written with its keys in the order given, two spaces per level, like the
/// corpus' expected files.
enum JSONValue {
    case null
    case bool(Bool)
    case number(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    func rendered(indent: Int) -> String {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value): return String(value)
        case .string(let value): return Self.quoted(value)
        case .array(let values):
            guard !values.isEmpty else { return "[]" }
            return "[\n" + values.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(outer)]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            return "{\n" + members.map { inner + Self.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(outer)}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
