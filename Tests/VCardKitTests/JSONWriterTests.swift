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
        let cards = try VCardParser().parse(Repository.bytes("Samples/cards/dana-diaz.vcf") + Repository.bytes("Samples/cards/lee-chen.vcf"), file: "two.vcf")
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
}
