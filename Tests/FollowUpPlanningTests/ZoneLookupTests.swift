import Foundation
import Testing
@testable import FollowUpPlanning

/// Zones from what people write: phone numbers' prefixes and cities' names.
struct ZoneLookupTests {
    @Test(arguments: [("+1 312 555 0142", "America/Chicago", "+1 312"), ("tel:+1-212-555-0123", "America/New_York", "+1 212"),
                      ("(415) 555-0100", "America/Los_Angeles", "+1 415"), ("+49 30 5555 0100", "Europe/Berlin", "+49"),
                      ("0044 20 5555 0100", "Europe/London", "+44"), ("+353 1 555 0100", "Europe/Dublin", "+353")])
    func aPhonePrefixThatNamesOneZoneGivesIt(number: String, zone: String, prefix: String) throws {
        let found = try #require(ZoneLookup.zone(forPhone: number))
        #expect(found.zone.identifier == zone)
        #expect(found.prefix == prefix)
    }

    /// Toll-free numbers, countries of several zones and numbers without a country code say nothing.
    @Test(arguments: ["+1 800 555 0100", "+7 495 555 0100", "+61 2 5555 0100", "555-0100", "030 5555 0100"])
    func aPrefixOfSeveralZonesOrNoneGivesNone(number: String) {
        #expect(ZoneLookup.zone(forPhone: number) == nil)
    }

    @Test func citiesByTheirCurrentAndFormerNames() {
        #expect(ZoneLookup.zone(forCity: "Atlantis") == nil)
        #expect(ZoneLookup.zones(forCity: "kiev") == ZoneLookup.zones(forCity: "Kyiv"))
        #expect(ZoneLookup.zones(forCity: "Calcutta").count == 1)
    }
}
