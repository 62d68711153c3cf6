import FollowUpPlanning
import Foundation

/// What one invitation file says: the calendar's METHOD, every VEVENT in file order (overrides
/// with a RECURRENCE-ID included), and what the reader had to repair to read it.
public struct Invitation: Sendable, Hashable {
    /// The file as the user named it.
    public var file: String
    /// The VCALENDAR's METHOD, upper-case (`REQUEST`, `CANCEL`, `PUBLISH`, ...); nil when absent.
    public var method: String?
    public var events: [InvitationEvent]
    /// Every repair the reader made, with the line it made it on, in file order.
    public var warnings: [InvitationWarning]
    /// Where in an e-mail the calendar was found (`text/calendar part 1.2`); nil for an .ics file.
    public var part: String?

    public init(file: String, method: String?, events: [InvitationEvent],
                warnings: [InvitationWarning] = [], part: String? = nil) {
        self.file = file
        self.method = method
        self.events = events
        self.warnings = warnings
        self.part = part
    }

    /// Whether the file broke RFC 5545 in a way the reader had to repair.
    public var isMalformed: Bool { !warnings.isEmpty }

    /// Whether the invitation withdraws its events (`METHOD:CANCEL`).
    public var isCancellation: Bool { method == "CANCEL" }
}

/// A repair the reader made (a long line it did not fold, a TAB fold, a role spelled
/// `REQ_PARTICIPANT`), and the line of the file it concerns.
public struct InvitationWarning: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the calendar text (of the decoded calendar part, for an e-mail).
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// One VEVENT of an invitation: the interview as the organizer's calendar describes it.
public struct InvitationEvent: Sendable, Hashable {
    /// The line of the event's `BEGIN:VEVENT`.
    public var line: Int
    public var uid: String?
    /// The occurrence of a recurring event that this VEVENT overrides.
    public var recurrenceID: EventTime?
    /// `SEQUENCE`, 0 when absent: a higher one is a newer revision of the same event.
    public var sequence: Int
    public var status: EventStatus?
    /// True when the invitation's METHOD is CANCEL or the event's STATUS is CANCELLED.
    public var isCancelled: Bool
    /// Unfolded and unescaped; nil when absent or empty.
    public var summary: String?
    public var description: String?
    /// Nil only for a VEVENT a CANCEL carries with nothing but its UID.
    public var start: EventTime?
    /// DTSTART's TZID as the file writes it (unquoted, unescaped): what a zone the reader could
    /// not name in IANA terms is called. Nil for UTC, floating times and dates.
    public var timeZoneID: String?
    /// `DTEND`, or `DTSTART` plus `DURATION`; nil when there is neither.
    public var end: EventTime?
    /// When the organizer's calendar produced this copy: with `sequence`, which copy is newer.
    public var dtstamp: Date?
    /// `RRULE`, `RDATE` and `EXDATE`; nil for a single event.
    public var recurrence: Recurrence?
    public var organizer: Organizer?
    public var attendees: [Attendee]
    /// Nil when absent or empty.
    public var location: String?
    /// The video-call link (Teams, Zoom, Meet, ...): from the properties products write it to,
    /// else the first known meeting URL in LOCATION, URL or DESCRIPTION.
    public var conference: URL?
    /// How the start's TZID was resolved, and the start on its own wall clock: what
    /// `firstOccurrence(notBefore:)` repeats.
    var zone: ZoneRules?
    var startClock: WallClockTime?

    public init(line: Int, uid: String? = nil, recurrenceID: EventTime? = nil, sequence: Int = 0,
                status: EventStatus? = nil, isCancelled: Bool = false, summary: String? = nil,
                description: String? = nil, start: EventTime?, end: EventTime? = nil, dtstamp: Date? = nil,
                recurrence: Recurrence? = nil, organizer: Organizer? = nil, attendees: [Attendee] = [],
                location: String? = nil, conference: URL? = nil) {
        self.line = line
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.sequence = sequence
        self.status = status
        self.isCancelled = isCancelled
        self.summary = summary
        self.description = description
        self.start = start
        self.timeZoneID = nil
        self.end = end
        self.dtstamp = dtstamp
        self.recurrence = recurrence
        self.organizer = organizer
        self.attendees = attendees
        self.location = location
        self.conference = conference
        self.zone = nil
        self.startClock = nil
    }

    /// Whether the event repeats (it has an RRULE or RDATE).
    public var isRecurring: Bool { recurrence != nil }
}

/// `STATUS` of a VEVENT (RFC 5545 §3.8.1.11).
public enum EventStatus: String, Sendable, Hashable, CaseIterable {
    case confirmed = "CONFIRMED"
    case tentative = "TENTATIVE"
    case cancelled = "CANCELLED"
}

/// A moment as an invitation states it.
public enum EventTime: Sendable, Hashable, CustomStringConvertible {
    /// A time in UTC or in a zone: the instant, and the IANA zone its TZID stands for (nil for UTC
    /// and for a file's own VTIMEZONE that names no IANA zone).
    case instant(Date, zone: String?)
    /// A wall-clock time with no zone (RFC 5545 form #1): the same clock time wherever one is.
    case floating(WallClockTime)
    /// A date (`VALUE=DATE`): an all-day event.
    case allDay(CalendarDay)

    /// `2026-12-03T15:00:00Z`, `2026-12-03T15:00:00` or `2026-12-03`, as the JSON report writes it.
    public var description: String {
        switch self {
        case .instant(let date, _):
            let clock = CalendarDay.wallClock(date, offset: 0)
            return WallClockTime(day: clock.day, secondOfDay: clock.secondOfDay).description + "Z"
        case .floating(let time): return time.description
        case .allDay(let day): return day.description
        }
    }

    /// The IANA zone of an `.instant`; nil otherwise.
    public var zone: String? {
        if case .instant(_, let zone) = self { return zone }
        return nil
    }

    /// The instant, taking a floating time or a date in `timeZone`.
    public func instant(floatingIn timeZone: TimeZone) -> Date {
        switch self {
        case .instant(let date, _): return date
        case .floating(let time): return time.instant(in: timeZone)
        case .allDay(let day): return day.start(in: timeZone)
        }
    }
}

/// A date and a time of day on a wall clock, without a zone.
public struct WallClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var day: CalendarDay
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(day: CalendarDay, hour: Int, minute: Int, second: Int = 0) {
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    init(day: CalendarDay, secondOfDay: Int) {
        self.init(day: day, hour: secondOfDay / 3_600, minute: secondOfDay % 3_600 / 60, second: secondOfDay % 60)
    }

    var secondOfDay: Int { hour * 3_600 + minute * 60 + second }

    /// Seconds since 1970-01-01T00:00 on this wall clock, as if it were UTC.
    var secondsSinceEpoch: Int { (day.dayNumber - CalendarDay(year: 1970, month: 1, day: 1).dayNumber) * 86_400 + secondOfDay }

    /// The instant this clock time is in `timeZone` (the later reading of a repeated hour, the
    /// hour after a skipped one, as `Calendar` resolves them).
    public func instant(in timeZone: TimeZone) -> Date {
        var parts = DateComponents()
        parts.year = day.year
        parts.month = day.month
        parts.day = day.day
        parts.hour = hour
        parts.minute = minute
        parts.second = second
        return Calendar.gregorian(in: timeZone).date(from: parts) ?? day.start(in: timeZone)
    }

    public static func < (lhs: WallClockTime, rhs: WallClockTime) -> Bool {
        (lhs.day, lhs.secondOfDay) < (rhs.day, rhs.secondOfDay)
    }

    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(hour)):\(two(minute)):\(two(second))"
    }
}

/// How an event repeats: its RRULE as written, and the RDATE and EXDATE times.
public struct Recurrence: Sendable, Hashable {
    /// The RRULE value (`FREQ=WEEKLY;UNTIL=...`), nil when only RDATEs repeat the event.
    public var rule: String?
    /// Extra occurrences (RDATE; a PERIOD's start).
    public var dates: [EventTime]
    /// Occurrences taken out (EXDATE).
    public var exceptions: [EventTime]

    public init(rule: String?, dates: [EventTime] = [], exceptions: [EventTime] = []) {
        self.rule = rule
        self.dates = dates
        self.exceptions = exceptions
    }
}

/// `ORGANIZER`: who sent the invitation.
public struct Organizer: Sendable, Hashable {
    /// The CN, unquoted and trimmed; nil when absent.
    public var name: String?
    /// The address (from `EMAIL=` when present, else the `mailto:` value); nil when the value is
    /// no address (Outlook's `invalid:nomail`).
    public var email: String?

    public init(name: String?, email: String?) {
        self.name = name
        self.email = email
    }
}

/// An `ATTENDEE`: a person, a room, a resource or a group the invitation went to.
public struct Attendee: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case individual, room, resource, group, unknown
    }

    /// `ROLE` (RFC 5545 §3.2.16); `REQ_PARTICIPANT` and other misspellings read as the RFC's.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case chair = "CHAIR"
        case required = "REQ-PARTICIPANT"
        case optional = "OPT-PARTICIPANT"
        case nonParticipant = "NON-PARTICIPANT"
    }

    /// `PARTSTAT` (RFC 5545 §3.2.12): whether the attendee comes.
    public enum Participation: String, Sendable, Hashable, CaseIterable {
        case needsAction = "NEEDS-ACTION"
        case accepted = "ACCEPTED"
        case declined = "DECLINED"
        case tentative = "TENTATIVE"
        case delegated = "DELEGATED"
    }

    public var name: String?
    public var email: String?
    /// From CUTYPE (absent: individual); a Google resource address is a room.
    public var kind: Kind
    public var role: Role?
    public var participation: Participation?

    public init(name: String?, email: String?, kind: Kind = .individual, role: Role? = nil,
                participation: Participation? = nil) {
        self.name = name
        self.email = email
        self.kind = kind
        self.role = role
        self.participation = participation
    }
}
