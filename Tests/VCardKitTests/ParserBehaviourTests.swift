import Foundation
import Testing
@testable import VCardKit

/// The repairs and refusals the parser promises, one behaviour per test.
struct ParserBehaviourTests {
    func parse(_ text: String) throws -> [VCard] {
        try VCardParser().parse(text, file: "test.vcf")
    }

    @Test func lfOnlyLinesAndFoldingAreJoined() throws {
        let cards = try parse("BEGIN:VCARD\nVERSION:3.0\nFN:Dana\n  Díaz\nNOTE:one\n\ttwo\nEND:VCARD\n")
        #expect(cards[0].formattedName == "Dana Díaz")
        #expect(cards[0].note == "onetwo")
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n".utf8)
        #expect(try VCardParser().parse(bytes).first?.formattedName == "Ana")
    }

    @Test func utf16FileWithByteOrderMarkIsRead() throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ng\r\nEND:VCARD\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try VCardParser().parse(bytes).first?.formattedName == "Zoë Ng")
    }

    @Test func declaredCharsetIsConverted() throws {
        // "Müller" in ISO-8859-1, as old phones write it.
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M".utf8) + [0xFC] + Array("ller;Jan\r\nEND:VCARD\r\n".utf8)
        #expect(try VCardParser().parse(bytes).first?.name?.family == "Müller")
    }

    @Test func undeclaredNonUTF8TextIsReadAsWindows1252WithAWarning() throws {
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ren".utf8) + [0xE9] + Array("\r\nEND:VCARD\r\n".utf8)
        let card = try #require(try VCardParser().parse(bytes).first)
        #expect(card.formattedName == "René")
        #expect(card.warnings.contains { $0.line == 3 && $0.property == "FN" })
    }

    @Test func escapesAreRemovedAndStructuredValuesSplit() throws {
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\\, B\nN:O\\;Brien;Pat;;;\nORG:Acme\\, Inc.;R&D;;\nNOTE:a\\nb\\\\c\nEND:VCARD\n"
        let card = try #require(try parse(text).first)
        #expect(card.formattedName == "A, B")
        #expect(card.name?.family == "O;Brien")
        #expect(card.organization == ["Acme, Inc.", "R&D"])
        #expect(card.note == "a\nb\\c")
    }

    @Test func severalCardsInOneFileComeInOrder() throws {
        let text = (1...3).map { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person \($0)\r\nEND:VCARD\r\n" }.joined()
        #expect(try parse(text).map(\.displayName) == ["Person 1", "Person 2", "Person 3"])
    }

    @Test func displayNameFallsBackToNameThenOrganisationThenEmail() throws {
        #expect(try parse("BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jo;;;\nEND:VCARD\n")[0].displayName == "Jo Doe")
        #expect(try parse("BEGIN:VCARD\nVERSION:3.0\nORG:Acme\nEND:VCARD\n")[0].displayName == "Acme")
        #expect(try parse("BEGIN:VCARD\nVERSION:3.0\nEMAIL:jo@x.example\nEND:VCARD\n")[0].displayName == "jo@x.example")
    }

    @Test func textThatIsNotAVCardIsAnErrorNamingFileAndLine() {
        #expect {
            try VCardParser().parse("hello, this is a letter\nnot a card\n", file: "letter.txt")
        } throws: { error in
            let error = error as! VCardError
            return error.kind == .notAVCard && error.line == 1 && error.description.hasPrefix("letter.txt:1:")
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: VCardError.self) { try VCardParser().parse([UInt8](), file: "empty.vcf") }
    }

    @Test func truncatedCardIsAnErrorAtItsLastLine() {
        #expect {
            try VCardParser().parse("BEGIN:VCARD\nVERSION:3.0\nFN:Dana\nEMA", file: "cut.vcf")
        } throws: { error in
            (error as! VCardError).kind == .truncated && (error as! VCardError).line == 4
        }
    }

    @Test func truncatedCardCanBeRecoveredOnRequest() throws {
        let cards = try VCardParser(options: .init(recoversTruncatedCards: true)).parse("BEGIN:VCARD\nVERSION:3.0\nFN:Dana\nEMA")
        #expect(cards.first?.formattedName == "Dana")
        #expect(cards.first?.warnings.isEmpty == false)
    }

    @Test func unknownExtensionPropertiesAreKept() throws {
        let card = try #require(try parse("BEGIN:VCARD\nVERSION:3.0\nFN:A\nX-CAMCARD-SOURCE;X-FOO=bar:scan 7\nEND:VCARD\n").first)
        let extra = try #require(card.properties(named: "X-CAMCARD-SOURCE").first)
        #expect(extra.rawValue == "scan 7")
        #expect(extra.parameter("x-foo") == "bar")
    }

    @Test func timeZoneOffsetsAreUnderstood() throws {
        for (text, seconds) in [("-05:00", -18000), ("+0530", 19800), ("1:00", 3600)] {
            let card = try #require(try parse("BEGIN:VCARD\nVERSION:3.0\nFN:A\nTZ:\(text)\nEND:VCARD\n").first)
            #expect(card.timeZone?.secondsFromGMT() == seconds, "TZ:\(text)")
        }
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("BEGIN:VCARD\r\nEND:;=,\\\" .QUOTED-PRINTABLE".utf8) + [0x00, 0xFF, 0xC3, 0x0A]
        for _ in 0..<300 {
            let length = Int.random(in: 0..<400, using: &generator)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? VCardParser().parse(bytes)
            _ = try? VCardParser(options: .init(recoversTruncatedCards: true)).parse(bytes)
        }
    }
}
