import Foundation
import Testing

@testable import MailSync

@Suite struct MessageTests {
    @Test func bodyStructuresWithACalendarPartAreFound() throws {
        func structure(_ text: String) throws -> IMAPValue {
            let reply = try IMAPReply(parsing: Array("* 1 FETCH (BODYSTRUCTURE \(text))\r\n".utf8), account: "mail")
            return try #require(reply.fetched.first?.bodyStructure)
        }
        // Google: multipart/mixed of (alternative of plain, html, calendar) and an application/ics attachment.
        let google = try structure("""
            ((("text" "plain" ("charset" "UTF-8") NIL NIL "7bit" 10 1 NIL NIL NIL)("text" "html" ("charset" "UTF-8") NIL NIL \
            "quoted-printable" 20 1 NIL NIL NIL)("text" "calendar" ("charset" "UTF-8" "method" "REQUEST") NIL NIL "7bit" 30 2 NIL NIL \
            NIL) "alternative" ("boundary" "b1") NIL NIL)("application" "ics" ("name" "invite.ics") NIL NIL "base64" 40 NIL \
            ("attachment" ("filename" "invite.ics")) NIL) "mixed" ("boundary" "b0") NIL NIL)
            """)
        #expect(BodyStructure.hasCalendarPart(google))
        let attachment = try structure("""
            (("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 5 1 NIL NIL NIL)("application" "octet-stream" ("name" \
            "Interview.ICS") NIL NIL "base64" 40 NIL ("attachment" ("filename" "Interview.ICS")) NIL) "mixed" ("boundary" "x") NIL NIL)
            """)
        #expect(BodyStructure.hasCalendarPart(attachment))
        let plain = try structure("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 7 1 NIL NIL NIL NIL)")
        #expect(!BodyStructure.hasCalendarPart(plain))
        let pdf = try structure("""
            (("text" "plain" NIL NIL NIL "7bit" 5 1)("application" "pdf" ("name" "ics-guide.pdf") NIL NIL "base64" 9) "mixed" NIL NIL NIL)
            """)
        #expect(!BodyStructure.hasCalendarPart(pdf))
    }

    @Test func headersUnfoldAndDecode() {
        let text = "From: =?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <Joerg@Example.DE>\r\nTo: \"Park, Riley\" <riley@acme.example>,\r\n"
            + " lee@acme.example (Lee), Team: a@b.example, c@d.example;\r\nSubject: =?ISO-8859-1?Q?Gr=FC=DFe?= aus\r\n"
            + " Berlin\r\nDate: Mon, 14 Dec 2026 09:30:00 +0100 (CET)\r\n\r\nBody: not a header\r\n"
        let headers = MessageHeaders(Array(text.utf8))
        #expect(headers.from == [MailAddress(name: "Jörg Müller", address: "joerg@example.de")])
        #expect(headers.recipients.map(\.address) == ["riley@acme.example", "lee@acme.example", "a@b.example", "c@d.example"])
        #expect(headers.recipients.first?.name == "Park, Riley")
        #expect(headers.subject == "Grüße aus Berlin")
        #expect(headers.date == Date(timeIntervalSince1970: 1_797_237_000))
    }

    @Test(arguments: [
        ("Mon, 14 Dec 2026 08:30:00 +0000", 1_797_237_000.0),
        ("14 Dec 2026 08:30:00 GMT", 1_797_237_000.0),
        ("Mon, 14 Dec 2026 00:30:00 PST", 1_797_237_000.0),
        ("Mon, 14 Dec 26 03:30 -0500", 1_797_237_000.0),
    ])
    func datesInTheFormsMailCarries(_ text: String, _ expected: Double) {
        #expect(MailDate.parse(text) == Date(timeIntervalSince1970: expected))
    }

    @Test(arguments: ["", "yesterday", "Mon, 32 Dec 2026 08:30:00 +0000", "Mon, 14 Foo 2026 08:30:00", "Mon, 14 Dec 99999 08:30:00",
                      "Mon, 14 Dec 2026 25:30:00 +0000"])
    func datesThatAreNotDatesAreNil(_ text: String) {
        #expect(MailDate.parse(text) == nil)
    }

    @Test func serverURLsAndTheTLSRule() throws {
        let remote = try #require(MailServer(account: "work", url: URL(string: "imap://mail.example.org")!))
        #expect(remote.port == 143 && !remote.usesImplicitTLS && remote.requiresTLS)
        let local = try #require(MailServer(account: "test", url: URL(string: "imap://127.0.0.1:1430")!))
        #expect(!local.requiresTLS)
        let secure = try #require(MailServer(account: "gmail", url: URL(string: "imaps://imap.gmail.com")!))
        #expect(secure.port == 993 && secure.usesImplicitTLS)
        #expect(secure.url(folder: "[Gmail]/Sent Mail") == "imaps://imap.gmail.com:993/%5BGmail%5D/Sent%20Mail")
        #expect(secure.url(folder: "INBOX", uid: 42) == "imaps://imap.gmail.com:993/INBOX/;UID=42")
        #expect(MailServer(account: "x", url: URL(string: "https://example.org")!) == nil)
        #expect(MailServer.isInTheClear(URL(string: "imap://mail.example.org")!))
        #expect(!MailServer.isInTheClear(URL(string: "imaps://mail.example.org")!))
    }

    /// A server may number its messages up to UInt32.max: a batch's end is found without a trap.
    @Test func aBatchEndsBeforeTheServersNextUIDEvenAtTheTopOfTheRange() {
        #expect(MailSync.lastUID(ofBatchFrom: 1, before: 10_001) == UInt32(MailLimits.fetchBatch))
        #expect(MailSync.lastUID(ofBatchFrom: 9_000, before: 10_001) == 10_000)
        #expect(MailSync.lastUID(ofBatchFrom: .max - 5, before: .max) == UInt32.max - 1)
        #expect(MailSync.lastUID(ofBatchFrom: .max - 1, before: .max) == UInt32.max - 1)
    }

    @Test func foldersAreFoundByFlagThenByName() {
        let flagged = [MailFolder(name: "Entwürfe", flags: ["\\drafts"]), MailFolder(name: "Drafts", flags: [])]
        #expect(MailSync.folder(in: flagged, flag: "\\drafts", names: MailSync.draftsNames) == "Entwürfe")
        let gmail = [MailFolder(name: "INBOX", flags: []), MailFolder(name: "[Gmail]/Sent Mail", flags: [])]
        #expect(MailSync.folder(in: gmail, flag: "\\sent", names: MailSync.sentNames) == "[Gmail]/Sent Mail")
        #expect(MailSync.folder(in: gmail, flag: "\\drafts", names: MailSync.draftsNames) == nil)
    }
}
