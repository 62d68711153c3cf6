import ICalendar
import FollowUpPlanning
import Foundation

/// One follow-up as one calendar object resource, as CalDAV stores them (RFC 4791 §4.1): a
/// VCALENDAR holding one VTODO or one VEVENT and the VTIMEZONE it uses, without `METHOD`.
extension CalendarWriter {
    public func object(_ kind: Kind, for followUp: FollowUp) throws(ICalendarError) -> String {
        let calendar = CalendarComponent(.calendar)
        calendar.add(try .version("2.0"))
        calendar.add(try .productID(Self.productID))
        calendar.add(try .calendarScale("GREGORIAN"))
        if case .slot(let start, let minutes, let zone) = followUp.timing, TimeZoneDefinition.publishableIdentifier(zone) != nil {
            let end = start.addingTimeInterval(TimeInterval(minutes * 60))
            calendar.add(try TimeZoneDefinition.component(for: zone, from: start, through: end))
        }
        calendar.add(try component(kind, for: followUp))
        return try calendar.serialised()
    }
}

/// Where a follow-up stands in a calendar object the user may have changed on their phone.
public struct CalendarObjectState: Sendable, Hashable {
    public var uid: String?
    public var isTask: Bool
    /// When it was completed: `STATUS:COMPLETED`, `COMPLETED` or `PERCENT-COMPLETE:100`; a
    /// completion without a `COMPLETED` time has `completedAt` nil.
    public var isCompleted: Bool
    public var completedAt: Date?
    /// The timing the object gives the follow-up: a VTODO's DUE (its end, for a call), a
    /// VEVENT's DTSTART; nil when it has neither.
    public var timing: FollowUp.Timing?

    /// Reads the first VTODO or VEVENT of `text`. `planned` is the follow-up as the store has
    /// it: a call keeps its length, and a time without a zone is read in the call's zone.
    public static func read(_ text: String, planned: FollowUp.Timing) throws(ICalendarError) -> CalendarObjectState {
        let document = try ParsedCalendar(parsing: text)
        let root = document.root
        let component: ParsedComponent
        if root.kind == .task || root.kind == .event {
            component = root
        } else if let first = root.children(.task).first(where: { _ in true }) ?? root.children(.event).first(where: { _ in true }) {
            component = first
        } else {
            throw ICalendarError(operation: "read the calendar object", reason: "it holds no VTODO or VEVENT")
        }
        let isTask = component.kind == .task
        let completedTime = component.completedAt
        let isCompleted = isTask && (component.isMarkedCompleted || completedTime != nil || (component.percentComplete ?? 0) >= 100)
        let zone: TimeZone
        switch planned {
        case .slot(_, _, let plannedZone): zone = plannedZone
        case .day: zone = TimeZone(identifier: "UTC")!
        }
        var timing: FollowUp.Timing?
        if let time = isTask ? component.due : component.start {
            switch planned {
            case .day:
                timing = .day(time.isDate ? time.date : CalendarDay(time.instant(defaultZone: zone), in: zone))
            case .slot(_, let minutes, let plannedZone):
                var start = time.isDate ? CalendarDay.startOfDay(time.date, in: plannedZone) : time.instant(defaultZone: zone)
                // A to-do is due when the call is over.
                if isTask { start = start.addingTimeInterval(-TimeInterval(minutes * 60)) }
                timing = .slot(start: start, minutes: minutes, timeZone: plannedZone)
            }
        }
        return CalendarObjectState(uid: component.uid, isTask: isTask, isCompleted: isCompleted,
                                   completedAt: completedTime.map { $0.instant(defaultZone: zone) }, timing: timing)
    }
}

extension CalendarTime {
    /// The moment this time names: UTC, in its TZID's zone, or floating in `defaultZone`.
    func instant(defaultZone: TimeZone) -> Date {
        let zone: TimeZone
        switch form {
        case .utc: zone = TimeZone(identifier: "UTC")!
        case .local(let tzid): zone = TimeZone(identifier: tzid) ?? defaultZone
        case .date, .floating: zone = defaultZone
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = DateComponents(year: date.year, month: date.month, day: date.day,
                                   hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60, second: secondOfDay % 60)
        return calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
    }
}

extension CalendarDay {
    static func startOfDay(_ day: CalendarDay, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }
}
