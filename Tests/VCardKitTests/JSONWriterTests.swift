import Foundation
import Testing
import FollowUpTestSupport
@testable import VCardKit

/// `VCardJSONWriter` writes, byte for byte, what `JSONEncoder` makes of the same summaries
/// (`VCardSummary.json`), which is what `followup card --json` printed before it streamed.
struct JSONWriterTests {
    /// The writer's text for `cards`, without the final line break the CLI adds.
    func written(_ cards: [VCard]) -> String {
        var writer = VCardJSONWriter()
        for card in cards { writer.append(card) }
        writer.finish()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static var cardFiles: [String] {
        Corpus.files.map { "\(Corpus.path)/\($0)" }
            + Repository.files(in: "Tests/VCardKitTests/RealWorld", endingWith: ".vcf").map { "Tests/VCardKitTests/RealWorld/\($0)" }
            + Repository.files(in: "Samples/cards", endingWith: ".vcf").map { "Samples/cards/\($0)" }
    }

    @Test func theCardFilesAreThere() {
        #expect(Self.cardFiles.count >= 60, "the corpus, real-world and sample cards of the repository")
    }

    @Test(arguments: cardFiles)
    func writesWhatJSONEncoderWrites(path: String) throws {
        let cards = try VCardParser(options: .init(recoversTruncatedCards: true)).parse(Repository.bytes(path), file: path)
        #expect(written(cards) == (try VCardSummary.json(cards)))
    }

    @Test func everyCardOfTheRepositoryInOneArray() throws {
        var cards: [VCard] = []
        for path in Self.cardFiles {
            cards += try VCardParser(options: .init(recoversTruncatedCards: true)).parse(Repository.bytes(path), file: path)
        }
        #expect(cards.count > 60)
        #expect(written(cards) == (try VCardSummary.json(cards)))
    }

    @Test func noCardsIsTheEmptyArrayAsJSONEncoderWritesIt() throws {
        #expect(written([]) == (try VCardSummary.json([])))
    }

    /// Every character JSON must escape, around the ones it need not: quotes, backslashes,
    /// each control character, `/`, DEL, non-ASCII letters, an emoji.
    @Test func escapesEachCharacterAsJSONEncoderDoes() throws {
        var awkward = "\"\\/ \u{7F} é 東京 🙂 </script>"
        for code in 0..<0x20 where code != 0x0A && code != 0x0D {
            awkward.unicodeScalars.append(Unicode.Scalar(UInt8(code)))
        }
        let escapedValue = awkward.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: ";", with: "\\;")
        let text = """
            BEGIN:VCARD
            VERSION:3.0
            FN:\(escapedValue)
            N:\(escapedValue);Ann;;;
            ORG:\(escapedValue);Unit\\nTwo
            TITLE:tab\tin title
            EMAIL;TYPE=INTERNET,WORK:ann@example.com
            item1.EMAIL:\(escapedValue)@example.com
            item1.X-ABLabel:\(escapedValue)
            TEL:+1 555 0100
            NOTE:one\\ntwo\\r\\nthree
            NOTE:second note
            TZ:Europe/Berlin
            END:VCARD
            BEGIN:VCARD
            VERSION:4.0
            FN:Bo
            END:VCARD
            """.crlf
        let cards = try VCardParser().parse(Array(text.utf8), file: "awkward.vcf")
        try #require(cards.count == 2)
        #expect(cards[0].formattedName?.contains("\u{01}") == true, "the control characters reach the writer")
        #expect(written(cards) == (try VCardSummary.json(cards)))
    }

    @Test func bytesTakenBetweenCardsMakeTheSameDocument() throws {
        let cards = try VCardParser().parse(Repository.bytes("Samples/cards/dana-diaz.vcf") + Repository.bytes("Samples/cards/lee-chen.vcf"),
                                            file: "two.vcf")
        var writer = VCardJSONWriter()
        var streamed: [UInt8] = []
        for card in cards {
            writer.append(card)
            streamed += writer.takeBytes()
        }
        writer.finish()
        streamed += writer.takeBytes()
        #expect(String(decoding: streamed, as: UTF8.self) == (try VCardSummary.json(cards)))
    }

    /// The writer is a value: a copy writes on its own (its bytes are shared only until one of
    /// the two writes), and a writer that starts with almost no room grows as it writes.
    @Test func aCopyOfAWriterWritesOnItsOwn() throws {
        let cards = try VCardParser().parse(Repository.bytes("Samples/cards/dana-diaz.vcf") + Repository.bytes("Samples/cards/lee-chen.vcf"),
                                            file: "two.vcf")
        var first = VCardJSONWriter(continuingAfter: 0, reservingCapacity: 1)
        first.append(cards[0])
        let before = first.bytes
        var second = first
        second.append(cards[1])
        #expect(first.bytes == before)
        #expect(second.byteCount > first.byteCount)
        first.append(cards[1])
        #expect(first.bytes == second.bytes)
        let written = first.bytes
        var third = first
        third.rewind(to: (byteCount: 0, cardCount: 0))
        third.append(cards[1])
        #expect(first.bytes == written, "rewinding a copy and writing over it leaves the original as it was")
        #expect(third.bytes != written)
        first.finish()
        #expect(String(decoding: [UInt8(ascii: "[")] + first.bytes, as: UTF8.self) == (try VCardSummary.json(cards)))
    }

    /// The summary reads contacts its own way (without their preference): it must still find
    /// what `emails` and `phones` find.
    @Test func summaryContactsAreTheCardsContacts() throws {
        for path in Self.cardFiles {
            for card in try VCardParser(options: .init(recoversTruncatedCards: true)).parse(Repository.bytes(path), file: path) {
                let summary = VCardSummary(card)
                #expect(summary.emails == card.emails.map { .init(value: $0.value, types: $0.types, label: $0.label) }, "\(path)")
                #expect(summary.tels == card.phones.map { .init(value: $0.value, types: $0.types, label: $0.label) }, "\(path)")
                #expect(summary.notes == (card.notes.count > 1 ? card.notes : nil), "\(path)")
            }
        }
    }
    /// The writer reads a card's stored (still escaped) values itself: every way a value can
    /// need unescaping, splitting, trimming or leaving out must come out as the summary has it.
    @Test func valuesReadStraightFromTheCardAreTheSummarys() throws {
        let text = #"""
            BEGIN:VCARD
            VERSION:3.0
            FN:
            FN:Second FN is not used
            N:Family\;With\,Escapes;Given\nLine;;Dr.\;
            ORG:Acme\;Inc.;;Unit\\;;
            TITLE:ends in a backslash\
            EMAIL;TYPE=WORK:\#u{20} padded@example.com\#u{20}\#u{20}
            EMAIL;TYPE=HOME:\#u{A0}no-break-space@example.com\#u{A0}
            EMAIL:
            EMAIL:\#u{20}
            EMAIL;TYPE=x-other:comma\,in@example.com
            item1.EMAIL;type=INTERNET;type=pref:grouped@example.com
            ITEM1.X-ABLabel:_$!<Work>!$_
            item2.TEL;TYPE=CELL:+1 555 0100
            item2.X-ABLabel:mobile "quoted"
            TEL;TYPE=CELL,VOICE;TYPE=cell:tel:+1-555-0101
            TZ:\#u{20} Europe/Berlin\#u{20}
            NOTE:first\Nsecond
            NOTE:
            NOTE:tab\#u{09}and "quote" and \\ backslash
            END:VCARD
            BEGIN:VCARD
            VERSION:2.1
            N:OnlyFamily
            ORG:;;
            TEL;WORK;VOICE;PREF:+49 30 1234
            TEL;HOME;CHARSET=UTF-8;de-DE:+49 30 5678
            END:VCARD
            BEGIN:VCARD
            VERSION:4.0
            N:A;B;C;D;E;F;G
            ORG:\
            END:VCARD
            """#.crlf
        let cards = try VCardParser().parse(Array(text.utf8), file: "values.vcf")
        try #require(cards.count == 3)
        #expect(cards[0].emails.count == 4, "the empty e-mails are left out, the padded ones kept")
        #expect(written(cards) == (try VCardSummary.json(cards)))
    }

    /// Contacts' types are kept by their parameters' text: far more different texts than are
    /// kept at once (so some are forgotten and read again), each met several times.
    @Test func typesKeptByParameterTextStayEachContactsOwn() throws {
        var text = ""
        for index in 0..<900 {
            let kind = ["WORK", "home", "CELL,VOICE", "x-\(index % 400)"][index % 4]
            text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person \(index)\r\n"
            text += "TEL;TYPE=\(kind);X-SEEN=\(index % 300):+1 555 \(1000 + index)\r\n"
            text += "EMAIL;TYPE=INTERNET,\(kind):p\(index)@example.com\r\nEND:VCARD\r\n"
        }
        let cards = try VCardParser().parse(Array(text.utf8), file: "types.vcf")
        try #require(cards.count == 900)
        #expect(written(cards) == (try VCardSummary.json(cards)))
    }

    @Test func groupsCompareIgnoringCase() {
        #expect(VCard.isSameGroup("item1", "ITEM1"))
        #expect(!VCard.isSameGroup("item1", "item2"))
        #expect(!VCard.isSameGroup("item1", "item10"))
        #expect(!VCard.isSameGroup("a@", "A`"), "only letters differ by case")
        #expect(VCard.isSameGroup("gruppe-ä", "GRUPPE-Ä"), "other letters as Foundation compares them")
    }

    /// Line breaks inside a value are unified on bytes: each CRLF and each lone CR becomes LF.
    /// (Replacing the characters did this too, except that in CR CR LF it replaced the CRLF
    /// first and kept the new CRLF that the first CR then made.)
    @Test(arguments: [("", ""), ("plain", "plain"), ("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\r\r\nb\n\rc", "a\n\nb\n\nc"),
                      ("\r", "\n"), ("end\r", "end\n"), ("\r\n\r\n", "\n\n"), ("Grüße\r東京\r\n🙂\re\u{301}", "Grüße\n東京\n🙂\ne\u{301}")])
    func lineBreaksBecomeLineFeeds(text: String, expected: String) {
        #expect(Array(TextDecoding.normalisingLineBreaks(text).utf8) == Array(expected.utf8))
    }
}
