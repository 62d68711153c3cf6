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
}
