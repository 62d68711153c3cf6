import Foundation
import Testing
@testable import InvitationReading

/// Addresses, names, kinds, roles and replies as CONVENTIONS.md reads them, and the video link.
struct PeopleTests {
    private func attendee(_ line: String) throws -> Attendee {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", line]))
        return try #require(invitation.events.first?.attendees.first)
    }

    @Test func emailParameterWinsOverARelayAddress() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z",
            "ORGANIZER;CN=\"Dana Díaz\";EMAIL=dana@icloud.example:mailto:2_abcdef@imip.me.com"]))
        #expect(invitation.events.first?.organizer == Organizer(name: "Dana Díaz", email: "dana@icloud.example"))
    }

    @Test func placeholderAddressIsNone() throws {
        let found = try attendee("ATTENDEE;CN=Dana Díaz;ROLE=OPT-PARTICIPANT:invalid:nomail")
        #expect(found.email == nil)
        #expect(found.name == "Dana Díaz")
        #expect(found.role == .optional)
    }

    @Test func mailtoInAnyCase() throws {
        #expect(try attendee("ATTENDEE:MAILTO:Dana@Acme.example").email == "Dana@Acme.example")
    }

    @Test func googleResourceAddressIsARoom() throws {
        let found = try attendee("ATTENDEE;CUTYPE=RESOURCE;CN=Room 4:mailto:c_188@resource.calendar.google.com")
        #expect(found.kind == .room)
    }

    @Test(arguments: [("ROOM", Attendee.Kind.room), ("RESOURCE", .resource), ("GROUP", .group), ("X-BOT", .unknown), ("UNKNOWN", .unknown)])
    func kindComesFromCUTYPE(cutype: String, kind: Attendee.Kind) throws {
        #expect(try attendee("ATTENDEE;CUTYPE=\(cutype):mailto:x@acme.example").kind == kind)
    }

    @Test func absentCUTYPEIsAnIndividual() throws {
        #expect(try attendee("ATTENDEE:mailto:x@acme.example").kind == .individual)
    }

    @Test func declinedReplyIsRead() throws {
        #expect(try attendee("ATTENDEE;PARTSTAT=DECLINED:mailto:x@acme.example").participation == .declined)
    }
}

struct ConferenceLinkTests {
    private func link(_ lines: [String]) throws -> String? {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z"] + lines))
        return invitation.events.first?.conference?.absoluteString
    }

    @Test func googleConferenceProperty() throws {
        #expect(try link(["X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij"]) == "https://meet.google.com/abc-defg-hij")
    }

    @Test func videoConferenceBeforeDialIn() throws {
        #expect(try link(["CONFERENCE;VALUE=URI;FEATURE=PHONE:tel:+1-555-0100",
                          "CONFERENCE;VALUE=URI;FEATURE=AUDIO,VIDEO:https://acme.zoom.us/j/123456"]) == "https://acme.zoom.us/j/123456")
    }

    @Test func teamsProperty() throws {
        #expect(try link(["X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0"])
            == "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0")
    }

    @Test func zoomLinkInLocation() throws {
        #expect(try link(["LOCATION:https://us02web.zoom.us/j/8123?pwd=abc"]) == "https://us02web.zoom.us/j/8123?pwd=abc")
    }

    @Test func meetingLinkInDescriptionSkipsOtherLinks() throws {
        let description = "DESCRIPTION:See https://www.google.com/calendar/event?eid=x and join <https://meet.google.com/xyz-abcd-efg>."
            + "\\nHelp: https://support.google.com/a/users/answer/9282720"
        #expect(try link([description]) == "https://meet.google.com/xyz-abcd-efg")
    }

    @Test func noMeetingLinkIsNone() throws {
        #expect(try link(["LOCATION:Building 4, room 12", "DESCRIPTION:https://acme.example/careers"]) == nil)
    }
}
