import Foundation

/// How a start's TZID turns wall-clock times into instants: by an IANA zone, or by the rules of
/// a VTIMEZONE that names none (kept as its text, which the libical layer reads).
enum ZoneRules: Sendable, Hashable {
    case utc
    case iana(String)
    case custom(tzid: String, definition: String)
}
