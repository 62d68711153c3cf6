import Foundation

/// One thing the candidate should do after the interview, with its deadline.
public struct FollowUp: Sendable, Hashable, Identifiable {
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case thankYouEmail = "thank-you e-mail"
        case checkInCall = "check-in call"
        case checkInEmail = "check-in e-mail"
    }

    /// When it is due: a whole day (a deadline) or a slot at a time of day (a call).
    public enum Timing: Sendable, Hashable {
        case day(CalendarDay)
        case slot(start: Date, minutes: Int, timeZone: TimeZone)

        /// The calendar day of the deadline, in the zone it is planned in.
        public var day: CalendarDay {
            switch self {
            case .day(let day): return day
            case .slot(let start, _, let zone): return CalendarDay(start, in: zone)
            }
        }
    }

    /// Stays the same when the same plan is made again, so calendars update, not duplicate.
    public var id: String
    public var action: Action
    public var interviewer: Interviewer
    /// The e-mail address or phone number to use.
    public var address: String
    public var timing: Timing
    /// One line naming the action and the person.
    public var summary: String
    /// The details: address, company, role, when the interview was.
    public var details: String
    /// The guidance rule that put it in the plan.
    public var rule: Int
}

/// The follow-ups for one interview, and what the planner could not plan.
public struct Plan: Sendable, Hashable {
    public var interview: Interview
    public var followUps: [FollowUp]
    /// Why something expected is missing ("no e-mail on card ...").
    public var warnings: [String]
}
