import Foundation

/// What the user typed that the domain cannot take: a time, a zone, a person's name. Each case
/// carries what was given; the words of the command line around it are the caller's.
public enum InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not `YYYY-MM-DD HH:MM`.
    case invalidStart(String)
    /// A wall-clock time the zone skips (its clocks jump over that hour).
    case nonexistentLocalTime(String, zone: String)
    /// A name no zone has, and the IANA name it probably stands for (`PST`: America/Los_Angeles).
    case unknownTimeZone(String, suggestion: String?)
    case unknownInterviewer(String, names: [String])
    case ambiguousInterviewer(String, names: [String])

    public var description: String {
        switch self {
        case .invalidStart(let text):
            "cannot read '\(text)' as a start: expected \"YYYY-MM-DD HH:MM\", for example \"2026-12-01 14:00\""
        case .nonexistentLocalTime(let text, let zone):
            "'\(text)' does not exist in \(zone): the clocks skip that hour"
        case .unknownTimeZone(let name, let suggestion?):
            "unknown time zone '\(name)': use an IANA name; for '\(name)' that is probably \(suggestion)"
        case .unknownTimeZone(let name, nil):
            "unknown time zone '\(name)': use an IANA name such as Europe/Berlin or America/Chicago"
        case .unknownInterviewer(let query, let names):
            "no interviewer matches '\(query)'; the interviewers are: \(names.joined(separator: ", "))"
        case .ambiguousInterviewer(let query, let names):
            "'\(query)' matches several interviewers: \(names.joined(separator: ", ")); give a whole name or e-mail address"
        }
    }
}

extension ZoneLookup {
    /// An IANA zone by name (`Europe/Berlin`, `UTC`).
    public static func timeZone(named name: String) throws(InputError) -> TimeZone {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if ["UTC", "GMT", "Z"].contains(trimmed.uppercased()) { return TimeZone(identifier: "UTC")! }
        // Foundation's list is ICU's, which lacks some current IANA names (it has Asia/Calcutta,
        // not Asia/Kolkata), so an Area/Location name that the zone database loads counts too.
        if let zone = TimeZone(identifier: trimmed), zone.identifier == trimmed,
           TimeZone.knownTimeZoneIdentifiers.contains(trimmed) || trimmed.contains("/") {
            return zone
        }
        // A city that names exactly one zone, by its current or former name ("New York",
        // "kolkata", "calcutta", "kiev"), is that zone.
        if let zone = ZoneLookup.zone(forCity: trimmed) { return zone }
        // An abbreviation (PST, CET) says an offset, not the zone's rules: the zone it most
        // likely means is suggested, not taken, since IST or CST name zones on three continents.
        throw .unknownTimeZone(name, suggestion: TimeZone.abbreviationDictionary[trimmed.uppercased()])
    }
}

extension Interview {
    /// Parses `YYYY-MM-DD HH:MM` (a `T` may stand for the space) as a wall-clock time in `zone`.
    /// A time that the zone skips (the hour clocks jump over) is an error, not a guess.
    public static func start(parsing text: String, in zone: TimeZone) throws(InputError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let halves = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard halves.count == 2, let day = CalendarDay(iso: String(halves[0])) else { throw .invalidStart(text) }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2, clock[0].count == 2, clock[1].count == 2,
              let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute) else {
            throw .invalidStart(text)
        }
        let instant = day.at(hour: hour, minute: minute, in: zone)
        let readBack = Calendar.gregorian(in: zone).dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        guard readBack.hour == hour, readBack.minute == minute, readBack.day == day.day else {
            throw .nonexistentLocalTime(text, zone: zone.identifier)
        }
        return instant
    }
}

extension Interviewer {
    /// The index of the interviewer that `query` (a name or e-mail) names.
    /// A name or address that matches several interviewers is an error listing them, unless it
    /// is exactly one's name or address.
    public static func index(of query: String, in interviewers: [Interviewer]) throws(InputError) -> Int {
        let exact = interviewers.indices.filter { interviewers[$0].matchesExactly(query) }
        if exact.count == 1 { return exact[0] }
        let matching = interviewers.indices.filter { interviewers[$0].matches(query) }
        guard let first = matching.first else {
            throw .unknownInterviewer(query, names: interviewers.map(\.name))
        }
        guard matching.count == 1 else {
            throw .ambiguousInterviewer(query,
                                        names: matching.map { interviewers[$0].name + (interviewers[$0].preferredEmail.map { " <\($0)>" } ?? "") })
        }
        return first
    }
}
