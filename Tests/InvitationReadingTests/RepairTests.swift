import Foundation
import Testing
@testable import InvitationReading

/// What products get wrong is read, and each repair is a warning naming its line.
struct RepairTests {
    private func warnings(_ invitation: Invitation, containing text: String) -> [InvitationWarning] {
        invitation.warnings.filter { $0.message.contains(text) }
    }

    @Test func crOnlyLineEndsAreLineEnds() throws {
        let text = Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", "SUMMARY:Interview"]).replacingOccurrences(of: "\r\n", with: "\r")
        let invitation = try Fixture.read(text)
        #expect(invitation.events.first?.summary == "Interview")
        #expect(warnings(invitation, containing: "CR alone").first?.line == 1)
    }

    @Test func tabFoldsAreFoldsWithAWarning() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", "SUMMARY:Onsite inter", "\tview with Dana"]))
        #expect(invitation.events.first?.summary == "Onsite interview with Dana")
        #expect(warnings(invitation, containing: "TAB").first?.line == 9)
    }

    @Test func foldDropsExactlyOneSpace() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", "SUMMARY:Dana", "  Díaz"]))
        #expect(invitation.events.first?.summary == "Dana Díaz")
        #expect(invitation.warnings.isEmpty)
    }

    @Test func longLinesAreReadAndCountedOnce() throws {
        let long = "DESCRIPTION:" + String(repeating: "x", count: 200)
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", long, long]))
        let found = warnings(invitation, containing: "longer than 75 octets")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("2 lines") == true)
        #expect(found.first?.line == 8)
    }

    @Test func foldInsideAUTF8CharacterJoinsTheCharacter() throws {
        var bytes = Array(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", "SUMMARY:caf@@"]).utf8)
        // "é" is C3 A9; split it with a fold: C3 CRLF SP A9.
        let marker = Array("@@".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes.replaceSubrange(at..<(at + 2), with: [0xC3, 0x0D, 0x0A, 0x20, 0xA9])
        let invitation = try InvitationReader.read(bytes, file: "split.ics")
        #expect(invitation.events.first?.summary == "café")
        #expect(warnings(invitation, containing: "inside a UTF-8 character").first?.line == 9)
    }

    @Test func missingEndVCalendarAfterACompleteEventIsRepaired() throws {
        let text = Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z"]).replacingOccurrences(of: "END:VCALENDAR\r\n", with: "")
        let invitation = try Fixture.read(text)
        #expect(invitation.events.count == 1)
        #expect(warnings(invitation, containing: "without END:VCALENDAR").first?.line == 1)
    }

    @Test func underscoreRoleIsReadAsTheRFCSpelling() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z",
                                                            "ATTENDEE;ROLE=REQ_PARTICIPANT;CN=Dana:mailto:dana@acme.example"]))
        #expect(invitation.events.first?.attendees.first?.role == .required)
        #expect(warnings(invitation, containing: "REQ_PARTICIPANT").first?.line == 8)
    }

    @Test func emptyLineInsideAnEventIsSkipped() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "", "DTSTART:20261203T150000Z", "SUMMARY:Call"]))
        #expect(invitation.events.first?.summary == "Call")
        #expect(warnings(invitation, containing: "empty line").first?.line == 7)
    }

    @Test func continuationWithoutItsSpaceJoinsTheLineBefore() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:0400000082", "00E00074C5", "DTSTART:20261203T150000Z"]))
        #expect(invitation.events.first?.uid == "040000008200E00074C5")
        #expect(warnings(invitation, containing: "does not start with a space").first?.line == 7)
    }

    @Test func parameterSplitInsideItsQuotesIsJoined() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z",
                                                            "ATTENDEE;CN=\"'dana", "@acme.example'\":MAILTO:dana@acme.example"]))
        let attendee = try #require(invitation.events.first?.attendees.first)
        #expect(attendee.email == "dana@acme.example")
        #expect(attendee.name == "dana@acme.example")
    }

    @Test func textThatIsNotUTF8IsReadAsWindows1252() throws {
        var bytes = Array(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", "SUMMARY:Entrevue@"]).utf8)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "@")))
        bytes[at] = 0xE9
        let invitation = try InvitationReader.read(bytes, file: "latin.ics")
        #expect(invitation.events.first?.summary == "Entrevueé")
        #expect(!warnings(invitation, containing: "Windows-1252").isEmpty)
    }

    @Test func linesAfterEndVCalendarAreSkipped() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z"]) + "X-COMMENT:trailing\r\n")
        #expect(invitation.events.count == 1)
        #expect(!warnings(invitation, containing: "outside any component").isEmpty)
    }
}

/// What cannot be read with confidence is an error naming the file, the line and what to do.
struct ReadingErrorTests {
    @Test func fileThatIsNoCalendarIsAnError() {
        #expect {
            try Fixture.read("Hello Dana,\r\nsee you on Tuesday.\r\n", file: "note.txt")
        } throws: { error in
            let error = error as! InvitationError
            return error.file == "note.txt" && error.line == 1 && error.description.contains("not an iCalendar file")
        }
    }

    @Test func eventWithoutStartIsAnErrorAtItsBeginLine() {
        #expect {
            try Fixture.read(Fixture.calendar(["UID:1", "SUMMARY:Interview"]))
        } throws: { error in
            let error = error as! InvitationError
            return error.line == 5 && error.reason.contains("no DTSTART")
        }
    }

    @Test func cancellationWithoutStartIsRead() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1"], extra: ["METHOD:CANCEL"]))
        #expect(invitation.events.first?.isCancelled == true)
        #expect(invitation.events.first?.start == nil)
    }

    @Test func zoneNothingDefinesIsAnErrorThatSuggestsTz() {
        #expect {
            try Fixture.read(Fixture.calendar(["UID:1", "DTSTART;TZID=Acme Head Office:20261203T150000"]))
        } throws: { error in
            let error = error as! InvitationError
            return error.line == 7 && error.description.contains("'Acme Head Office'") && error.description.contains("--tz")
        }
    }

    @Test func zoneNothingDefinesIsReadInTheFallbackZone() throws {
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART;TZID=Acme Head Office:20261203T150000"]),
                                          fallbackZone: TimeZone(identifier: "America/Chicago"))
        #expect(invitation.events.first?.start == .instant(Fixture.utc("2026-12-03T21:00:00Z"), zone: "America/Chicago"))
        #expect(invitation.warnings.contains { $0.message.contains("Acme Head Office") && $0.line == 7 })
    }

    @Test func startThatIsNoDateIsAnError() {
        #expect {
            try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:next Tuesday"]))
        } throws: { error in
            let error = error as! InvitationError
            return error.line == 7 && error.reason.contains("DTSTART 'next Tuesday'")
        }
    }
}
