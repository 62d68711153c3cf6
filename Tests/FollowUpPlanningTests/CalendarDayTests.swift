import Foundation
import Testing
@testable import FollowUpPlanning

/// Day arithmetic by day numbers agrees with Foundation's Gregorian calendar.
struct CalendarDayTests {
    let utc = TimeZone(identifier: "UTC")!

    @Test func dayNumbersAgreeWithFoundationFrom1900To2200() {
        let calendar = Calendar.gregorian(in: utc)
        var date = calendar.date(from: DateComponents(year: 1900, month: 1, day: 1))!
        var number = CalendarDay(date, in: utc).dayNumber
        #expect(number == -25_567)
        while calendar.component(.year, from: date) < 2200 {
            let day = CalendarDay(date, in: utc)
            #expect(day.dayNumber == number, "\(day)")
            #expect(CalendarDay(dayNumber: number) == day)
            #expect(day.weekday == calendar.component(.weekday, from: date), "\(day)")
            date = calendar.date(byAdding: .day, value: 1, to: date)!
            number += 1
        }
    }

    @Test func addingCrossesMonthYearAndLeapDays() {
        #expect(CalendarDay(iso: "2028-02-28")!.adding(days: 1) == CalendarDay(iso: "2028-02-29"))
        #expect(CalendarDay(iso: "2100-02-28")!.adding(days: 1) == CalendarDay(iso: "2100-03-01"))
        #expect(CalendarDay(iso: "2026-12-31")!.adding(days: 1) == CalendarDay(iso: "2027-01-01"))
        #expect(CalendarDay(iso: "2027-01-01")!.adding(days: -1) == CalendarDay(iso: "2026-12-31"))
        #expect(CalendarDay(iso: "1970-01-01")!.dayNumber == 0)
    }
}

/// `singleLine` leaves one-line text alone and folds everything else to one line.
struct SingleLineTests {
    @Test(arguments: [
        ("Thank-you e-mail to Dana Díaz (Acme)", "Thank-you e-mail to Dana Díaz (Acme)"),
        ("Dana\nDíaz", "Dana Díaz"),
        ("  Dana   Díaz ", "Dana Díaz"),
        ("Dana\tDíaz\r\n(Acme)", "Dana Díaz (Acme)"),
        ("Dana\u{2028}Díaz\u{85}Acme", "Dana Díaz Acme"),
        ("李 小龍 🙂", "李 小龍 🙂"),
        ("", ""),
    ])
    func foldsToOneLine(text: String, expected: String) {
        #expect(text.singleLine == expected)
    }
}

/// The arithmetic wall clock agrees with Foundation's calendar in every kind of zone.
struct WallClockTests {
    @Test(arguments: ["UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/St_Johns"],
          [1_767_225_600.0, -86_400.5 * 500]) // from 2026-01-01, and from before 1970
    func wallClockMatchesFoundation(zoneName: String, from start: Double) {
        let zone = TimeZone(identifier: zoneName)!
        let calendar = Calendar.gregorian(in: zone)
        var instant = Date(timeIntervalSince1970: start)
        for _ in 0..<800 {
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
            let actual = CalendarDay.wallClock(instant, offset: zone.secondsFromGMT(for: instant))
            let parts = DateComponents(year: actual.day.year, month: actual.day.month, day: actual.day.day,
                                       hour: actual.secondOfDay / 3_600, minute: actual.secondOfDay % 3_600 / 60, second: actual.secondOfDay % 60)
            #expect(parts == expected, "\(zoneName) \(instant)")
            instant.addTimeInterval(39_731) // about 11 hours: every time of day, over three years
        }
    }

    /// Days and clock times written as `String(format:)` writes them, for numbers of every
    /// width (a year of one to five digits, a negative one) and every time of day.
    @Test func daysAndTimesAreWrittenAsPrintfWould() {
        for year in [-12, 0, 7, 42, 999, 1900, 2026, 9999, 12_345] {
            for (month, day) in [(1, 1), (9, 30), (12, 31)] {
                #expect(CalendarDay(year: year, month: month, day: day).description == String(format: "%04d-%02d-%02d", year, month, day))
            }
        }
        for hour in 0..<24 {
            for minute in 0..<60 {
                #expect(Planner.clock(hour, minute) == String(format: "%02d:%02d", hour, minute))
            }
        }
    }

    // Issue 25: days no calendar names, reached from an invitation's DURATION or a stored instant, once trapped.

    @Test func dayArithmeticPastTheEndOfTimeStopsThereRatherThanTrapping() {
        let day = CalendarDay(year: 2027, month: 1, day: 1)
        #expect(day.adding(days: .max).dayNumber == CalendarDay.dayNumbers.upperBound)
        #expect(day.adding(days: .min).dayNumber == CalendarDay.dayNumbers.lowerBound)
        #expect(day.adding(days: 699_999_999_993).year > 1_000_000_000)
    }

    @Test func aDayOutsideTheCalendarsRangeStillHasAStart() {
        let far = CalendarDay(year: 2027, month: 1, day: 1).adding(days: 699_999_999_993)
        let zone = TimeZone(identifier: "UTC")!
        #expect(far.start(in: zone).timeIntervalSince1970 == Double(far.dayNumber) * 86_400)
        #expect(far.at(hour: 10, minute: 30, in: zone).timeIntervalSince1970 == Double(far.dayNumber) * 86_400 + 37_800)
    }

    @Test func anInstantNoIntHoldsFallsOnTheLastDayRatherThanTrapping() {
        let last = CalendarDay(dayNumber: CalendarDay.dayNumbers.upperBound)
        #expect(CalendarDay.wallClock(Date(timeIntervalSince1970: 1e308), offset: 0).day == last)
        // Foundation's calendar names some far day of its own here; what matters is that none traps.
        #expect(!StoredValueLimits.contains(CalendarDay(Date(timeIntervalSince1970: 1e308), in: TimeZone(identifier: "UTC")!)))
        #expect(CalendarDay.wallClock(Date(timeIntervalSince1970: -1e20), offset: 3_600).day
                    == CalendarDay(dayNumber: CalendarDay.dayNumbers.lowerBound))
    }
}
