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
    /// What the planner warned about when a change (`add`, `edit`) planned it; empty when read.
    public var planWarnings: [String] = []
    /// The planner's notices (such as two drafts that read the same) from that change.
    public var planNotices: [String] = []
    /// The copy of the calendar invitation the interview was planned from; nil when it was
    /// typed in (`--at`).
    public var invitation: InvitationRevision?

    public var isOpen: Bool { outcome == nil }

    /// The same stored interview, whatever the change that returned it said about it: the plan's
    /// warnings and notices are not part of what is stored.
    public static func == (lhs: StoredInterview, rhs: StoredInterview) -> Bool {
        lhs.id == rhs.id && lhs.interview == rhs.interview && lhs.settings == rhs.settings && lhs.followUps == rhs.followUps
            && lhs.outcome == rhs.outcome && lhs.endedAt == rhs.endedAt && lhs.createdAt == rhs.createdAt
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(interview)
        hasher.combine(settings)
        hasher.combine(followUps)
        hasher.combine(outcome)
        hasher.combine(endedAt)
        hasher.combine(createdAt)
    }

    /// The follow-ups a calendar should show: planned and done ones, not cancelled ones.
    public var visibleFollowUps: [FollowUp] {
        followUps.filter { if case .cancelled = $0.status { return false } else { return true } }
    }

    /// The follow-ups still to do.
    public var openFollowUps: [FollowUp] {
        followUps.filter { $0.status == .planned }
    }
}

/// An interview to store, as `import` reads it: one that already ended is stored ended.
public struct NewInterview: Sendable {
    public var interview: Interview
    public var settings: Planner.Settings
    public var outcome: Outcome?

    public init(interview: Interview, settings: Planner.Settings, outcome: Outcome? = nil) {
        self.interview = interview
        self.settings = settings
        self.outcome = outcome
    }
}

/// What an import did: the interviews it added, and those it skipped as already stored.
public struct ImportSummary: Sendable, Hashable {
    public var added: [String] = []
    public var alreadyStored: [String] = []

    public init() {}
}

/// A follow-up and the id of its interview, for views (the agenda) that list follow-ups.
public struct ScheduledFollowUp: Sendable, Hashable {
    public var interviewID: String
    public var followUp: FollowUp
}

/// One line of an interview's history.
public struct HistoryEntry: Sendable, Hashable {
    public var at: Date
    public var followUpID: String?
    public var event: String
}
