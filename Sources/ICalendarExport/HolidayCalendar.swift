import CLibical
import FollowUpPlanning

/// Reads public holidays from an iCalendar file (one all-day VEVENT per holiday, possibly with a
/// yearly RRULE, as published holiday calendars are written), with libical.
public enum HolidayCalendar {
    /// Every day that a VEVENT of `text` covers, up to the end of `lastYear`.
    public static func days(in text: String, through lastYear: Int) throws(ICalendarError) -> Set<CalendarDay> {
        guard let root = icalparser_parse_string(text) else {
            icalerror_clear_errno()
            throw ICalendarError(operation: "read the holidays", message: "the file is not iCalendar")
        }
        defer { icalcomponent_free(root) }
        guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT || icalcomponent_isa(root) == ICAL_VEVENT_COMPONENT else {
            throw ICalendarError(operation: "read the holidays", message: "the file holds no VCALENDAR")
        }

        var days = Set<CalendarDay>()
        var events: [OpaquePointer] = []
        if icalcomponent_isa(root) == ICAL_VEVENT_COMPONENT {
            events = [root]
        } else {
            var event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
            while let current = event {
                events.append(current)
                event = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)
            }
        }
        for event in events {
            let start = icalcomponent_get_dtstart(event)
            guard icaltime_is_null_time(start) == 0 else {
                let summary = icalcomponent_get_summary(event).map { String(cString: $0) } ?? "an event"
                throw ICalendarError(operation: "read the holidays", message: "'\(summary)' has no DTSTART")
            }
            let end = icalcomponent_get_dtend(event)
            let length = spanInDays(start, end)
            for first in occurrences(of: event, start: start, through: lastYear) {
                for offset in 0..<length { days.insert(first.adding(days: offset)) }
            }
        }
        return days
    }

    /// How many days an event covers: DTEND is exclusive for dates, a time on the last day
    /// still counts that day. Capped, so a typo cannot make a year of holidays.
    private static func spanInDays(_ start: icaltimetype, _ end: icaltimetype) -> Int {
        guard icaltime_is_null_time(end) == 0 else { return 1 }
        let first = day(start), last = day(end)
        var count = 0
        var cursor = first
        while cursor < last, count < 31 {
            count += 1
            cursor = cursor.adding(days: 1)
        }
        if end.is_date == 0, (end.hour > 0 || end.minute > 0) { count += 1 }
        return max(1, count)
    }

    private static func occurrences(of event: OpaquePointer, start: icaltimetype, through lastYear: Int) -> [CalendarDay] {
        guard let rule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) else { return [day(start)] }
        guard let iterator = icalrecur_iterator_new(icalproperty_get_rrule(rule), start) else {
            icalerror_clear_errno()
            return [day(start)]
        }
        defer { icalrecur_iterator_free(iterator) }
        var found: [CalendarDay] = []
        while found.count < 500 {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 || next.year > lastYear { break }
            found.append(day(next))
        }
        return found
    }

    private static func day(_ time: icaltimetype) -> CalendarDay {
        CalendarDay(year: Int(time.year), month: Int(time.month), day: Int(time.day))
    }
}
