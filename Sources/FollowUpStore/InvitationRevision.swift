import Foundation
import FollowUpPlanning

/// One event of an invitation for the store to follow: a new or newer copy of the interview,
/// or its cancellation.
public struct InvitationUpdate: Sendable {
    public enum Change: Sendable {
        /// The interview as this copy describes it, with the planner's settings for a new one.
        case schedule(Interview, Planner.Settings)
        /// The organizer cancelled it (`METHOD:CANCEL` or `STATUS:CANCELLED`).
        case cancel
    }

    /// What the user named on the command line for this copy. On an update these win over the
    /// stored interview; everything else the user set with `add` or `edit` (company, role,
    /// instructions, scheduling, main contact) is kept, since an invitation does not say it.
    public struct Given: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let company = Given(rawValue: 1 << 0)
        public static let role = Given(rawValue: 1 << 1)
        public static let mainContact = Given(rawValue: 1 << 2)
        public static let instructions = Given(rawValue: 1 << 3)
        public static let schedule = Given(rawValue: 1 << 4)
        public static let format = Given(rawValue: 1 << 5)
    }

    /// Nil for an event without a UID: it is added, and no later copy can find it.
    public var revision: InvitationRevision?
    public var change: Change
    public var given: Given

    public init(revision: InvitationRevision?, change: Change, given: Given = []) {
        self.revision = revision
        self.change = change
        self.given = given
    }
}

/// What following one event of an invitation did to the store.
public enum InvitationOutcome: Sendable, Hashable {
    /// A new interview.
    case added(StoredInterview)
    /// A newer copy moved or changed a stored interview, which was planned again.
    case updated(StoredInterview, previous: InvitationRevision)
    /// The organizer cancelled a stored interview: its open follow-ups are cancelled.
    case cancelled(StoredInterview)
    /// Nothing changed: the copy is the one stored, or older, or the interview has ended.
    case unchanged(StoredInterview, Unchanged)

    public enum Unchanged: Sendable, Hashable {
        case sameRevision
        case olderRevision
        case ended
    }

    public var interview: StoredInterview {
        switch self {
        case .added(let stored), .updated(let stored, _), .cancelled(let stored), .unchanged(let stored, _): return stored
        }
    }
}
