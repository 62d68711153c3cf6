import Foundation
import Testing
@testable import InvitationReading

/// A recurring event is planned on its first occurrence not before now.
struct OccurrenceTests {
    private func event(_ lines: [String], extra: [String] = []) throws -> InvitationEvent {
        try #require(try Fixture.read(Fixture.calendar(["UID:1"] + lines, extra: extra)).events.first)
    }

    @Test func weeklyRuleGivesTheNextWeekOnTheZonesClock() throws {
        let found = try event(["DTSTART;TZID=America/New_York:20260302T100000", "RRULE:FREQ=WEEKLY;COUNT=10"])
        #expect(found.isRecurring)
        // 2026-03-16 is after the change to EDT (UTC-4): still 10:00 on the clock.
        let next = found.firstOccurrence(notBefore: Fixture.utc("2026-03-10T00:00:00Z"))
        #expect(next == .instant(Fixture.utc("2026-03-16T14:00:00Z"), zone: "America/New_York"))
    }

    @Test func ruleThatHasEndedGivesNone() throws {
        let found = try event(["DTSTART:20260302T100000Z", "RRULE:FREQ=DAILY;COUNT=3"])
        #expect(found.firstOccurrence(notBefore: Fixture.utc("2026-04-01T00:00:00Z")) == nil)
    }

    @Test func excludedDateIsSkipped() throws {
        let found = try event(["DTSTART:20260302T100000Z", "RRULE:FREQ=DAILY;COUNT=5", "EXDATE:20260304T100000Z"])
        #expect(found.firstOccurrence(notBefore: Fixture.utc("2026-03-03T12:00:00Z")) == .instant(Fixture.utc("2026-03-05T10:00:00Z"), zone: nil))
    }

    @Test func extraDatesCount() throws {
        let found = try event(["DTSTART:20260302T100000Z", "RDATE;VALUE=PERIOD:20260310T120000Z/PT1H,20260320T120000Z/PT1H"])
        #expect(found.isRecurring)
        #expect(found.firstOccurrence(notBefore: Fixture.utc("2026-03-11T00:00:00Z")) == .instant(Fixture.utc("2026-03-20T12:00:00Z"), zone: nil))
    }

    @Test func singleEventIsItsOwnOccurrenceUntilItStarts() throws {
        let found = try event(["DTSTART:20260302T100000Z"])
        #expect(found.firstOccurrence(notBefore: Fixture.utc("2026-03-01T00:00:00Z")) == found.start)
        #expect(found.firstOccurrence(notBefore: Fixture.utc("2026-03-03T00:00:00Z")) == nil)
    }

    @Test func allDayRuleGivesDates() throws {
        let found = try event(["DTSTART;VALUE=DATE:20260302", "RRULE:FREQ=WEEKLY;UNTIL=20260401"])
        let next = found.firstOccurrence(notBefore: Fixture.utc("2026-03-10T00:00:00Z"), floatingIn: TimeZone(identifier: "UTC")!)
        #expect(next == .allDay(.init(year: 2026, month: 3, day: 16)))
    }

    @Test func customZoneRuleFollowsTheZonesOwnRules() throws {
        let found = try event(["DTSTART;TZID=Acme Head Office:20260302T100000", "RRULE:FREQ=MONTHLY;COUNT=6"],
                              extra: TimeZoneNameTests.customZone)
        // 2 April is after the last Sunday of March: +0630.
        #expect(found.firstOccurrence(notBefore: Fixture.utc("2026-03-15T00:00:00Z")) == .instant(Fixture.utc("2026-04-02T03:30:00Z"), zone: nil))
    }
}
