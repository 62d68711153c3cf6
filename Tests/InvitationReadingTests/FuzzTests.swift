import FollowUpTestSupport
import Foundation
import Testing
@testable import InvitationReading

/// Whatever the bytes, the reader gives an invitation or an `InvitationError`: it never crashes
/// and never hangs. Inputs come from seeded generators, so a failure names its seed.
@Suite(.timeLimit(.minutes(2)))
struct FuzzTests {
    /// Pieces of calendars and e-mails, so that random inputs reach deep into the reader.
    static let vocabulary: [[UInt8]] = [
        "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "BEGIN:VTIMEZONE", "END:VTIMEZONE",
        "BEGIN:STANDARD", "END:STANDARD", "TZOFFSETTO:+0530", "TZOFFSETFROM:-0800", "TZID:Acme",
        "DTSTART:", "DTSTART;TZID=Acme:", "DTSTART;VALUE=DATE:", "20261203", "T150000", "Z", "DTEND:", "DURATION:P1DT",
        "RRULE:FREQ=DAILY;COUNT=", "RRULE:FREQ=SECONDLY", "RDATE;VALUE=PERIOD:", "/PT1H", "EXDATE:", "UID:", "SEQUENCE:",
        "METHOD:CANCEL", "STATUS:CANCELLED", "ATTENDEE;CN=\"", "ORGANIZER;EMAIL=", ":mailto:", "invalid:nomail",
        "CUTYPE=ROOM", "ROLE=REQ_PARTICIPANT", "X-GOOGLE-CONFERENCE:", "https://meet.google.com/", "https://x.zoom.us/j/",
        "Content-Type: multipart/mixed; boundary=b", "Content-Type: text/calendar", "Content-Transfer-Encoding: base64",
        "Content-Transfer-Encoding: quoted-printable", "--b", "--b--", "=0D=0A", "=\r\n", "=C3=",
        ";", ":", ",", "\"", "\\", "\\n", "\\,", " ", "\t", "\r\n", "\n", "\r", "\r\n ", "\r\n\t", "\u{FEFF}", "é", "🐙",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0x00], [0xC3], [0xE9], [0xED, 0xA0, 0x80], [0xF4, 0x90]]

    /// What every reading keeps: events have lines inside the file, and an error names the file.
    private func check(_ bytes: [UInt8], _ name: String) {
        do {
            let invitation = try InvitationReader.read(bytes, file: name)
            #expect(!invitation.events.isEmpty, "\(name)")
            for event in invitation.events { #expect(event.line >= 1, "\(name)") }
            for event in invitation.events { _ = event.firstOccurrence(notBefore: Date(timeIntervalSince1970: 1_800_000_000)) }
        } catch {
            #expect(error.file.hasPrefix(name), "\(name): \(error)")
            #expect(!error.reason.isEmpty)
        }
    }

    @Test(arguments: 0..<8)
    func randomBytesNeverCrash(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for round in 0..<150 {
            var bytes = [UInt8](repeating: 0, count: Int.random(in: 0...400, using: &generator))
            for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
            check(bytes, "random-\(seed)-\(round)")
        }
    }

    @Test(arguments: 0..<8)
    func randomCalendarPiecesNeverCrash(seed: UInt64) {
        var generator = SeededGenerator(seed: 1_000 + seed)
        for round in 0..<150 {
            check(generator.pieces(of: Self.vocabulary, atMost: 120), "pieces-\(seed)-\(round)")
        }
    }

    /// Every prefix of real invitations, .ics and .eml: a cut file is read or refused.
    @Test(arguments: [
        "invites/exchange2010-request-romance-standard-time-seq4.ics",
        "invites/lotus-notes6-request-daily-eastern-tzid.ics",
        "invites/google-calendar-meet-invite-swedish-html-description.ics",
        "invites-eml/ios-mail-iphone-request-qp-cal-folded-params.eml",
    ])
    func everyTruncationIsReadOrRefused(file: String) throws {
        let bytes = try FollowUpTestSupport.Repository.bytes("Tests/InvitationReadingTests/Corpus/\(file)")
        for length in 0...bytes.count {
            check(Array(bytes[..<length]), "\(file)[..<\(length)]")
        }
    }

    @Test func hugeLinesAreReadInBoundedTime() throws {
        let huge = String(repeating: "x", count: 4_000_000)
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z", "DESCRIPTION:" + huge,
                                                            "LOCATION:https://acme.zoom.us/j/1 " + huge]))
        #expect(invitation.events.first?.description?.count == huge.count)
        #expect(invitation.events.first?.conference?.absoluteString == "https://acme.zoom.us/j/1")
    }

    @Test func hugeLineWithoutLineBreaksIsRefused() {
        let bytes = [UInt8](repeating: UInt8(ascii: "A"), count: 5_000_000)
        check(bytes, "one-line")
    }

    @Test func deepNestingIsNotFollowed() throws {
        let nested = Array(repeating: "BEGIN:X-DEEP", count: 10_000) + Array(repeating: "END:X-DEEP", count: 10_000)
        let invitation = try Fixture.read(Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z"] + nested))
        #expect(invitation.events.count == 1)
        #expect(invitation.warnings.contains { $0.message.contains("nested deeper") })
    }

    @Test func deeplyNestedMailIsNotFollowed() {
        var lines: [String] = []
        for depth in 0..<200 { lines += ["Content-Type: multipart/mixed; boundary=b\(depth)", "", "--b\(depth)"] }
        check(Array(lines.joined(separator: "\r\n").utf8), "nested.eml")
    }
}
