import CLibical
import FollowUpPlanning
import FollowUpSupport
import Synchronization

/// What bounds libical's work on one RRULE. libical's `icalrecur_iterator_next` steps through
/// candidates at the rule's frequency until one passes every BY part, and stops only at an
/// UNTIL, a COUNT or the year 2582: `FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30` from 1900 never
/// returns, and a VTIMEZONE observance of every second since 1601 fills memory (issue 25). So a
/// rule is given to libical only when the steps from its start to the end of the window asked
/// for are within `InputLimits.recurrenceSteps`, and with an UNTIL no later than that end, so
/// that no single call can step past it.
package enum RecurrenceBound {
    /// The steps libical may take for a rule of `frequency` every `interval` from `start`
    /// through `end` (inclusive days), a step being about the time libical takes for a day of a
    /// DAILY rule.
    package static func steps(of frequency: icalrecurrencetype_frequency, interval: Int, from start: CalendarDay,
                              through end: CalendarDay) -> Int {
        let days = max(0, end.dayNumber - start.dayNumber + 1)
        let every = max(1, interval)
        let (perDay, weight): (Int, Int) = switch frequency {
        case ICAL_SECONDLY_RECURRENCE: (86_400, 1)
        case ICAL_MINUTELY_RECURRENCE: (1_440, 1)
        case ICAL_HOURLY_RECURRENCE: (24, 1)
        case ICAL_DAILY_RECURRENCE: (1, 1)
        default: (0, 1)
        }
        if perDay > 0 {
            // Multiplied in steps, so that a window of centuries of seconds cannot overflow.
            let (product, overflow) = days.multipliedReportingOverflow(by: perDay)
            return overflow ? Int.max : product / every * weight
        }
        // As measured against a DAILY step (about 3 µs): a week costs libical two, a month six, a
        // year three, whatever BY parts expand them.
        let (periodDays, periodWeight) = switch frequency {
        case ICAL_WEEKLY_RECURRENCE: (7, 2)
        case ICAL_MONTHLY_RECURRENCE: (28, 6)
        default: (365, 3)
        }
        return (days / (periodDays * every) + 1) * periodWeight
    }

    /// The steps of `rule` from `start` through `end`: `steps(of:interval:from:through:)`
    /// times the candidates its BYHOUR, BYMINUTE and BYSECOND lists make of each step, as a DAILY
    /// rule with 24 hours, 60 minutes and 60 seconds listed has 86,400 a day.
    package static func steps(of rule: icalrecurrencetype, from start: CalendarDay, through end: CalendarDay) -> Int {
        let periods = steps(of: rule.freq, interval: Int(rule.interval), from: start, through: end)
        let candidates = [count(rule.by_second), count(rule.by_minute), count(rule.by_hour)].reduce(1) { $0 * max(1, $1) }
        let (product, overflow) = periods.multipliedReportingOverflow(by: candidates)
        return overflow ? Int.max : product
    }

    /// The values of one of libical's BY lists: a C array of shorts ended by
    /// `ICAL_RECURRENCE_ARRAY_MAX`.
    private static func count<List>(_ list: List) -> Int {
        withUnsafeBytes(of: list) { raw in
            raw.bindMemory(to: Int16.self).prefix { $0 != Int16(ICAL_RECURRENCE_ARRAY_MAX.rawValue) }.count
        }
    }

    /// `rule` with an UNTIL no later than the end of `end` (in `start`'s form: a date, or a
    /// floating time), the rule's own UNTIL when earlier or when the rule counts its
    /// occurrences instead.
    package static func capped(_ rule: icalrecurrencetype, start: icaltimetype, through end: CalendarDay) -> icalrecurrencetype {
        guard rule.count == 0 else { return rule }
        if icaltime_is_null_time(rule.until) == 0 {
            let until = CalendarDay(year: Int(rule.until.year), month: Int(rule.until.month), day: Int(rule.until.day))
            if until < end { return rule }
        }
        var capped = rule
        var until = icaltime_null_time()
        until.year = Int32(end.year)
        until.month = Int32(end.month)
        until.day = Int32(end.day)
        if start.is_date != 0 {
            until.is_date = 1
        } else {
            until.hour = 23
            until.minute = 59
            until.second = 59
        }
        capped.until = until
        return capped
    }

    /// The error for a rule whose steps are more than what is left of its file's budget.
    package static func overBudget(_ rule: String, steps: Int, of subject: String) -> ICalendarError {
        ICalendarError(operation: "expand the RRULE \"\(rule)\" of \(subject)", value: rule,
                       reason: "its \(steps) steps are more than what is left of the \(InputLimits.recurrenceStepsPerFile) "
                           + "the rules of one file may take together; " + givenUp)
    }

    /// The error for a rule that would take more than `InputLimits.recurrenceSteps`.
    package static func tooManySteps(_ rule: String, steps: Int, through end: CalendarDay, of subject: String) -> ICalendarError {
        let count = steps == Int.max ? "too many" : "\(steps)"
        return ICalendarError(operation: "expand the RRULE \"\(rule)\" of \(subject)", value: rule,
                              reason: "it would take \(count) steps to reach \(end), more than the \(InputLimits.recurrenceSteps) "
                                  + "one rule may take; " + givenUp)
    }

    /// Whether `error` is one `tooManySteps` made: a rule given up, not one libical refused.
    package static func isGivenUp(_ error: ICalendarError) -> Bool {
        error.code == nil && error.reason.hasSuffix(givenUp)
    }

    private static let givenUp = "its occurrences were given up"
}

/// The steps all the expansions made for one file may take together: a rule within the bound on
/// its own costs up to a third of a second, and a file of a thousand such events must not cost
/// minutes. Shared by the expansions of one reading or planning; once spent, each further rule is
/// given up, saying so.
public final class ExpansionBudget: Sendable {
    private let remaining: Mutex<Int>

    package init(steps: Int) {
        remaining = Mutex(steps)
    }

    /// A budget of `InputLimits.recurrenceStepsPerFile`.
    public static func forOneFile() -> ExpansionBudget {
        ExpansionBudget(steps: InputLimits.recurrenceStepsPerFile)
    }

    /// Takes `steps`, or nothing and false when fewer are left.
    package func take(_ steps: Int) -> Bool {
        remaining.withLock { left in
            guard steps <= left else { return false }
            left -= steps
            return true
        }
    }
}
