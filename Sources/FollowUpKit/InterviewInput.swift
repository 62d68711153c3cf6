import FollowUpPlanning
import Foundation
import VCardKit

/// A card read from a file, with the warnings about it already prefixed with the file name.
public struct LoadedCard: Sendable {
    public var file: String
    public var card: VCard

    /// `file:line: warning` lines for the person who scanned the card.
    public var warningLines: [String] {
        card.warnings.map { "\(file):\($0.line): warning: \($0.property.map { "\($0): " } ?? "")\($0.message)" }
    }
}

/// Reading what the user typed and the files they named.
public enum InterviewInput {
    /// Every card in each file, in order. A missing, unreadable or non-vCard file is an error
    /// naming it. Files are read in chunks, card by card: a large export is never held whole.
    public static func loadCards(from paths: [String]) throws(FollowUpError) -> [LoadedCard] {
        var loaded: [LoadedCard] = []
        for path in paths {
            var reader = try openCardFile(path)
            do {
                while let card = try reader.nextCard() {
                    loaded.append(LoadedCard(file: path, card: card))
                }
            } catch {
                throw .card(error)
            }
        }
        return loaded
    }

    /// The interviewers the cards describe. With `pick`, a file that holds several cards gives
    /// only the card whose name or e-mail matches.
    public static func interviewers(from cards: [LoadedCard], pick: String? = nil) throws(FollowUpError) -> [Interviewer] {
        guard let pick else { return cards.map { Interviewer(card: $0.card) } }
        var chosen: [Interviewer] = []
        for file in orderedFiles(cards) {
            let inFile = cards.filter { $0.file == file }.map { Interviewer(card: $0.card) }
            if inFile.count == 1 {
                chosen += inFile
                continue
            }
            guard let match = inFile.first(where: { $0.matches(pick) }) else {
                throw .noCardMatches(query: pick, file: file, names: inFile.map(\.name))
            }
            chosen.append(match)
        }
        return chosen
    }

    private static func orderedFiles(_ cards: [LoadedCard]) -> [String] {
        var seen = Set<String>()
        return cards.map(\.file).filter { seen.insert($0).inserted }
    }

    /// A reader over the card file at `path`; a missing file, a folder or a file that cannot be
    /// opened is an error that says which.
    static func openCardFile(_ path: String) throws(FollowUpError) -> VCardReader {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cardFileMissing(path)
        }
        guard !isDirectory.boolValue else { throw .cardFileUnreadable(path, reason: "it is a directory") }
        do {
            return try VCardReader(contentsOfFile: path)
        } catch {
            throw .card(error)  // "path: cannot open: permission denied"
        }
    }

    /// An IANA zone by name (`Europe/Berlin`, `UTC`).
    public static func timeZone(named name: String) throws(FollowUpError) -> TimeZone {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if ["UTC", "GMT", "Z"].contains(trimmed.uppercased()) { return TimeZone(identifier: "UTC")! }
        // Foundation's list is ICU's, which lacks some current IANA names (it has Asia/Calcutta,
        // not Asia/Kolkata), so an Area/Location name that the zone database loads counts too.
        if let zone = TimeZone(identifier: trimmed), zone.identifier == trimmed,
           TimeZone.knownTimeZoneIdentifiers.contains(trimmed) || trimmed.contains("/") {
            return zone
        }
        // A city that names exactly one zone ("New York", "berlin") is that zone.
        let city = trimmed.replacingOccurrences(of: "_", with: " ").lowercased()
        let cities = TimeZone.knownTimeZoneIdentifiers.filter { identifier in
            identifier.contains("/") && identifier.split(separator: "/").last?.replacingOccurrences(of: "_", with: " ").lowercased() == city
        }
        if cities.count == 1, let zone = TimeZone(identifier: cities[0]) { return zone }
        // An abbreviation (PST, CET) says an offset, not the zone's rules: the zone it most
        // likely means is suggested, not taken, since IST or CST name zones on three continents.
        throw .unknownTimeZone(name, suggestion: TimeZone.abbreviationDictionary[trimmed.uppercased()])
    }

    /// The system's zone, as `--tz` defaults to it.
    public static var systemTimeZone: TimeZone { TimeZone.current }

    /// Parses `YYYY-MM-DD HH:MM` (a `T` may stand for the space) as a wall-clock time in `zone`.
    /// A time that the zone skips (the hour clocks jump over) is an error, not a guess.
    public static func start(_ text: String, in zone: TimeZone) throws(FollowUpError) -> Date {
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

    /// The index of the interviewer that `query` (a name or e-mail) names.
    public static func interviewerIndex(_ query: String, in interviewers: [Interviewer]) throws(FollowUpError) -> Int {
        guard let index = interviewers.firstIndex(where: { $0.matches(query) }) else {
            throw .unknownInterviewer(query, names: interviewers.map(\.name))
        }
        return index
    }
}
