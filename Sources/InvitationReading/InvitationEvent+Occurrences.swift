import ICalendar
import FollowUpPlanning
import Foundation

extension InvitationEvent {
    /// The first occurrence that starts at or after `now`: the start itself for a single event
    /// (nil when it has passed), else the first of the RRULE's and RDATEs' occurrences, less the
    /// EXDATEs. Floating times and dates are taken in `floatingZone`. Nil when every
    /// occurrence has passed, or the RRULE cannot be read.
    public func firstOccurrence(notBefore now: Date, floatingIn floatingZone: TimeZone = .current) -> EventTime? {
        guard let start else { return nil }
        let instant = (zone ?? .utc).converter()
        func time(_ day: CalendarDay, _ secondOfDay: Int?) -> EventTime {
            switch start {
            case .allDay: return .allDay(day)
            case .floating: return .floating(WallClockTime(day: day, secondOfDay: secondOfDay ?? 0))
            case .instant(_, let name):
                return .instant(instant(day, secondOfDay ?? 0), zone: name)
            }
        }
        func isUpcoming(_ candidate: EventTime) -> Bool { candidate.instant(floatingIn: floatingZone) >= now }

        var candidates: [EventTime] = []
        if isUpcoming(start) { candidates.append(start) }
        if let recurrence {
            candidates += recurrence.dates.filter(isUpcoming)
            if let rule = recurrence.rule, let clock = startClock {
                let secondOfDay: Int? = if case .allDay = start { nil } else { clock.secondOfDay }
                // Bounded: a rule of every second since 1601 must not run for ever.
                try? RecurrenceExpansion.forEachOccurrence(of: rule, from: clock.day, secondOfDay: secondOfDay, limit: 100_000) { day, second in
                    let occurrence = time(day, second)
                    guard isUpcoming(occurrence) else { return true }
                    if !recurrence.exceptions.contains(occurrence) {
                        candidates.append(occurrence)
                        return false
                    }
                    return true
                }
            }
        }
        let excluded = Set(recurrence?.exceptions ?? [])
        return candidates.filter { !excluded.contains($0) }
            .min { $0.instant(floatingIn: floatingZone) < $1.instant(floatingIn: floatingZone) }
    }
}
