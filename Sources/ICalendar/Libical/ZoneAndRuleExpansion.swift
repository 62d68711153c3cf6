import CLibical
import FollowUpPlanning
import FollowUpSupport
import Foundation

/// A time zone known only from a VTIMEZONE's own observances (STANDARD and DAYLIGHT, each with
/// its RRULE or RDATEs), applied by libical: what an invitation's custom zone (Lotus Notes'
/// `Eastern`) means. Owns libical's zone, and is not shared between threads, as libical fills the
/// zone's table of changes lazily.
public final class VTimeZoneRules {
    private let zone: OpaquePointer

    /// Reads `definition`, the text of one VTIMEZONE (with or without a VCALENDAR around it).
    /// `budget`: the steps left to the file the zone is read for, which its rules are taken from.
    public init(definition: String, budget: ExpansionBudget? = nil) throws(ICalendarError) {
        guard let parsed = icalparser_parse_string(definition) else {
            throw .current("read the VTIMEZONE", otherwise: "it is not iCalendar")
        }
        icalerror_clear_errno()
        var timezone = parsed
        if icalcomponent_isa(parsed) != ICAL_VTIMEZONE_COMPONENT {
            guard let child = icalcomponent_get_first_component(parsed, ICAL_VTIMEZONE_COMPONENT) else {
                icalcomponent_free(parsed)
                throw ICalendarError(operation: "read the VTIMEZONE", reason: "the text holds no VTIMEZONE")
            }
            icalcomponent_remove_component(parsed, child)
            icalcomponent_free(parsed)
            timezone = child
        }
        do throws(ICalendarError) {
            try Self.bound(timezone, budget: budget)
        } catch {
            icalcomponent_free(timezone)
            throw error
        }
        guard let zone = icaltimezone_new() else { fatalError("libical could not allocate a time zone") }
        // The zone owns the component from here on, and frees it with itself.
        guard icaltimezone_set_component(zone, timezone) != 0 else {
            icaltimezone_free(zone, 1)
            icalcomponent_free(timezone)
            throw .current("read the VTIMEZONE", otherwise: "it has no TZID")
        }
        self.zone = zone
    }

    deinit {
        icaltimezone_free(zone, 1)
    }

    /// Checks that libical can expand each observance's RRULE from its DTSTART through
    /// `InputLimits.zoneRulesThroughYear` within the step bound, and caps its UNTIL there: libical
    /// fills a zone's table of changes with every occurrence from the observance's start, so a
    /// STANDARD of every second since 1601 would grow it without end (issue 25).
    private static func bound(_ timezone: OpaquePointer, budget: ExpansionBudget?) throws(ICalendarError) {
        let end = CalendarDay(year: InputLimits.zoneRulesThroughYear, month: 12, day: 31)
        for kind in [ICAL_XSTANDARD_COMPONENT, ICAL_XDAYLIGHT_COMPONENT] {
            var observance = icalcomponent_get_first_component(timezone, kind)
            while let current = observance {
                let start = icalcomponent_get_dtstart(current)
                let day = CalendarDay(year: Int(start.year), month: Int(start.month), day: Int(start.day))
                var property = icalcomponent_get_first_property(current, ICAL_RRULE_PROPERTY)
                while let rule = property {
                    var recurrence = icalproperty_get_rrule(rule)
                    let steps = RecurrenceBound.steps(of: recurrence, from: day, through: end)
                    guard steps <= InputLimits.recurrenceSteps else {
                        let text = icalrecurrencetype_as_string(&recurrence).map { String(cString: $0) } ?? ""
                        let name = kind == ICAL_XSTANDARD_COMPONENT ? "STANDARD" : "DAYLIGHT"
                        throw RecurrenceBound.tooManySteps(text, steps: steps, through: end, of: "its \(name) from \(day)")
                    }
                    if let budget, !budget.take(steps) {
                        let text = icalrecurrencetype_as_string(&recurrence).map { String(cString: $0) } ?? ""
                        throw RecurrenceBound.overBudget(text, steps: steps, of: "the VTIMEZONE's observance from \(day)")
                    }
                    icalproperty_set_rrule(rule, RecurrenceBound.capped(recurrence, start: start, through: end))
                    property = icalcomponent_get_next_property(current, ICAL_RRULE_PROPERTY)
                }
                observance = icalcomponent_get_next_component(timezone, kind)
            }
        }
    }

    /// The instant at which the zone's clocks show `secondOfDay` on `day`.
    public func instant(on day: CalendarDay, secondOfDay: Int) -> Date {
        var time = icaltime_null_time()
        time.year = Int32(day.year)
        time.month = Int32(day.month)
        time.day = Int32(day.day)
        time.hour = Int32(secondOfDay / 3_600)
        time.minute = Int32(secondOfDay % 3_600 / 60)
        time.second = Int32(secondOfDay % 60)
        time.zone = zone
        return Date(timeIntervalSince1970: TimeInterval(icaltime_as_timet_with_zone(time, zone)))
    }
}

/// The occurrences of an RRULE, expanded by libical on the wall clock of the event's start.
public enum RecurrenceExpansion {
    /// Calls `body` with each occurrence of `rule` (an RRULE value) from the start `day` at
    /// `secondOfDay` (nil for a date) through the end of `end`, in order, while it returns true and
    /// at most `limit` times.
    ///
    /// Throws when libical cannot read the rule. Returns the error saying why when following it
    /// to `end` would take more than `InputLimits.recurrenceSteps` steps (`RecurrenceBound`):
    /// then no occurrence is given, and the caller says what was given up.
    @discardableResult
    public static func forEachOccurrence(of rule: String, from day: CalendarDay, secondOfDay: Int?, through end: CalendarDay,
                                         limit: Int, budget: ExpansionBudget? = nil,
                                         _ body: (CalendarDay, Int?) -> Bool) throws(ICalendarError) -> ICalendarError? {
        let recurrence = icalrecurrencetype_from_string(rule)
        icalerror_clear_errno()
        guard recurrence.freq != ICAL_NO_RECURRENCE else {
            throw ICalendarError(.malformedData, operation: "read the RRULE \"\(rule)\"", value: rule)
        }
        var start = icaltime_null_time()
        start.year = Int32(day.year)
        start.month = Int32(day.month)
        start.day = Int32(day.day)
        if let secondOfDay {
            start.hour = Int32(secondOfDay / 3_600)
            start.minute = Int32(secondOfDay % 3_600 / 60)
            start.second = Int32(secondOfDay % 60)
        } else {
            start.is_date = 1
        }
        let steps = RecurrenceBound.steps(of: recurrence, from: day, through: end)
        guard steps <= InputLimits.recurrenceSteps else {
            return RecurrenceBound.tooManySteps(rule, steps: steps, through: end, of: "the event")
        }
        if let budget, !budget.take(steps) { return RecurrenceBound.overBudget(rule, steps: steps, of: "the event") }
        guard let iterator = icalrecur_iterator_new(RecurrenceBound.capped(recurrence, start: start, through: end), start) else {
            throw .current("expand the RRULE \"\(rule)\"", value: rule, otherwise: "it cannot be expanded")
        }
        defer { icalrecur_iterator_free(iterator) }
        var count = 0
        while count < limit {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            count += 1
            let nextDay = CalendarDay(year: Int(next.year), month: Int(next.month), day: Int(next.day))
            if nextDay > end { break }
            let nextSecond = next.is_date != 0 ? nil : Int(next.hour) * 3_600 + Int(next.minute) * 60 + Int(next.second)
            if !body(nextDay, nextSecond) { break }
        }
        return nil
    }
}
