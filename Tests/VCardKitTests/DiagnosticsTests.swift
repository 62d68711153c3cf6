import Testing
@testable import VCardKit

/// What the parser says about what it repaired or refused: a warning names its line, the
/// property when there is one, and the repair; an error names the file and the line.
struct DiagnosticsTests {
    func warnings(_ text: String, options: VCardParser.Options = .init()) throws -> [String] {
        try Read.cards(text.crlf, options: options).flatMap(\.warnings).map(\.description)
    }

    /// The error reading `text` gives, as the user sees it; nil when it reads.
    func error(_ text: String, file: String) -> String? {
        guard case .failure(let error) = Read.memory(Array(text.utf8), file: file) else { return nil }
        return error.description
    }

    @Test func missingVersionIsReadAs21() throws {
        #expect(try warnings("BEGIN:VCARD\nFN:A\nEND:VCARD\n") == ["line 1: VERSION: card has no VERSION; read as vCard 2.1"])
    }

    @Test func missingNameIsShownAsTheFallback() throws {
        #expect(try warnings("BEGIN:VCARD\nVERSION:3.0\nEMAIL:jo@x.example\nEND:VCARD\n")
            == ["line 1: FN: card has no FN; shown as 'jo@x.example'"])
    }

    @Test func undecodableValueSaysWhatItWasReadAs() throws {
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\nNOTE;CHARSET=UTF-8:caf".utf8) + [0xE9] + Array("\r\nEND:VCARD\r\n".utf8)
        let card = try Read.card(bytes)
        #expect(card.warnings.map(\.description) == ["line 4: NOTE: value is not valid UTF-8; read as Windows-1252"])
    }

    @Test func brokenQuotedPrintableIsKeptAndTold() throws {
        #expect(try warnings("BEGIN:VCARD\nVERSION:2.1\nFN:A\nNOTE;ENCODING=QUOTED-PRINTABLE:100=25 =ZZ sure\nEND:VCARD\n")
            == ["line 4: NOTE: 1 broken quoted-printable escape(s) kept as written"])
        #expect(try Read.card("BEGIN:VCARD\nVERSION:2.1\nFN:A\nNOTE;ENCODING=QUOTED-PRINTABLE:100=25 =ZZ sure\nEND:VCARD\n").note == "100% =ZZ sure")
    }

    @Test func emptyParameterIsTold() throws {
        #expect(try warnings("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEMAIL;;TYPE=work:a@x.example\nEND:VCARD\n")
            == ["line 4: EMAIL: empty parameter ignored"])
    }

    @Test func lineThatIsNotAPropertyIsToldWithItsText() throws {
        #expect(try warnings("BEGIN:VCARD\nVERSION:3.0\nFN:A\nthis is no property\nEND:VCARD\n")
            == ["line 4: not a property, skipped: 'this is no property'"])
    }

    @Test func textBetweenCardsIsToldOncePerRun() throws {
        #expect(try warnings("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nsee you\nat the fair\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n")
            == ["line 5: text outside BEGIN:VCARD ... END:VCARD skipped (lines 5-6): 'see you'"])
    }

    @Test func missingEndIsToldWhereTheNextCardBegins() throws {
        #expect(try warnings("BEGIN:VCARD\nVERSION:3.0\nFN:A\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n")
            == ["line 4: END: card starting on line 1 has no END:VCARD before the next BEGIN:VCARD; ended it there"])
    }

    @Test func missingBeginIsToldAndThePropertiesKept() throws {
        let cards = try Read.cards("VERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n")
        #expect(cards.first?.formattedName == "A")
        #expect(cards.first?.warnings.map(\.description) == ["line 1: BEGIN: card has no BEGIN:VCARD; read the properties up to END:VCARD on line 3"])
    }

    @Test func whiteSpaceAroundMarkersIsTold() throws {
        #expect(try warnings("BEGIN:VCARD \nVERSION:3.0\nFN:A\nEND:VCARD\t\n")
            == ["line 1: BEGIN: white space around BEGIN:VCARD ignored", "line 4: END: white space around END:VCARD ignored"])
    }

    @Test func recoveredTruncatedCardSaysWhatWasKept() throws {
        let cards = try Read.cards("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEMAIL:a@x.example\n", options: .init(recoversTruncatedCards: true))
        #expect(cards.first?.warnings.map(\.description)
            == ["line 4: END: the card that starts on line 1 has no END:VCARD: the file ends on line 4 (truncated?); kept the 3 properties read"])
    }

    @Test func truncatedCardErrorNamesFileAndLastLine() {
        #expect(error("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEMAIL:a@x", file: "dana.vcf")
            == "dana.vcf:4: the card that starts on line 1 has no END:VCARD: the file ends on line 4 (truncated?)")
    }

    @Test func fileWithoutCardsNamesFileAndFirstLine() {
        #expect(error("\n\nDear hiring manager,\n", file: "letter.txt")
            == "letter.txt:3: not a vCard: expected 'BEGIN:VCARD', found 'Dear hiring manager,'")
    }

    @Test func binaryFileIsQuotedWithEscapesNotRawBytes() {
        let message = error("\u{1}PNG\r\nÿ\u{0}é漢 \u{7F}end", file: "photo.png")
        #expect(message == "photo.png:1: not a vCard: expected 'BEGIN:VCARD', found '\\x01PNG'", "\(message)")
        #expect(Excerpt.of(ArraySlice([0xFF, 0x00] + Array("é漢 ".utf8) + [0x7F, 0xE6, 0xBC])) == "\\xFF\\x00é漢 \\x7F\\xE6\\xBC")
        #expect(Excerpt.of(ArraySlice(Array("abcdé".utf8)), limit: 5) == "abcdé...")
    }

    @Test func errorWithoutAFileNameSaysInput() {
        #expect(VCardError(.notAVCard, line: 2, message: "not a vCard").description == "<input>:2: not a vCard")
    }
}
