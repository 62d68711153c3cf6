import Foundation
import Testing
import FollowUpTestSupport
@testable import InvitationReading

/// A DURATION that ends outside the years the store takes, as in issue 25's attack, is a warning
/// naming its line and leaves the end out; reading it used to trap on a day no calendar names.
struct OutOfRangeDurationTests {
    func read(_ duration: String) throws -> Invitation {
        try InvitationReader.read(Array(try Issue25Attack.invitation(duration: duration).utf8), file: "attack.ics", fallbackZone: nil)
    }

    @Test(arguments: ["P99999999999W", "P99999999W", "-P99999999W", "P2000000D", "PT99999999999H"])
    func aDurationEndingOutsideTheSpanIsAWarningAndNoEnd(duration: String) throws {
        let invitation = try read(duration)
        let event = try #require(invitation.events.first)
        #expect(event.end == nil)
        #expect(event.start != nil)
        #expect(invitation.warnings.contains { $0.line == 7 && $0.message.contains("ends outside the years 1900 to 2200") })
    }

    @Test(arguments: ["P2000000000000000000W", "PT3000000000000000H", "PT3000000000000000000M"])
    func aDurationTooLargeToAddUpCannotBeRead(duration: String) throws {
        let invitation = try read(duration)
        #expect(invitation.events.first?.end == nil)
        #expect(invitation.warnings.contains { $0.line == 7 && $0.message.contains("cannot be read") })
    }

    @Test func aLongDurationInsideTheSpanStillEnds() throws {
        let invitation = try read("P2W")
        let event = try #require(invitation.events.first)
        #expect(event.end == .instant(Fixture.utc("2027-01-15T10:00:00Z"), zone: nil))
        #expect(invitation.warnings.allSatisfy { $0.line != 7 })
    }
}
