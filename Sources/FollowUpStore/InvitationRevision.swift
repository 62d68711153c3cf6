import Foundation
import FollowUpPlanning

/// Which copy of an organizer's event an interview was planned from: the event's identity
/// (`UID`, and `RECURRENCE-ID` for one occurrence of a series) and its revision (`SEQUENCE`,
/// `DTSTAMP`). RFC 5546 §2.1.5: a higher SEQUENCE is a newer revision; Google sends updates
/// with the same SEQUENCE and a later DTSTAMP, so that breaks a tie.
public struct InvitationRevision: Sendable, Hashable, CustomStringConvertible {
    public var uid: String
    /// The occurrence it stands for, as the invitation gives it (`2026-12-03T15:00:00Z`); nil for
    /// a whole event.
    public var recurrenceID: String?
    public var sequence: Int
    public var stamp: Date?

    public init(uid: String, recurrenceID: String? = nil, sequence: Int = 0, stamp: Date? = nil) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.sequence = sequence
        self.stamp = stamp
    }

    /// Whether this copy is a later revision than `other` of the same event.
    public func isNewer(than other: InvitationRevision) -> Bool {
        if sequence != other.sequence { return sequence > other.sequence }
        guard let stamp else { return false }
        guard let earlier = other.stamp else { return true }
        return stamp > earlier
    }

    /// `SEQUENCE 2, DTSTAMP 2026-11-20T09:00:00Z`.
    public var description: String {
        "SEQUENCE \(sequence)" + (stamp.map { ", DTSTAMP \(Self.utcText($0))" } ?? "")
    }

    /// `2026-12-03T15:00:00Z`: an instant as invitations' RECURRENCE-IDs are kept.
    static func utcText(_ date: Date) -> String {
        let clock = CalendarDay.wallClock(date, offset: 0)
        let second = clock.secondOfDay
        return String(format: "%@T%02d:%02d:%02dZ", clock.day.description, second / 3_600, second % 3_600 / 60, second % 60)
    }
}

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
