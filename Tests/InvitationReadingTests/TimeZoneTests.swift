import Foundation
import Testing
@testable import InvitationReading

/// Zones as products write them resolve to the IANA zone they stand for, and the start to the
/// instant the sender meant.
struct TimeZoneNameTests {
    @Test(arguments: [
        ("Europe/Berlin", "Europe/Berlin"),
        ("/freeassociation.sourceforge.net/Tzfile/Europe/Vienna", "Europe/Vienna"),
        ("/freeassociation.sourceforge.net/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("/mozilla.org/20050126_1/America/New_York", "America/New_York"),
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("w. europe standard time", "Europe/Berlin"),
        ("FLE Standard Time", "Europe/Kyiv"),
        ("India Standard Time", "Asia/Kolkata"),
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(GMT-06:00) Central Time (US & Canada)", "America/Chicago"),
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
        ("(GMT+01.00) Sarajevo/Warsaw/Zagreb", "Europe/Warsaw"),
        ("Kolkata, Chennai, Mumbai, New Delhi", "Asia/Kolkata"),
        ("(GMT+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney"),
        ("UTC+01:00", "Etc/GMT-1"),
        ("GMT-0500", "Etc/GMT+5"),
    ])
    func nameStandsForIANAZone(name: String, zone: String) {
        #expect(ZoneNames.ianaName(for: name) == zone)
    }

    @Test(arguments: ["Eastern", "Acme Head Office", "Custom", ""])
    func nameOfNoKnownZoneStandsForNone(name: String) {
        #expect(ZoneNames.ianaName(for: name) == nil)
    }

    @Test func windowsNameWithoutDefinitionUsesTheIANARules() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART;TZID=\"Central Standard Time\":20260713T100000"]))
        // CDT, UTC-5, in July.
        #expect(invitation.events.first?.start == .instant(Fixture.utc("2026-07-13T15:00:00Z"), zone: "America/Chicago"))
    }

    @Test func zTimeWinsOverItsTZID() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART;TZID=Europe/Paris:20260713T100000Z"]))
        #expect(invitation.events.first?.start == .instant(Fixture.utc("2026-07-13T10:00:00Z"), zone: nil))
    }

    @Test func floatingTimeAndDateStayLocal() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20260713T100000", "DTEND;VALUE=DATE:20260714"]))
        let event = try #require(invitation.events.first)
        #expect(event.start?.description == "2026-07-13T10:00:00")
        #expect(event.end == .allDay(.init(year: 2026, month: 7, day: 14)))
        #expect(event.start?.zone == nil)
    }

    /// A zone whose name means nothing is applied from its own rules: here +0530 in winter and
    /// +0630 from the last Sunday of March, as no real zone does.
    static let customZone = [
        "BEGIN:VTIMEZONE", "TZID:Acme Head Office",
        "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0630", "TZOFFSETTO:+0530",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0630",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]

    @Test func customZoneIsAppliedFromItsOwnRules() throws {
        let invitation = try Fixture.read(Fixture.calendar(
            ["UID:1", "DTSTART;TZID=Acme Head Office:20260113T100000", "DTEND;TZID=Acme Head Office:20260713T100000"],
            extra: Self.customZone))
        let event = try #require(invitation.events.first)
        #expect(event.start == .instant(Fixture.utc("2026-01-13T04:30:00Z"), zone: nil))
        #expect(event.end == .instant(Fixture.utc("2026-07-13T03:30:00Z"), zone: nil))
        #expect(event.timeZoneID == "Acme Head Office")
    }

    @Test func quotedAndEscapedSpellingsOfOneTZIDMatch() throws {
        var zone = Self.customZone
        zone[1] = "TZID:Head Office\\, Acme"
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART;TZID=\"Head Office, Acme\":20260113T100000"], extra: zone))
        #expect(invitation.events.first?.start == .instant(Fixture.utc("2026-01-13T04:30:00Z"), zone: nil))
    }

    @Test func durationEndsOnTheZonesClock() throws {
        // P1D across the change to summer time in Berlin: the same clock time the next day.
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART;TZID=Europe/Berlin:20260328T100000", "DURATION:P1DT1H"]))
        #expect(invitation.events.first?.end == .instant(Fixture.utc("2026-03-29T09:00:00Z"), zone: "Europe/Berlin"))
    }
}
