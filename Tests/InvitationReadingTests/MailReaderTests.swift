import Foundation
import Testing
@testable import InvitationReading

/// The e-mail reader finds the calendar part whatever the nesting, transfer encoding and charset.
struct MailReaderTests {
    static let calendar = Fixture.calendar(["UID:mail-1", "DTSTART:20261203T150000Z", "SUMMARY:Entretien – équipe"])

    private func message(_ lines: [String]) -> [UInt8] {
        Array(lines.joined(separator: "\r\n").utf8)
    }

    private func base64(_ text: String) -> String {
        let encoded = Data(text.utf8).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let begin = encoded.index(encoded.startIndex, offsetBy: start)
            let end = encoded.index(begin, offsetBy: min(76, encoded.count - start))
            return String(encoded[begin..<end])
        }.joined(separator: "\r\n")
    }

    @Test func base64CalendarInMultipartMixed() throws {
        let bytes = message([
            "From: recruiter@acme.example", "Subject: Interview", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"", "",
            "preamble", "--outer", "Content-Type: text/plain; charset=utf-8", "", "See you!",
            "--outer", "Content-Type: text/calendar; method=REQUEST; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
            base64(Self.calendar), "--outer--", "epilogue",
        ])
        let invitation = try InvitationReader.read(bytes, file: "mail.eml")
        #expect(invitation.events.first?.summary == "Entretien – équipe")
        #expect(invitation.part == "text/calendar part 2")
        #expect(invitation.file == "mail.eml")
    }

    @Test func quotedPrintableCalendarInsideAlternativeInsideMixed() throws {
        let qp = Self.calendar.replacingOccurrences(of: "\r\n", with: "=0D=0A=\r\n")
            .replacingOccurrences(of: "–", with: "=E2=80=93").replacingOccurrences(of: "é", with: "=C3=A9")
        let bytes = message([
            "Content-Type: multipart/mixed;", "\tboundary=\"a\"", "",
            "--a", "Content-Type: multipart/alternative; boundary=b", "",
            "--b", "Content-Type: text/plain", "", "Hello", "--b",
            "Content-Type: text/calendar;", "    charset=utf-8;", "    method=REQUEST", "Content-Transfer-Encoding: Quoted-Printable", "",
            qp, "--b--", "--a--",
        ])
        let invitation = try InvitationReader.read(bytes, file: "mail.eml")
        #expect(invitation.events.first?.summary == "Entretien – équipe")
        #expect(invitation.part == "text/calendar part 1.2")
    }

    @Test func forwardedMessageIsOpened() throws {
        let bytes = message([
            "Content-Type: multipart/mixed; boundary=fw", "",
            "--fw", "Content-Type: text/plain", "", "Forwarding the invite.",
            "--fw", "Content-Type: message/rfc822", "",
            "From: recruiter@acme.example", "Content-Type: multipart/alternative; boundary=inner", "",
            "--inner", "Content-Type: text/calendar; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
            Self.calendar, "--inner--", "--fw--",
        ])
        let invitation = try InvitationReader.read(bytes, file: "fwd.eml")
        #expect(invitation.events.first?.uid == "mail-1")
        #expect(invitation.part == "text/calendar part 2.1.1")
    }

    @Test func declaredCharsetIsDecoded() throws {
        var latin: [UInt8] = []
        for scalar in Self.calendar.replacingOccurrences(of: "–", with: "-").unicodeScalars { latin.append(UInt8(scalar.value)) }
        let bytes = Array("Content-Type: text/calendar; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".utf8) + latin
        let invitation = try InvitationReader.read(bytes, file: "latin.eml")
        #expect(invitation.events.first?.summary == "Entretien - équipe")
    }

    @Test func icsAttachmentOfAnyTypeIsFoundWhenNoCalendarTypeIs() throws {
        let bytes = message([
            "Content-Type: multipart/mixed; boundary=x", "",
            "--x", "Content-Type: text/html", "", "<p>Hi</p>",
            "--x", "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename*=UTF-8''invite%20(1).ics",
            "Content-Transfer-Encoding: base64", "", base64(Self.calendar), "--x--",
        ])
        let invitation = try InvitationReader.read(bytes, file: "mail.eml")
        #expect(invitation.events.first?.uid == "mail-1")
        #expect(invitation.part == "application/octet-stream part 2")
    }

    @Test func textCalendarComesBeforeApplicationIcs() throws {
        let other = Self.calendar.replacingOccurrences(of: "mail-1", with: "attachment")
        let bytes = message([
            "Content-Type: multipart/mixed; boundary=x", "",
            "--x", "Content-Type: application/ics; name=invite.ics", "", other,
            "--x", "Content-Type: text/calendar", "", Self.calendar, "--x--",
        ])
        #expect(try InvitationReader.read(bytes, file: "mail.eml").events.first?.uid == "mail-1")
    }

    @Test func missingClosingBoundaryEndsAtTheEnd() throws {
        let bytes = message(["Content-Type: multipart/mixed; boundary=x", "", "--x", "Content-Type: text/calendar", "", Self.calendar])
        #expect(try InvitationReader.read(bytes, file: "cut.eml").events.count == 1)
    }

    @Test func mailWithoutCalendarIsAnErrorNamingTheFile() {
        let bytes = message(["From: a@acme.example", "Content-Type: text/plain", "", "No invitation here."])
        #expect {
            try InvitationReader.read(bytes, file: "plain.eml")
        } throws: { error in
            (error as! InvitationError).description.hasPrefix("plain.eml: the e-mail has no calendar part")
        }
    }

    @Test func errorsInsideTheCalendarNameThePart() {
        let broken = Fixture.calendar(["UID:1", "SUMMARY:no start"])
        let bytes = message(["Content-Type: text/calendar", "", broken])
        #expect {
            try InvitationReader.read(bytes, file: "mail.eml")
        } throws: { error in
            (error as! InvitationError).description.hasPrefix("mail.eml (text/calendar part 1):5:")
        }
    }

    @Test func quotedPrintableDecodesSoftBreaksAndBytes() {
        let decoded = TransferEncoding.quotedPrintable(Array("caf=C3=A9 =\r\nau lait=3D ok   \r\nnext=\nline".utf8))
        #expect(String(decoding: decoded, as: UTF8.self) == "café au lait= ok\r\nnextline")
    }

    @Test func base64SkipsLineBreaksAndJunk() {
        let decoded = TransferEncoding.base64(Array("SGVs\r\nbG8s\nIERh*bmE=".utf8))
        #expect(String(decoding: decoded, as: UTF8.self) == "Hello, Dana")
    }

    @Test func headerParametersAreUnquotedAndContinued() {
        let value = HeaderValue("Text/Calendar; Method=\"REQUEST\"; name*0=\"inv\"; name*1=\"ite.ics\"")
        #expect(value.value == "text/calendar")
        #expect(value.parameter("method") == "REQUEST")
        #expect(value.parameter("name") == "invite.ics")
    }
}

extension MailReaderTests {
    @Test func mboxEnvelopeLineIsSkipped() throws {
        let bytes = message(["From recruiter@acme.example Mon Nov 30 10:00:00 2026", "Content-Type: text/calendar", "", Self.calendar])
        #expect(try InvitationReader.read(bytes, file: "saved.mbox").events.first?.uid == "mail-1")
    }

    @Test func partMethodStandsInWhenTheCalendarHasNone() throws {
        let calendar = Fixture.calendar(["UID:1", "DTSTART:20261203T150000Z"], extra: [])
        let bytes = message(["Content-Type: text/calendar; method=CANCEL", "", calendar])
        let invitation = try InvitationReader.read(bytes, file: "cancel.eml")
        #expect(invitation.method == "CANCEL")
        #expect(invitation.events.first?.isCancelled == true)
    }
}
