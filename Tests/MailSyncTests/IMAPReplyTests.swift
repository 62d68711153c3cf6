import Foundation
import Testing

@testable import MailSync

/// The reader of server replies, on replies Dovecot sent (copied from a session with it) and on
/// broken ones, which must give an error and never trap.
@Suite struct IMAPReplyTests {
    private func reply(_ text: String) throws -> IMAPReply {
        try IMAPReply(parsing: Array(text.utf8), account: "mail")
    }

    @Test func fetchWithALiteralGivesItsItems() throws {
        let headers = "Date: Mon, 30 Nov 2026 10:00:00 +0000\r\nFrom: Riley <riley@acme.example>\r\nMessage-ID: <a1@x>\r\n\r\n"
        let text = "* 1 FETCH (UID 7 FLAGS (\\Seen \\Recent) RFC822.SIZE 2048 BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") "
            + "NIL NIL \"7bit\" 7 1 NIL NIL NIL NIL) BODY[HEADER.FIELDS (DATE FROM MESSAGE-ID)] {\(headers.utf8.count)}\r\n\(headers))\r\n"
            + "A004 OK Fetch completed (0.001 + 0.000 secs).\r\n"
        let fetched = try reply(text).fetched
        #expect(fetched.count == 1)
        #expect(fetched[0].uid == 7)
        #expect(fetched[0].size == 2048)
        #expect(fetched[0].flags == ["\\seen", "\\recent"])
        #expect(fetched[0].section == Array(headers.utf8))
        let parsed = MessageHeaders(fetched[0].section ?? [])
        #expect(parsed.from == [MailAddress(name: "Riley", address: "riley@acme.example")])
        #expect(parsed.messageID == "<a1@x>")
    }

    @Test func envelopesGiveTheSendersRecipientsDateAndMessageID() throws {
        // As Dovecot sends it: a display name in RFC 2047, a group (its markers have no host), a literal subject.
        let subject = "Re: Gr\u{fc}\u{df}e"
        let text = "* 4 FETCH (UID 9 ENVELOPE (\"Mon, 14 Dec 2026 09:30:00 +0100\" {\(subject.utf8.count)}\r\n\(subject) "
            + "((\"=?UTF-8?Q?Riley_P=C3=A4rk?=\" NIL \"Riley\" \"Acme.Example\")) NIL NIL "
            + "((NIL NIL \"me\" \"example.org\")(NIL NIL \"team\" NIL)(\"Lee\" NIL \"lee\" \"acme.example\")(NIL NIL NIL NIL)) "
            + "((NIL NIL \"cc\" \"acme.example\")) NIL NIL \"<r1@acme.example>\"))\r\nA5 OK done\r\n"
        let envelope = try #require(try reply(text).fetched.first?.envelope)
        let headers = MessageHeaders(envelope: envelope)
        #expect(headers.from == [MailAddress(name: "Riley Pärk", address: "riley@acme.example")])
        #expect(headers.recipients.map(\.address) == ["me@example.org", "lee@acme.example", "cc@acme.example"])
        #expect(headers.subject == subject)
        #expect(headers.messageID == "<r1@acme.example>")
        #expect(headers.date == Date(timeIntervalSince1970: 1_797_237_000))
    }

    @Test func aLiteralHoldingWhatLooksLikeATaggedReplyIsReadByItsLength() throws {
        let body = "A004 OK not the end\r\n)\r\n* 9 EXISTS\r\n"
        let text = "* 1 FETCH (UID 3 BODY[HEADER.FIELDS (SUBJECT)] {\(body.utf8.count)}\r\n\(body))\r\nA004 OK done\r\n"
        let fetched = try reply(text).fetched
        #expect(fetched.count == 1)
        #expect(fetched[0].section == Array(body.utf8))
    }

    /// A streamed reply ends at its own tagged line, never at a line inside a literal that looks like it.
    @Test func aStreamedReplyEndsAtItsTaggedLineNotInsideALiteral() {
        let literal = "s7 OK fooled\r\n"
        let reply = Array("* 1 FETCH (UID 4 BODY[] {\(literal.utf8.count)}\r\n\(literal))\r\ns7 OK Fetch completed.\r\n".utf8)
        var scanned = 0
        #expect(IMAPSession.endOfTaggedLine(Array("s7".utf8), in: reply, scanned: &scanned) == reply.count)
        let cut = Array(reply.prefix(39))  // the literal's line and 8 of its 14 bytes
        scanned = 0
        #expect(IMAPSession.endOfTaggedLine(Array("s7".utf8), in: cut, scanned: &scanned) == nil, "a literal not yet read whole ends nothing")
        scanned = 0
        #expect(IMAPSession.endOfTaggedLine(Array("s7".utf8), in: Array("* OK\r\ns70 OK other\r\n".utf8), scanned: &scanned) == nil)
    }

    @Test func statusSelectSearchListAndAppendGiveTheirNumbers() throws {
        let text = """
            * STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 1796560576)\r
            * SEARCH 4 9 12\r
            * LIST (\\HasNoChildren \\Drafts) "/" Drafts\r
            * LIST (\\HasNoChildren) "/" "[Gmail]/Sent Mail"\r
            A003 OK [APPENDUID 1796560577 41] Append completed (0.027 + 0.000 + 0.026 secs).\r

            """
        let parsed = try reply(text)
        #expect(parsed.uidValidity == 1_796_560_576)
        #expect(parsed.uidNext == 3)
        #expect(parsed.searchUIDs == [4, 9, 12])
        #expect(parsed.folders == [MailFolder(name: "Drafts", flags: ["\\hasnochildren", "\\drafts"]),
                                   MailFolder(name: "[Gmail]/Sent Mail", flags: ["\\hasnochildren"])])
        #expect(parsed.appendedUID == 41)
    }

    @Test func selectsResponseCodesGiveTheFoldersValidity() throws {
        let parsed = try reply("* OK [UIDVALIDITY 77] UIDs valid\r\n* OK [UIDNEXT 5] Predicted next UID\r\nA2 OK [READ-WRITE] Select done\r\n")
        #expect(parsed.uidValidity == 77)
        #expect(parsed.uidNext == 5)
    }

    @Test func aStatusTextThatDoesNotParseIsKeptAsText() throws {
        let parsed = try reply("* OK Dovecot (Debian ready.\r\nA1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n")
        #expect(parsed.responses.count == 2)
        #expect(IMAPReply.lastTaggedText(in: Array("A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n".utf8))
            == "NO Authentication failed.")
    }

    @Test(arguments: [
        "* 1 FETCH (UID 3 BODY[] {999}\r\nshort)\r\n",
        "* 1 FETCH (UID 3 FLAGS (\\Seen\r\n",
        "* 1 FETCH (UID \"unclosed\r\n",
        "* 1 FETCH (UID 3 BODY[] {99999999999999999999}\r\n",
        "* 1 FETCH " + String(repeating: "(", count: 10_000) + "\r\n",
    ])
    func brokenRepliesAreErrorsNotTraps(_ text: String) {
        #expect(throws: MailSyncError.self) { try reply(text) }
    }

    @Test func randomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("* ()[]{}\"\\\r\nA0123456789 FETCH UID NIL".utf8)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0..<120, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? IMAPReply(parsing: bytes, account: "mail").fetched
        }
    }
}
