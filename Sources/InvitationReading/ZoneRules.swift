import ICalendar
import FollowUpPlanning
import Foundation

/// How a start's TZID turns wall-clock times into instants: UTC, an IANA zone the name stands
/// for, or the file's own VTIMEZONE (kept as its text, which the libical layer reads), with the
/// IANA zone its name stands for when it names one.
///
/// A file's VTIMEZONE is what the sender's calendar meant (RFC 5545 §3.6.5), so its rules win
/// over the database's for the same name: they differ only where the sender's rules were old.
enum ZoneRules: Sendable, Hashable {
    case utc
    case iana(String)
    case defined(tzid: String, definition: String, iana: String?)

    /// The IANA name the start stands for: nil for UTC and for a zone that names none.
    var ianaName: String? {
        switch self {
        case .utc: nil
        case .iana(let name): name
        case .defined(_, _, let name): name
        }
    }

    func instant(on day: CalendarDay, secondOfDay: Int) -> Date {
        converter()(day, secondOfDay)
    }

    /// A function from wall-clock times to instants that reads a VTIMEZONE once, for the many
    /// occurrences of a rule.
    func converter() -> (CalendarDay, Int) -> Date {
        let utc = TimeZone(identifier: "UTC")!
        switch self {
        case .utc:
            return { WallClockTime(day: $0, secondOfDay: $1).instant(in: utc) }
        case .iana(let name):
            let zone = TimeZone(identifier: name) ?? utc
            return { WallClockTime(day: $0, secondOfDay: $1).instant(in: zone) }
        case .defined(_, let definition, _):
            // The reader checked that libical reads the definition.
            guard let rules = try? VTimeZoneRules(definition: definition) else {
                return { WallClockTime(day: $0, secondOfDay: $1).instant(in: utc) }
            }
            return { rules.instant(on: $0, secondOfDay: $1) }
        }
    }
}
