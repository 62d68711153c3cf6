import ICalendar
import FollowUpPlanning
import FollowUpSupport
import Foundation

extension InvitationEvent {
    /// The first occurrence that starts at or after `now`: the start itself for a single event
    /// (nil when it has passed), else the first of the RRULE's and RDATEs' occurrences, less the
    /// EXDATEs. Floating times and dates are taken in `floatingZone`. Nil when every
    /// occurrence has passed, or the RRULE cannot be read.
    public func firstOccurrence(notBefore now: Date, floatingIn floatingZone: TimeZone = .current) -> EventTime? {
        (try? upcomingOccurrence(notBefore: now, floatingIn: floatingZone)) ?? nil
    }

    /// `firstOccurrence(notBefore:floatingIn:)`, which throws when the RRULE could not be followed
    /// from the start to `InputLimits.recurrenceHorizonDays` past `now` within the bound on
    /// libical's steps (`RecurrenceBound`), so that the caller can say the rule was given up
    /// rather than that every occurrence has passed.
    ///
    /// `budget`: the steps left to the file the event comes from, which the rule and the zone's
    /// rules are taken from (`ExpansionBudget`); nil for none but each rule's own bound.
    public func upcomingOccurrence(notBefore now: Date, floatingIn floatingZone: TimeZone = .current,
                                   budget: ExpansionBudget? = nil) throws(ICalendarError) -> EventTime? {
        guard let start else { return nil }
        let instant: (CalendarDay, Int) -> Date
        if isRecurring, let budget, case .defined(_, let definition, _)? = zone {
            // The zone's rules are expanded again for each event: they too take from the budget.
            let rules = try VTimeZoneRules(definition: definition, budget: budget)
            instant = { rules.instant(on: $0, secondOfDay: $1) }
        } else {
            instant = (zone ?? .utc).converter()
        }
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
                // Bounded in occurrences and in libical's steps: a rule of every second since 1601, or
                // one whose day never comes, must not run for ever.
                let horizon = CalendarDay(now, in: floatingZone).adding(days: InputLimits.recurrenceHorizonDays)
                let givenUp = try? RecurrenceExpansion.forEachOccurrence(
                    of: rule, from: clock.day, secondOfDay: secondOfDay, through: horizon, limit: InputLimits.recurrenceOccurrences,
                    budget: budget
                ) { day, second in
                    let occurrence = time(day, second)
                    guard isUpcoming(occurrence) else { return true }
                    if !recurrence.exceptions.contains(occurrence) {
                        candidates.append(occurrence)
                        return false
                    }
                    return true
                }
                if let givenUp = givenUp ?? nil { throw givenUp }
            }
        }
        let excluded = Set(recurrence?.exceptions ?? [])
        return candidates.filter { !excluded.contains($0) }
            .min { $0.instant(floatingIn: floatingZone) < $1.instant(floatingIn: floatingZone) }
    }
}
