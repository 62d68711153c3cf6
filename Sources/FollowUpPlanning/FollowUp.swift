import Foundation

/// One thing the candidate should do for an interview, with its deadline.
public struct FollowUp: Sendable, Hashable, Identifiable {
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// At the interview itself: ask how and when to follow up, collect every card (rules 1, 2 of docs/follow-up-guidance.md).
        case interviewChecklist = "interview checklist"
        case thankYouEmail = "thank-you e-mail"
        case checkInCall = "check-in call"
        case checkInEmail = "check-in e-mail"

        /// How the candidate reaches the person, at an interview held in person.
        public var channel: String { channel(for: .onsite) }

        /// How the candidate reaches the person at an interview held in `format`: the
        /// checklist is done where the interview is, in the room or on the call.
        public func channel(for format: Interview.Format) -> String {
            switch self {
            case .interviewChecklist:
                switch format {
                case .onsite: return "in person"
                case .phone: return "phone"
                case .video: return "video call"
                }
            case .thankYouEmail, .checkInEmail: return "e-mail"
            case .checkInCall: return "phone"
            }
        }
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

    /// Where a follow-up stands; the store changes it, the planner makes everything `planned`.
    public enum Status: Sendable, Hashable {
        case planned
        case done(on: Date)
        case cancelled(reason: String)
    }

    /// Stays the same when the same plan is made again, so calendars update, not duplicate.
    public var id: String
    public var action: Action
    /// The person it concerns; nil for the interview checklist, which concerns everyone.
    public var interviewer: Interviewer?
    /// The e-mail address or phone number to use; empty for the checklist.
    public var address: String
    public var timing: Timing
    /// One line naming the action and the person.
    public var summary: String
    /// The details: what to do, the draft, the address, company, role and interview.
    public var details: String
    /// The e-mail draft or call script the candidate can start from.
    public var draft: Draft?
    /// The guidance rule that put it in the plan, and why it is on this day.
    public var rule: Int
    public var reason: String
    public var status: Status = .planned
    /// How often the follow-up changed after it was first published (iCalendar `SEQUENCE`).
    public var sequence: Int = 0
    /// When it last changed; nil means "when the plan was made".
    public var lastModified: Date?

    public init(id: String, action: Action, interviewer: Interviewer?, address: String, timing: Timing, summary: String,
                details: String, draft: Draft? = nil, rule: Int, reason: String, status: Status = .planned,
                sequence: Int = 0, lastModified: Date? = nil) {
        self.id = id
        self.action = action
        self.interviewer = interviewer
        self.address = address
        self.timing = timing
        self.summary = summary
        self.details = details
        self.draft = draft
        self.rule = rule
        self.reason = reason
        self.status = status
        self.sequence = sequence
        self.lastModified = lastModified
    }
}

/// A ready-to-use message: an e-mail draft with its `mailto:` link, or a call script with its
/// `tel:` link.
public struct Draft: Sendable, Hashable {
    public var subject: String?
    public var body: String
    /// `mailto:` with subject and body prefilled, or `tel:`.
    public var link: String?

    public init(subject: String?, body: String, link: String?) {
        self.subject = subject
        self.body = body
        self.link = link
    }
}

/// The follow-ups for one interview, and what the planner could not plan.
public struct Plan: Sendable, Hashable {
    public var interview: Interview
    public var followUps: [FollowUp]
    /// Why something expected is missing ("no e-mail on card ..."), or what looks wrong.
    public var warnings: [String]
    /// Advice that is no warning: drafts that could be more personal.
    public var notices: [String]

    public init(interview: Interview, followUps: [FollowUp], warnings: [String] = [], notices: [String] = []) {
        self.interview = interview
        self.followUps = followUps
        self.warnings = warnings
        self.notices = notices
    }
}
