import FollowUpPlanning
import Foundation

/// A moment as a calendar file states it.
package struct CalendarTime {
    package enum Form {
        case date
        /// A wall-clock time with no zone: written only for observance starts inside a VTIMEZONE.
        case floating
        case local(tzid: String)
        case utc
    }

    package var date: CalendarDay
    /// Seconds since midnight on `date`'s wall clock; unused for `.date`.
    package var secondOfDay: Int
    package var form: Form

    package init(date: CalendarDay, secondOfDay: Int = 0, form: Form) {
        self.date = date
        self.secondOfDay = secondOfDay
        self.form = form
    }

    package init(parts: DateComponents, form: Form) {
        self.init(date: CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!),
                  secondOfDay: (parts.hour ?? 0) * 3_600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0), form: form)
    }

    package var tzid: String? {
        if case .local(let tzid) = form { return tzid }
        return nil
    }

    package var isDate: Bool {
        if case .date = form { return true }
        return false
    }

    package static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarTime {
        CalendarTime(date: CalendarDay(year: year, month: month, day: day), form: .date)
    }

    /// `instant` in UTC.
    package static func utc(_ instant: Date) -> CalendarTime {
        let clock = CalendarDay.wallClock(instant, offset: 0)
        return CalendarTime(date: clock.day, secondOfDay: clock.secondOfDay, form: .utc)
    }

    /// `instant` on the wall clock of `zone`; UTC when the zone has no IANA name a calendar app
    /// could look up (a card's bare `-05:00`).
    package static func local(_ instant: Date, in zone: TimeZone) -> CalendarTime {
        guard let tzid = TimeZoneDefinition.publishableIdentifier(zone) else { return utc(instant) }
        let clock = CalendarDay.wallClock(instant, offset: zone.secondsFromGMT(for: instant))
        return CalendarTime(date: clock.day, secondOfDay: clock.secondOfDay, form: .local(tzid: tzid))
    }
}
