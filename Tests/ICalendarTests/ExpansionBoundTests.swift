import CLibical
import Foundation
import Testing
import FollowUpPlanning
@testable import ICalendar

/// Issue 25: libical steps through an RRULE's candidates until one matches, so a rule whose day
/// never comes, or a zone that changes every second since 1601, ran for ever. Every expansion is
/// now bounded in libical's steps (`InputLimits.recurrenceSteps`, 100,000) and capped at the
/// window asked for; past the bound the rule is given up, saying so.
struct ExpansionBoundTests {
    private static let start = CalendarDay(year: 2000, month: 1, day: 1)

    private func occurrences(_ rule: String, from day: CalendarDay = start,
                             through end: CalendarDay) throws -> (count: Int, givenUp: ICalendarError?) {
        var count = 0
        let givenUp = try RecurrenceExpansion.forEachOccurrence(of: rule, from: day, secondOfDay: 36_000, through: end, limit: 1_000) { _, _ in
            count += 1
            return true
        }
        return (count, givenUp)
    }

    @Test func ruleOfEverySecondForADayThatNeverComesIsGivenUpBeforeAnyStep() throws {
        let result = try occurrences("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", from: CalendarDay(year: 1900, month: 1, day: 1),
                                     through: CalendarDay(year: 2036, month: 12, day: 31))
        #expect(result.count == 0)
        let error = try #require(result.givenUp)
        #expect(RecurrenceBound.isGivenUp(error))
        #expect(error.description.contains("more than the 100000 one rule may take; its occurrences were given up"))
    }

    @Test func dailyRuleOfExactlyTheBoundIsFollowedAndOneDayMoreIsGivenUp() throws {
        let atTheBound = Self.start.adding(days: 99_999)
        #expect(RecurrenceBound.steps(of: ICAL_DAILY_RECURRENCE, interval: 1, from: Self.start, through: atTheBound) == 100_000)
        let followed = try occurrences("FREQ=DAILY;COUNT=3", through: atTheBound)
        #expect(followed.count == 3 && followed.givenUp == nil)
        let past = try occurrences("FREQ=DAILY;COUNT=3", through: atTheBound.adding(days: 1))
        #expect(past.count == 0 && past.givenUp != nil)
    }

    @Test func ruleWhoseDayNeverComesEndsAtTheWindowWithNoOccurrence() throws {
        // Within the bound in steps, and stopped at the window by the UNTIL it is given, not by
        // libical's own end in 2582.
        let result = try occurrences("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", through: Self.start.adding(days: 4_000))
        #expect(result.count == 0 && result.givenUp == nil)
    }

    @Test func ruleOwnUntilWithinTheWindowIsKept() throws {
        let result = try occurrences("FREQ=DAILY;UNTIL=20000105T235959", through: Self.start.adding(days: 30))
        #expect(result.count == 5)
    }

    @Test func yearlyRuleFrom1601FitsTheBoundAndSecondlyDoesNot() {
        let from = CalendarDay(year: 1601, month: 1, day: 1)
        let end = CalendarDay(year: 2100, month: 12, day: 31)
        #expect(RecurrenceBound.steps(of: ICAL_YEARLY_RECURRENCE, interval: 1, from: from, through: end) < 10_000)
        #expect(RecurrenceBound.steps(of: ICAL_SECONDLY_RECURRENCE, interval: 1, from: from, through: end) > 1_000_000_000)
    }

    private static func zone(_ observance: [String]) -> String {
        (["BEGIN:VTIMEZONE", "TZID:Test", "BEGIN:STANDARD"] + observance + ["END:STANDARD", "END:VTIMEZONE"]).joined(separator: "\r\n") + "\r\n"
    }

    @Test func zoneThatChangesEverySecondSince1601IsRefusedNamingTheObservance() {
        do {
            _ = try VTimeZoneRules(definition: Self.zone(["DTSTART:16010101T000000", "RRULE:FREQ=SECONDLY", "TZOFFSETFROM:+0100",
                                                          "TZOFFSETTO:+0200"]))
            Issue.record("a zone of every second since 1601 was read")
        } catch {
            #expect(RecurrenceBound.isGivenUp(error))
            #expect(error.description.contains("of its STANDARD from 1601-01-01"))
        }
    }

    @Test func outlookZoneOfYearlyRulesSince1601StillGivesItsOffset() throws {
        let definition = (["BEGIN:VTIMEZONE", "TZID:W. Europe", "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200",
                           "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD", "BEGIN:DAYLIGHT",
                           "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
                           "END:DAYLIGHT", "END:VTIMEZONE"]).joined(separator: "\r\n") + "\r\n"
        let rules = try VTimeZoneRules(definition: definition)
        // 10:00 in July is summer time (UTC+2), in January winter time (UTC+1).
        let july = rules.instant(on: CalendarDay(year: 2027, month: 7, day: 1), secondOfDay: 36_000)
        let january = rules.instant(on: CalendarDay(year: 2027, month: 1, day: 4), secondOfDay: 36_000)
        #expect(july == ISO8601DateFormatter().date(from: "2027-07-01T08:00:00Z"))
        #expect(january == ISO8601DateFormatter().date(from: "2027-01-04T09:00:00Z"))
    }

    @Test func aFilesBudgetAllowsItsStepsAndGivesUpTheRuleThatWouldPassThem() throws {
        let end = Self.start.adding(days: 999)
        let steps = RecurrenceBound.steps(of: ICAL_DAILY_RECURRENCE, interval: 1, from: Self.start, through: end)
        #expect(steps == 1_000)
        let budget = ExpansionBudget(steps: 2 * steps)
        var counts: [Int] = []
        var givenUp: [ICalendarError?] = []
        for _ in 0..<3 {
            var count = 0
            givenUp.append(try RecurrenceExpansion.forEachOccurrence(of: "FREQ=DAILY;COUNT=2", from: Self.start, secondOfDay: 0, through: end,
                                                                     limit: 10, budget: budget) { _, _ in
                count += 1
                return true
            })
            counts.append(count)
        }
        #expect(counts == [2, 2, 0])
        #expect(givenUp[0] == nil && givenUp[1] == nil)
        let error = try #require(givenUp[2])
        #expect(RecurrenceBound.isGivenUp(error))
        #expect(error.description.contains("more than what is left of the 250000 the rules of one file may take together"))
    }

    @Test func aFilesBudgetIsTakenByTheZonesItReads() throws {
        let zone = Self.zone(["DTSTART:20000101T000000", "RRULE:FREQ=DAILY", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100"])
        let steps = RecurrenceBound.steps(of: ICAL_DAILY_RECURRENCE, interval: 1, from: Self.start,
                                          through: CalendarDay(year: 2100, month: 12, day: 31))
        let budget = ExpansionBudget(steps: steps)
        _ = try VTimeZoneRules(definition: zone, budget: budget)
        #expect(throws: ICalendarError.self) { try VTimeZoneRules(definition: zone, budget: budget) }
    }

    @Test func aZoneWhoseDailyRuleListsEverySecondIsRefused() {
        let everySecond = "FREQ=DAILY;BYHOUR=" + (0..<24).map(String.init).joined(separator: ",") + ";BYMINUTE="
            + (0..<60).map(String.init).joined(separator: ",") + ";BYSECOND=" + (0..<60).map(String.init).joined(separator: ",")
        let rule = icalrecurrencetype_from_string(everySecond)
        #expect(RecurrenceBound.steps(of: rule, from: Self.start, through: Self.start) == 86_400)
        #expect(throws: ICalendarError.self) {
            try VTimeZoneRules(definition: Self.zone(["DTSTART:20000101T000000", "RRULE:" + everySecond, "TZOFFSETFROM:+0100",
                                                      "TZOFFSETTO:+0200"]))
        }
    }
}
