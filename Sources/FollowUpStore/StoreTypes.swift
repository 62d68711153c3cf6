import Foundation
import FollowUpPlanning

/// How an interview ended (rule 15 of docs/follow-up-guidance.md).
public enum Outcome: String, Sendable, Hashable, CaseIterable {
    case offer, rejected, withdrawn
    /// The organizer cancelled the interview (a cancelled calendar invitation).
    case cancelled

    /// Why the interview's open follow-ups were cancelled, as the store records it.
    public var cancelReason: String {
        self == .cancelled ? "cancelled by the organizer" : rawValue
    }
}

/// Which follow-ups of an interview `done` marks at once.
public enum Step: String, Sendable, Hashable, CaseIterable {
    case checklist
    case thankYou = "thank-you"
    case checkIn = "check-in"

    func contains(_ action: FollowUp.Action) -> Bool {
        switch self {
        case .checklist: return action == .interviewChecklist
        case .thankYou: return action == .thankYouEmail
        case .checkIn: return action == .checkInCall || action == .checkInEmail
        }
    }
}

/// An interview as the store keeps it: what was planned, and where each follow-up stands.
public struct StoredInterview: Sendable, Hashable {
    /// A short id the user types (`3f9a1c`).
    public var id: String
    public var interview: Interview
    public var settings: Planner.Settings
    /// Every follow-up, cancelled ones included, in plan order.
    public var followUps: [FollowUp]
    public var outcome: Outcome?
    public var endedAt: Date?
    public var createdAt: Date
    /// The copy of the calendar invitation the interview was planned from; nil when it was
    /// typed in (`--at`).
    public var invitation: InvitationRevision?

    public var isOpen: Bool { outcome == nil }

    /// The follow-ups a calendar should show: planned and done ones, not cancelled ones.
    public var visibleFollowUps: [FollowUp] {
        followUps.filter { if case .cancelled = $0.status { return false } else { return true } }
    }

    /// The follow-ups still to do.
    public var openFollowUps: [FollowUp] {
        followUps.filter { $0.status == .planned }
    }

}

/// One line of an interview's history.
public struct HistoryEntry: Sendable, Hashable {
    public var at: Date
    public var followUpID: String?
    public var event: String
}

/// What went wrong with the store, said so the user can act.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case database(path: String, message: String)
    case notFound(String)
    case ambiguous(query: String, matches: [String])
    case duplicate(id: String)
    case corrupt(String)
    /// A value that could not be turned into its stored form; nothing was written.
    case cannotEncode(String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the store '\(path)': \(reason)"
        case .database(let path, let message): return "the store '\(path)' failed: \(message)"
        case .notFound(let what): return "\(what)"
        case .ambiguous(let query, let matches): return "'\(query)' matches several: \(matches.joined(separator: ", ")); type more of the id"
        case .duplicate(let id): return "this interview is already stored as \(id); use 'followup edit \(id)' to change it"
        case .corrupt(let what): return "the store is damaged: \(what)"
        case .cannotEncode(let what, let reason): return "cannot store \(what): \(reason); nothing was changed"
        }
    }
}
