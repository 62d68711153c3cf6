import Foundation
import GRDB

/// What went wrong with the store: what happened, and where (the file, the id that was asked
/// for, the row that was missing). A message says what is wrong and names no command: the
/// program over the store says what to type (FollowUpKit's `FollowUpError` does for
/// `followup`), so the store serves any caller.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case database(path: String, message: String)
    /// An empty id where an interview's was expected.
    case noInterviewID
    /// No interview has the id exactly; `candidates` are those it starts, else every stored one.
    case noSuchInterview(query: String, candidates: [String], startsSeveral: Bool)
    /// Fewer characters than a follow-up's id needs to be told apart by.
    case followUpIDTooShort(query: String)
    case noSuchFollowUp(query: String)
    /// An id that starts several follow-ups' ids.
    case ambiguous(query: String, matches: [String])
    /// A whole step of an interview asked for, and the interview has no follow-up of that step.
    case noFollowUpOfStep(interviewID: String, step: Step)
    /// A row the change had found (or just written) is not there: another process removed it,
    /// or the store is not what the change expects.
    case missing(Item, id: String)
    case duplicate(id: String, description: String)
    case alreadyEnded(id: String, outcome: String, endedAt: Date?)
    case cancelledFollowUp(id: String, summary: String, reason: String?)
    /// A cancellation of an event no stored interview was planned from; nothing was cancelled.
    case cancelledEventNotStored(uid: String?)
    case noSuchRemote(name: String)
    /// No invitation found in the mailbox has this id.
    case noSuchInboxInvitation(query: String)
    /// A second account under a name that is taken.
    case remoteExists(name: String)
    case corrupt(String)
    /// A value that could not be turned into its stored form; nothing was written.
    case cannotEncode(String, reason: String)
    /// An export file that cannot be imported, and why.
    case badArchive(String)
    /// Code of the caller's that ran inside a change (its `afterChange`, an edit's closure, a
    /// `forEach` body) threw, or the task was cancelled: the change was rolled back, and the
    /// error is the caller's own, passed on as it was.
    case interrupted(any Error)

    /// What a missing row was.
    public enum Item: String, Sendable, Hashable {
        case interview
        case followUp = "follow-up"
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the store '\(path)': \(reason)"
        case .database(let path, let message): return "the store '\(path)' failed: \(message)"
        case .noInterviewID: return "no interview id given"
        case .noSuchInterview(let query, let candidates, _) where candidates.isEmpty:
            return "no interview with id '\(query)': the store holds none"
        case .noSuchInterview(let query, let candidates, let startsSeveral):
            let heading = startsSeveral ? "'\(query)' starts several interview ids" : "no interview has the id '\(query)'"
            return "\(heading); give one whole id:\n" + candidates.map { "  " + $0 }.joined(separator: "\n")
        case .followUpIDTooShort(let query): return "'\(query)' is too short for a follow-up id"
        case .noSuchFollowUp(let query): return "no follow-up with id '\(query)'"
        case .ambiguous(let query, let matches):
            return "'\(query)' starts several ids; give one whole id:\n" + matches.map { "  " + $0 }.joined(separator: "\n")
        case .noFollowUpOfStep(let id, let step): return "interview \(id) has no \(step.rawValue) follow-up"
        case .missing(let item, let id): return "no \(item.rawValue) \(id)"
        case .duplicate(_, let description): return "this interview is already stored as \(description)"
        case .alreadyEnded(let id, let outcome, _): return "interview \(id) already ended (\(outcome))"
        case .cancelledFollowUp(let id, let summary, let reason):
            return "follow-up \(id) (\(summary)) was cancelled\(reason.map { " (\($0))" } ?? ""), so there is nothing to mark done"
        case .cancelledEventNotStored(let uid):
            return "no stored interview comes from the cancelled event \(uid ?? "without a UID"); nothing was cancelled"
        case .noSuchRemote(let name): return "no remote named '\(name)'"
        case .noSuchInboxInvitation(let query): return "no invitation from the mailbox has the id '\(query)'"
        case .remoteExists(let name): return "there is already a remote named '\(name)'"
        case .corrupt(let what): return "the store is damaged: \(what)"
        case .cannotEncode(let what, let reason): return "cannot store \(what): \(reason); nothing was changed"
        case .badArchive(let reason): return "\(reason); nothing was imported"
        case .interrupted(let error): return "\(error)"
        }
    }

    /// `error` as the store reports it: its own errors as they are, SQLite's with the store's
    /// location, and anything else as the caller's (`interrupted`).
    static func from(_ error: any Error, at location: String) -> StoreError {
        switch error {
        case let error as StoreError: return error
        case let error as DatabaseError: return .database(path: location, message: error.message ?? error.description)
        default: return .interrupted(error)
        }
    }
}
