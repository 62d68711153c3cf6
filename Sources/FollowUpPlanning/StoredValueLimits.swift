import Foundation

/// The span every value that enters the store from a file must lie in (docs/limits.md), checked
/// at the door by each importer, so that nothing stored can make a later command trap: dates
/// far outside it leave the range `Calendar` and `Int` arithmetic can handle, and a sequence
/// past `Int32.max` is more than libical's `SEQUENCE` holds.
public enum StoredValueLimits {
    /// The years an instant or a day may fall in: a job search is in this lifetime, and a date
    /// outside these is a typo or an attack.
    public static let years: ClosedRange<Int> = 1900...2200
    /// An iCalendar `SEQUENCE`: libical keeps it in a C `int`.
    public static let sequences: ClosedRange<Int> = 0...Int(Int32.max)

    /// 1900-01-01 00:00 UTC, in seconds since 1970.
    public static let earliestSecond = Double(CalendarDay(year: years.lowerBound, month: 1, day: 1).dayNumber) * 86_400
    /// The first second after 2200-12-31 ends in UTC, in seconds since 1970.
    public static let endSecond = Double(CalendarDay(year: years.upperBound + 1, month: 1, day: 1).dayNumber) * 86_400

    /// Whether `secondsSince1970` (as the store keeps instants) lies within `years` in UTC; a
    /// NaN or an infinity does not.
    public static func contains(secondsSince1970 seconds: Double) -> Bool {
        seconds.isFinite && seconds >= earliestSecond && seconds < endSecond
    }

    /// Whether `instant` lies within `years` in UTC.
    public static func contains(_ instant: Date) -> Bool {
        contains(secondsSince1970: instant.timeIntervalSince1970)
    }

    /// Whether `day` lies within `years`.
    public static func contains(_ day: CalendarDay) -> Bool {
        years.contains(day.year)
    }

    /// The span as a sentence ends it: "the years 1900 to 2200".
    public static var yearsDescription: String { "the years \(years.lowerBound) to \(years.upperBound)" }
}
