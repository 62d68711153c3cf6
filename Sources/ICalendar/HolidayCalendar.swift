import FollowUpPlanning

/// Reads public holidays from an iCalendar file (one all-day VEVENT per holiday, possibly with a
/// yearly RRULE, as published holiday calendars are written), with libical.
public enum HolidayCalendar {
    /// Every day that a VEVENT of `text` covers, up to the end of `lastYear`. An event whose
    /// RRULE libical cannot read or expand is an error, not a single day.
    public static func days(in text: String, through lastYear: Int) throws(ICalendarError) -> Set<CalendarDay> {
        let document = try ParsedCalendar(parsing: text)
        let root = document.root
        let events: [ParsedComponent]
        switch root.kind {
        case .event: events = [root]
        case .calendar: events = Array(root.children(.event))
        default: throw ICalendarError(operation: "read the holidays", reason: "the file holds no VCALENDAR")
        }

        var days = Set<CalendarDay>()
        for event in events {
            guard let start = event.start else {
                throw ICalendarError(operation: "read the holidays", reason: "\(event.reference) has no DTSTART")
            }
            let length = spanInDays(start, event.end)
            for first in try event.recurrenceDays(through: lastYear, limit: 500) ?? [start.date] {
                for offset in 0..<length { days.insert(first.adding(days: offset)) }
            }
        }
        return days
    }

    /// How many days an event covers: DTEND is exclusive for dates (RFC 5545 §3.6.1), a time on
    /// the last day still counts that day. Capped, so a typo cannot make a year of holidays.
    private static func spanInDays(_ start: CalendarTime, _ end: CalendarTime?) -> Int {
        guard let end else { return 1 }
        var count = 0
        var cursor = start.date
        while cursor < end.date, count < 31 {
            count += 1
            cursor = cursor.adding(days: 1)
        }
        if !end.isDate, end.secondOfDay >= 60 { count += 1 }
        return max(1, count)
    }
}
