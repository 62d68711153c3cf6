import Foundation
import Testing
import FollowUpTestSupport
@testable import InvitationReading

/// Issue 25's invitations that ran for ever: an RRULE whose day never comes, and a VTIMEZONE
/// that changes every second since 1601. Both are now answered, the rule or zone given up with
/// a message naming the bound.
struct InvitationExpansionBoundTests {
    private func attack(_ name: String) throws -> [UInt8] {
        try Repository.bytes(name)
    }

    @Test func ruleThatNeverMatchesIsGivenUpRatherThanFollowed() throws {
        let invitation = try InvitationReader.read(try attack(Issue25Attack.neverMatchingRulePath), file: "attack.ics")
        let event = try #require(invitation.events.first)
        #expect(event.firstOccurrence(notBefore: Fixture.utc("2026-11-01T00:00:00Z")) == nil)
        #expect(throws: (any Error).self) { try event.upcomingOccurrence(notBefore: Fixture.utc("2026-11-01T00:00:00Z")) }
    }

    @Test func zoneOfEverySecondIsGivenUpWithAWarningAndTheFallbackZone() throws {
        let invitation = try InvitationReader.read(try attack(Issue25Attack.zoneBombPath), file: "attack.ics",
                                                   fallbackZone: TimeZone(identifier: "Europe/Berlin"))
        #expect(invitation.events.count == 1)
        #expect(invitation.warnings.contains { $0.message.contains("its occurrences were given up") && $0.message.contains("Europe/Berlin") })
    }

    @Test func zoneOfEverySecondWithoutAFallbackIsAnErrorNamingTheBound() throws {
        #expect {
            _ = try InvitationReader.read(try attack(Issue25Attack.zoneBombPath), file: "attack.ics")
        } throws: { error in
            "\(error)".contains("more than the 100000 one rule may take")
        }
    }

    /// A rule within its own bound costs up to a third of a second: a file of a hundred of them
    /// shares one budget, and the event that would pass it is given up, naming the bound.
    @Test func recurringEventsOfOneFileShareOneBudget() throws {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:REQUEST"]
        for index in 0..<100 {
            lines += ["BEGIN:VEVENT", "UID:standup-\(index)", "DTSTAMP:20261101T000000Z", "SUMMARY:Standup \(index)",
                      "ORGANIZER:mailto:o@acme-robotics.example", "ATTENDEE:mailto:me@example.org", "DTSTART:20000103T090000Z",
                      "RRULE:FREQ=DAILY", "END:VEVENT"]
        }
        let invitation = try Fixture.read((lines + ["END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n")
        #expect(invitation.events.count == 100)
        let context = InvitationContext(me: ["me@example.org"], peopleZone: TimeZone(identifier: "UTC")!,
                                        now: Fixture.utc("2026-11-01T00:00:00Z"))
        #expect {
            _ = try InvitationInterview.interviews(in: invitation, cards: [], context: context)
        } throws: { error in
            // Each rule takes some 13,500 steps to 2036: the 19th is past 250,000.
            "\(error)".contains("'Standup 18' repeats by a rule that was given up")
                && "\(error)".contains("more than what is left of the 250000 the rules of one file may take together")
        }
    }

    /// Occurrences are followed through ten years (3,660 days) past now, and no further.
    @Test func anOccurrenceOnTheHorizonsLastDayIsFoundAndOneADayLaterIsNot() throws {
        func next(interval: Int) throws -> EventTime? {
            let text = Fixture.calendar(["UID:1", "DTSTART:20261031T090000Z", "RRULE:FREQ=DAILY;INTERVAL=\(interval)"])
            return try #require(try Fixture.read(text).events.first).firstOccurrence(notBefore: Fixture.utc("2026-11-01T00:00:00Z"),
                                                                                      floatingIn: TimeZone(identifier: "UTC")!)
        }
        // 2026-10-31 + 3,661 days is 2036-11-08, the horizon's last day (2026-11-01 + 3,660).
        #expect(try next(interval: 3_661) == .instant(Fixture.utc("2036-11-08T09:00:00Z"), zone: nil))
        #expect(try next(interval: 3_662) == nil)
    }
}
