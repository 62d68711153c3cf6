import Foundation

/// A date without a time of day, as a calendar shows an all-day deadline.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day on which `instant` falls in `timeZone`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        let parts = Calendar.gregorian(in: timeZone).dateComponents([.year, .month, .day], from: instant)
        if let year = parts.year, let month = parts.month, let day = parts.day {
            self.init(year: year, month: month, day: day)
        } else {
            // Outside the calendar's range: the same arithmetic without it, rather than a trap.
            self = Self.wallClock(instant, offset: timeZone.secondsFromGMT()).day
        }
    }

    /// Parses `YYYY-MM-DD`; nil when it is not a real date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
        guard isValid else { return nil }
    }

    /// Whether this is a real date: 31 April or 29 February 2027 are not. A valid day survives
    /// the round trip through its day number unchanged.
    public var isValid: Bool {
        (1...12).contains(month) && (1...31).contains(day) && CalendarDay(dayNumber: dayNumber) == self
    }

    var components: DateComponents { DateComponents(year: year, month: month, day: day) }

    /// The instant this day starts at in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        Calendar.gregorian(in: timeZone).date(from: components) ?? fallbackInstant(secondOfDay: 0, in: timeZone)
    }

    /// The instant of `hour:minute` on this day, as a wall clock in `timeZone` reads it.
    public func at(hour: Int, minute: Int, in timeZone: TimeZone) -> Date {
        var parts = components
        parts.hour = hour
        parts.minute = minute
        return Calendar.gregorian(in: timeZone).date(from: parts) ?? fallbackInstant(secondOfDay: hour * 3_600 + minute * 60, in: timeZone)
    }

    /// The instant for a day outside the range `Calendar` names (importers keep such days out
    /// of the store, `StoredValueLimits`, but a value read from a file must not trap): seconds
    /// counted from the day number on the zone's present offset, in floating point so no sum
    /// can overflow.
    private func fallbackInstant(secondOfDay: Int, in timeZone: TimeZone) -> Date {
        Date(timeIntervalSince1970: Double(dayNumber) * 86_400 + Double(secondOfDay) - Double(timeZone.secondsFromGMT()))
    }

    /// The day `count` days later (earlier when negative), by the calendar, not by seconds.
    /// A sum past `dayNumbers` stops at its end, a day no calendar names, rather than trapping.
    public func adding(days count: Int) -> CalendarDay {
        let (sum, overflowed) = dayNumber.addingReportingOverflow(count)
        let bounded = overflowed ? (count > 0 ? Self.dayNumbers.upperBound : Self.dayNumbers.lowerBound) : sum
        return CalendarDay(dayNumber: min(max(bounded, Self.dayNumbers.lowerBound), Self.dayNumbers.upperBound))
    }

    /// The day numbers the arithmetic below runs on without overflowing: some 24 billion years
    /// either side of 1970, far past any date a calendar names.
    static let dayNumbers: ClosedRange<Int> = -(1 << 43)...(1 << 43)

    /// 1 is Sunday ... 7 is Saturday, as `Calendar` numbers weekdays.
    public var weekday: Int {
        // 1 January 1970 was a Thursday.
        ((dayNumber + 4) % 7 + 7) % 7 + 1
    }

    /// Days since 1 January 1970 in the proleptic Gregorian calendar. Day arithmetic runs on
    /// this number: planners and feeds do it tens of thousands of times, and a `Calendar` per
    /// step would cost more than everything else they do.
    public var dayNumber: Int {
        // Years counted from 1 March, so that the leap day ends the year; 400-year eras repeat.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `dayNumber` days after 1 January 1970.
    public init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month,
                  day: dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
    }

    /// The day and the seconds since midnight of `instant` on a clock `offset` seconds ahead of
    /// UTC, by the same arithmetic: no `Calendar` and no formatter, which are built at a cost
    /// that lists and feeds of thousands of entries notice.
    public static func wallClock(_ instant: Date, offset: Int) -> (day: CalendarDay, secondOfDay: Int) {
        // An instant past the day numbers (or NaN) is taken at their end, rather than trapping
        // on a conversion to Int.
        let limit = Double(dayNumbers.upperBound) * 86_400
        let since1970 = instant.timeIntervalSince1970.rounded(.down)
        let seconds = Int(since1970.isNaN ? 0 : min(max(since1970, -limit), limit)) + offset
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (CalendarDay(dayNumber: days), seconds - days * 86_400)
    }

    /// "2026-12-01" (`%04d-%02d-%02d`), without Foundation's formatter: every follow-up planned
    /// names its day, and an import plans tens of thousands.
    public var description: String {
        Self.zeroPadded(year, width: 4) + "-" + Self.zeroPadded(month, width: 2) + "-" + Self.zeroPadded(day, width: 2)
    }

    /// `value` as `%0Nd` writes it for a width of N: zeros in front up to `width` digits.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        guard value >= 0 else { return String(format: "%0\(width)d", value) }
        let digits = String(value)
        return digits.utf8.count >= width ? digits : String(repeating: "0", count: width - digits.utf8.count) + digits
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension Calendar {
    /// A Gregorian calendar fixed to `timeZone`, so results never depend on the machine's zone.
    public static func gregorian(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }
}

extension TimeZone {
    /// The zone's name as a person reads it: its IANA name, and `UTC` for the zone Foundation
    /// calls `GMT` (what `--tz UTC` loads on Linux).
    public var readableName: String {
        ["GMT", "Etc/GMT", "Etc/UTC", "UTC"].contains(identifier) && secondsFromGMT() == 0 ? "UTC" : identifier
    }
}

/// A time on a wall clock, without a day or a zone: when a call starts, wherever it is made.
public struct ClockTime: Sendable, Hashable {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }
}
