import CalendarSync
import FeedServing
import FollowUpStore
import ICalendarExport
import VCardKit

/// Everything that stops a command, phrased for the person at the terminal: what went wrong,
/// where, and how to fix it.
public enum FollowUpError: Error, Sendable, CustomStringConvertible {
    case cardFileMissing(String)
    case cardFileUnreadable(String, reason: String)
    case card(VCardError)
    case noCardMatches(query: String, file: String, names: [String])
    case noInterviewers
    case invalidStart(String)
    case nonexistentLocalTime(String, zone: String)
    /// A name no zone has, and the IANA name it probably stands for (`PST`: America/Los_Angeles).
    case unknownTimeZone(String, suggestion: String? = nil)
    case unknownInterviewer(String, names: [String])
    case cannotWrite(String, reason: String)
    case cannotCreateFolder(String, reason: String)
    case invalidValue(option: String, value: String, expected: String)
    case holidays(String, reason: String)
    case store(StoreError)
    case noFeedDirectory
    case server(FeedServerError)
    case calendar(ICalendarError)
    /// A calendar or address book server (CalDAV, CardDAV) failed or refused.
    case sync(SyncError)
    /// An error none of the cases above describes, shown as it is.
    case unexpected(String)

    public var description: String {
        switch self {
        case .cardFileMissing(let path):
            return "card file '\(path)' does not exist"
        case .cardFileUnreadable(let path, let reason):
            return "cannot read card file '\(path)': \(reason)"
        case .card(let error):
            return error.description
        case .noCardMatches(let query, let file, let names):
            return "no card in '\(file)' matches '\(query)'; the file holds: \(names.joined(separator: ", "))"
        case .noInterviewers:
            return "no interviewer: give at least one --card FILE"
        case .invalidStart(let text):
            return "cannot read --at '\(text)': expected \"YYYY-MM-DD HH:MM\", for example \"2026-12-01 14:00\""
        case .nonexistentLocalTime(let text, let zone):
            return "--at '\(text)' does not exist in \(zone): the clocks skip that hour"
        case .unknownTimeZone(let name, let suggestion?):
            return "unknown time zone '\(name)': use an IANA name; for '\(name)' that is probably \(suggestion)"
        case .unknownTimeZone(let name, nil):
            return "unknown time zone '\(name)': use an IANA name such as Europe/Berlin or America/Chicago"
        case .unknownInterviewer(let query, let names):
            return "no interviewer matches '\(query)'; the interviewers are: \(names.joined(separator: ", "))"
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason)"
        case .cannotCreateFolder(let path, let reason):
            return "cannot create the folder '\(path)': \(reason)"
        case .invalidValue(let option, let value, let expected):
            return "cannot read \(option) '\(value)': expected \(expected)"
        case .holidays(let path, let reason):
            return "cannot read holidays file '\(path)': \(reason)"
        case .store(let error):
            return error.description
        case .noFeedDirectory:
            return "no feed folder yet: run 'followup feed --out DIR' once, and every later change updates it"
        case .server(let error):
            return error.description
        case .calendar(let error):
            return error.description
        case .sync(let error):
            return error.description
        case .unexpected(let message):
            return "unexpected error: \(message)"
        }
    }
}
