import FollowUpPlanning
import InterviewerCards
import Foundation
import VCardKit

/// Reading what the user typed and the files they named.
public enum InterviewInput {
    /// Every card in each file, in order. A missing, unreadable or non-vCard file is an error
    /// naming it. Files are read in chunks, card by card: a large export is never held whole.
    public static func loadCards(from paths: [String]) throws(FollowUpError) -> [LoadedCard] {
        do { return try CardFile.cards(in: paths) } catch { throw FollowUpError(error) }
    }

    /// The interviewer a loaded card describes, with its photo: what the store keeps of them.
    static func interviewer(_ loaded: LoadedCard) -> Interviewer {
        var interviewer = Interviewer(card: loaded.card)
        interviewer.photo = loaded.card.photo.map(Photo.init)
        return interviewer
    }

    /// The interviewers the cards describe. With `pick`, a file that holds several cards gives
    /// only the card whose name or e-mail matches.
    public static func interviewers(from cards: [LoadedCard], pick: String? = nil) throws(FollowUpError) -> [Interviewer] {
        guard let pick else { return cards.map(interviewer) }
        var chosen: [Interviewer] = []
        for file in orderedFiles(cards) {
            let inFile = cards.filter { $0.file == file }.map(interviewer)
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

    /// A reader over the card file at `path`; a missing file, a folder, a picture or a file that
    /// cannot be opened is an error that says which.
    static func openCardFile(_ path: String) throws(FollowUpError) -> VCardReader {
        do { return try CardFile.open(path) } catch { throw FollowUpError(error) }
    }

    /// An IANA zone by name (`Europe/Berlin`, `UTC`), or a city that names one zone.
    public static func timeZone(named name: String) throws(FollowUpError) -> TimeZone {
        do { return try ZoneLookup.timeZone(named: name) } catch { throw FollowUpError(error) }
    }

    /// The system's zone, as `--tz` defaults to it.
    public static var systemTimeZone: TimeZone { TimeZone.current }

    /// Parses `YYYY-MM-DD HH:MM` (a `T` may stand for the space) as a wall-clock time in `zone`.
    public static func start(_ text: String, in zone: TimeZone) throws(FollowUpError) -> Date {
        do { return try Interview.start(parsing: text, in: zone) } catch { throw FollowUpError(error) }
    }

    /// The index of the interviewer that `query` (a name or e-mail) names.
    public static func interviewerIndex(_ query: String, in interviewers: [Interviewer]) throws(FollowUpError) -> Int {
        do { return try Interviewer.index(of: query, in: interviewers) } catch { throw FollowUpError(error) }
    }

    /// The longest text an option of free text takes (`--talking-point`, `--strength`): a draft
    /// quotes it, and a calendar entry is no place for pages.
    public static let longestText = 2_000
    /// The longest company or role: they name files and summaries.
    public static let longestName = 200

    /// `text` when it is within `limit` characters, else an error naming the option.
    static func limited(_ text: String?, _ option: String, _ limit: Int) throws(FollowUpError) -> String? {
        guard let text, text.count > limit else { return text }
        throw .textTooLong(option: option, length: text.count, limit: limit)
    }

    /// The latest moment `SOURCE_DATE_EPOCH` may name: the end of year 9999, past which no
    /// calendar file can write a date (a value in milliseconds lands far beyond it).
    public static let latestSourceDateEpoch = 253_402_300_799

    /// "Now" as the reproducible-builds convention gives it: `SOURCE_DATE_EPOCH`, whole seconds
    /// since 1970-01-01 UTC; nil when it is not set. A value that is not such a number is an
    /// error, never silently replaced by the clock: a script that sets it wants that day.
    public static func sourceDateEpoch(_ text: String?) throws(FollowUpError) -> Date? {
        guard let text else { return nil }
        let expected = "whole seconds since 1970-01-01 UTC, such as 1796169600"
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let seconds = Int(text) else {
            throw .invalidValue(option: "SOURCE_DATE_EPOCH", value: text, expected: expected)
        }
        guard seconds <= latestSourceDateEpoch else {
            throw .invalidValue(option: "SOURCE_DATE_EPOCH", value: text, expected: expected + " (milliseconds are too many digits)")
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Whether an option's value clears it: `none`, or nothing at all.
    public static func clears(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return trimmed.isEmpty || trimmed == "none"
    }

    /// `--format` as typed: `onsite`, `phone` or `video` (and their other words); nil when absent
    /// or cleared (`none`, in `edit`).
    public static func format(_ text: String?) throws(FollowUpError) -> Interview.Format? {
        guard let text, !clears(text) else { return nil }
        return try Interview.Format.parse(text)
    }
}
