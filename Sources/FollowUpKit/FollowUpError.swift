import ICalendar
import CalendarSync
import FeedServing
import FollowUpPlanning
import InterviewerCards
import FollowUpStore
import ICalendarExport
import InvitationReading
import MailSync
import Spreadsheets
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
    case ambiguousInterviewer(String, names: [String])
    /// A picture or a PDF given as a card.
    case notACard(String, kind: String)
    case textTooLong(option: String, length: Int, limit: Int)
    /// A command that only reads, pointed at a store that does not exist.
    case noStore(String)
    case cannotWrite(String, reason: String)
    case cannotCreateFolder(String, reason: String)
    case invalidValue(option: String, value: String, expected: String)
    case holidays(String, reason: String)
    case invitationFileMissing(String)
    case invitation(InvitationError)
    case store(StoreError)
    case noFeedDirectory
    /// `followup draft` of a follow-up that is no e-mail (a call, the checklist).
    case notAnEmail(String)
    case server(FeedServerError)
    case calendar(ICalendarError)
    /// `edit` without a single option.
    case nothingToChange(String)
    /// A file given to `import` that cannot be read as a whole.
    case importFile(String, reason: String)
    /// A row of an imported spreadsheet that is wrong: the file, its line, the column (1-based,
    /// with its header name when it has one) and what is wrong. Nothing was imported.
    case importRow(String, line: Int, column: Int, name: String?, reason: String)
    /// A calendar or address book server (CalDAV, CardDAV) failed or refused.
    case sync(SyncError)
    /// A mail account (IMAP) failed or refused.
    case mail(MailSyncError)
    /// `sync` before any account was added.
    case noRemote
    /// An error none of the cases above describes, shown as it is.
    case unexpected(String)
    /// The invitation lists attendees and none is known to be the candidate.
    case noAttendeeIsYou(file: String, attendees: [String])
    /// Nobody on the invitation is a person the candidate met, and no card names one.
    case nobodyToThank(file: String, event: String)
    /// Neither an option, a card nor the addresses of the people met name the company.
    case companyUnknown(file: String, event: String, domains: [String])
    /// The invitation holds nothing `plan` can plan (only cancellations, every occurrence past).
    case nothingToPlan(file: String, reason: String)

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
        case .ambiguousInterviewer(let query, let names):
            return "'\(query)' matches several interviewers: \(names.joined(separator: ", ")); give a whole name or e-mail address"
        case .notACard(let path, let kind):
            return "'\(path)' is \(kind), not a vCard: export the contact as a .vcf file (your scanner app or address book can share it as a vCard)"
        case .textTooLong(let option, let length, let limit):
            return "\(option) is \(length) characters long; at most \(limit) fit a follow-up: shorten it"
        case .noStore(let path):
            return "no store at '\(path)': nothing is stored there yet ('followup add' creates it; --store or FOLLOWUP_STORE name another)"
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason)"
        case .cannotCreateFolder(let path, let reason):
            return "cannot create the folder '\(path)': \(reason)"
        case .invalidValue(let option, let value, let expected):
            return "cannot read \(option) '\(value)': expected \(expected)"
        case .holidays(let path, let reason):
            return "cannot read holidays file '\(path)': \(reason)"
        case .invitationFileMissing(let path):
            return "invitation file '\(path)' does not exist"
        case .invitation(let error):
            return error.description
        case .store(let error):
            return error.description + error.commandHint
        case .noFeedDirectory:
            return "no feed folder yet: run 'followup feed --out DIR' once, and every later change updates it"
        case .notAnEmail(let summary):
            return "'\(summary)' is not an e-mail: only e-mails have .eml drafts; a call's script is in its calendar entry"
        case .server(let error):
            return error.description
        case .calendar(let error):
            return error.description
        case .nothingToChange(let id):
            return "nothing to change: give 'followup edit \(id)' at least one option, such as --decision-by 2026-12-09 "
                + "('followup help edit' lists them)"
        case .importFile(let path, let reason):
            return "cannot import '\(path)': \(reason); nothing was imported"
        case .importRow(let path, let line, let column, let name, let reason):
            let place = column == 0 ? "" : name.map { " column \(column) (\($0)):" } ?? " column \(column):"
            return "\(path):\(line):\(place) \(reason); nothing was imported"
        case .sync(let error):
            return error.description + error.commandHint
        case .mail(let error):
            return error.description
        case .noRemote:
            return "no remote yet: add one with 'followup remote add NAME URL --user USER'"
        case .unexpected(let message):
            return "unexpected error: \(message)"
        case .noAttendeeIsYou(let file, let attendees):
            return "\(file): none of the attendees is known to be you (\(attendees.joined(separator: ", "))): "
                + "name the address the invitation was sent to with --me ADDRESS (repeat it for each address you use), "
                + "or keep it in your profile once with 'followup profile --email ADDRESS'"
        case .nobodyToThank(let file, let event):
            return "\(file): \(event) lists no one you met (only you, rooms, groups, no-reply addresses or people who declined): "
                + "add your interviewers' cards with --card"
        case .companyUnknown(let file, let event, let domains) where domains.count > 1:
            return "\(file): cannot tell the company of \(event): the people you met write from \(domains.joined(separator: ", ")); "
                + "name it with --company"
        case .companyUnknown(let file, let event, _):
            return "\(file): cannot tell the company of \(event) from the invitation: name it with --company"
        case .nothingToPlan(let file, let reason):
            return "\(file): nothing to plan: \(reason)"
        }
    }
}

extension FollowUpError {
    /// What the domain could not take, in the words of the option that gave it.
    init(_ error: InputError) {
        switch error {
        case .invalidStart(let text): self = .invalidStart(text)
        case .nonexistentLocalTime(let text, let zone): self = .nonexistentLocalTime(text, zone: zone)
        case .unknownTimeZone(let name, let suggestion): self = .unknownTimeZone(name, suggestion: suggestion)
        case .unknownInterviewer(let query, let names): self = .unknownInterviewer(query, names: names)
        case .ambiguousInterviewer(let query, let names): self = .ambiguousInterviewer(query, names: names)
        }
    }
}

// The libraries say what went wrong; what to type about it is `followup`'s to say, so the
// command names are added here, after each message as the user has always read it.

extension StoreError {
    /// The `followup` command that shows or fixes what the message says, if one does.
    var commandHint: String {
        switch self {
        case .noInterviewID, .followUpIDTooShort:
            return "; 'followup list' shows them"
        case .noSuchRemote:
            return "; 'followup remote list' shows them"
        case .noSuchInboxInvitation:
            return "; 'followup inbox' shows them"
        case .noSuchFollowUp:
            return "; 'followup list' shows them, and 'followup done INTERVIEW --step thank-you' marks a whole step"
        case .remoteExists(let name):
            return "; 'followup remote remove \(name)' first"
        case .duplicate(let id, _):
            return "\nto change it, run 'followup edit \(id)' with what differs (--add-card, --role, --at ...)"
        case .alreadyEnded(let id, _, _):
            return "; to record another outcome, run 'followup cancel \(id) --reason REASON --change-outcome'"
        default:
            return ""
        }
    }
}

extension FollowUpError {
    /// An invitation with nothing to plan, with the option that would fix it.
    init(_ error: InvitationPlanningError) {
        switch error {
        case .nothingToPlan(let file, let reason): self = .nothingToPlan(file: file, reason: reason)
        case .noAttendeeIsYou(let file, let attendees): self = .noAttendeeIsYou(file: file, attendees: attendees)
        case .nobodyToThank(let file, let event): self = .nobodyToThank(file: file, event: event)
        case .companyUnknown(let file, let event, let domains): self = .companyUnknown(file: file, event: event, domains: domains)
        case .input(let error): self = FollowUpError(error)
        }
    }
}

extension FollowUpError {
    init(_ error: SpreadsheetError) {
        switch error {
        case .file(let path, let reason): self = .importFile(path, reason: reason)
        case .row(let path, let line, let column, let name, let reason):
            self = .importRow(path, line: line, column: column, name: name, reason: reason)
        }
    }
}

extension FollowUpError {
    public init(_ error: CardFileError) {
        switch error {
        case .missing(let path): self = .cardFileMissing(path)
        case .unreadable(let path, let reason): self = .cardFileUnreadable(path, reason: reason)
        case .notACard(let path, let kind): self = .notACard(path, kind: kind)
        case .card(let error): self = .card(error)
        case .output(let name, let reason): self = .cannotWrite(name, reason: reason)
        }
    }
}

extension SyncError {
    /// The `followup` command (or the other places a password may be kept) that fixes it.
    var commandHint: String {
        switch self {
        case .noPassword:
            return ": give one with 'followup remote add --password-file FILE', a line in ~/.netrc, or FOLLOWUP_PASSWORD"
        case .plainHTTP:
            return ", or give --allow-http to send them in the clear anyway"
        default:
            return ""
        }
    }
}
