import Foundation

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
    public static func utcText(_ date: Date) -> String {
        let clock = CalendarDay.wallClock(date, offset: 0)
        let second = clock.secondOfDay
        return String(format: "%@T%02d:%02d:%02dZ", clock.day.description, second / 3_600, second % 3_600 / 60, second % 60)
    }
}
