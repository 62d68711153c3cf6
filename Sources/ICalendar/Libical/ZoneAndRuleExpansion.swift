import CLibical
import FollowUpPlanning
import Foundation

/// A time zone known only from a VTIMEZONE's own observances (STANDARD and DAYLIGHT, each with
/// its RRULE or RDATEs), applied by libical: what an invitation's custom zone (Lotus Notes'
/// `Eastern`) means. Owns libical's zone, and is not shared between threads, as libical fills the
/// zone's table of changes lazily.
public final class VTimeZoneRules {
    private let zone: OpaquePointer

    /// Reads `definition`, the text of one VTIMEZONE (with or without a VCALENDAR around it).
    public init(definition: String) throws(ICalendarError) {
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
    /// `secondOfDay` (nil for a date), in order, while it returns true and at most `limit` times.
    public static func forEachOccurrence(of rule: String, from day: CalendarDay, secondOfDay: Int?, limit: Int,
                                         _ body: (CalendarDay, Int?) -> Bool) throws(ICalendarError) {
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
        guard let iterator = icalrecur_iterator_new(recurrence, start) else {
            throw .current("expand the RRULE \"\(rule)\"", value: rule, otherwise: "it cannot be expanded")
        }
        defer { icalrecur_iterator_free(iterator) }
        var count = 0
        while count < limit {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 { break }
            count += 1
            let nextDay = CalendarDay(year: Int(next.year), month: Int(next.month), day: Int(next.day))
            let nextSecond = next.is_date != 0 ? nil : Int(next.hour) * 3_600 + Int(next.minute) * 60 + Int(next.second)
            if !body(nextDay, nextSecond) { break }
        }
    }
}
