import Foundation
import FollowUpTestSupport
import Testing
@testable import VCardKit

/// Whatever the bytes, the parser gives cards or a `VCardError`: it never crashes, never hangs,
/// and reads a stream exactly as it reads memory. Inputs come from seeded generators, so a
/// failure names the seed that reproduces it.
@Suite(.timeLimit(.minutes(1)))
struct FuzzTests {
    /// Bytes that make up vCards, so that random inputs reach deep into the parser.
    static let vocabulary: [[UInt8]] = [
        "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "AGENT:", "FN:", "N:", "EMAIL;TYPE=work:",
        "TEL;WORK;VOICE:", "item1.", "X-ABLabel:", ";ENCODING=QUOTED-PRINTABLE", ";CHARSET=SHIFT_JIS", ";CHARSET=x-bogus",
        ";ENCODING=b", ";VALUE=uri", "TYPE=\"work,voice\"", "=", "=0D=0A", "=C3=", "\\", "\\n", "\\,", ";", ":", ",",
        "\"", " ", "\t", "\r\n", "\n", "\r", "\r\n ", "=\r\n", "\u{FEFF}", "é", "🐙",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xFE, 0xFF], [0x00], [0xC3], [0xE9], [0xED, 0xA0, 0x80], [0xF4, 0x90]]

    /// The invariants every successful read keeps.
    static func checkInvariants(_ cards: [VCard], of bytes: [UInt8], seed: UInt64) {
        let lineCount = bytes.count + 1  // no input has more physical lines than bytes plus one
        for card in cards {
            #expect(card.line >= 1 && card.line <= lineCount, "seed \(seed): card line \(card.line)")
            for property in card.properties {
                #expect(property.line >= card.line && property.line <= lineCount, "seed \(seed): property line \(property.line)")
                #expect(!property.name.isEmpty, "seed \(seed)")
            }
            for warning in card.warnings {
                #expect(warning.line >= 1 && warning.line <= lineCount, "seed \(seed): warning line \(warning.line)")
            }
        }
    }

    @Test(arguments: 0..<8)
    func randomBytesGiveCardsOrAnErrorAndReadTheSameStreamed(batch: Int) {
        for case let seed in UInt64(batch * 250)..<UInt64(batch * 250 + 250) {
            var generator = SeededGenerator(seed: seed)
            let bytes = generator.pieces(of: Self.vocabulary, atMost: 80)
            let chunkSize = Int.random(in: 1...9, using: &generator)
            for options in [VCardParser.Options(), VCardParser.Options(recoversTruncatedCards: true)] {
                let memory = Read.memory(bytes, options: options)
                #expect(Read.streamed(bytes, chunkSize: chunkSize, options: options) == memory, "seed \(seed)")
                switch memory {
                case .success(let cards):
                    Self.checkInvariants(cards, of: bytes, seed: seed)
                    // Everything a card offers can be asked for.
                    for card in cards { _ = (VCardSummary(card), card.timeZone, card.displayName, card.properties.map(\.embeddedCard)) }
                case .failure(let error):
                    #expect(error.line >= 1 && error.file == "test.vcf", "seed \(seed): \(error)")
                }
            }
        }
    }

    @Test func uniformlyRandomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...2000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if case .success(let cards) = Read.memory(bytes, options: .init(recoversTruncatedCards: true)) {
                Self.checkInvariants(cards, of: bytes, seed: 2026)
            }
        }
    }

    /// Truncations of every corpus file: at every byte of its first 1,500 bytes, and beyond
    /// them within two bytes of a line break (of every other line in the three large files),
    /// where a cut bites hardest. A cut file reads as cards, or fails with `.truncated` or
    /// `.notAVCard` naming a line inside what is left.
    @Test(arguments: Corpus.files)
    func everyTruncationOfACorpusFileReadsOrFailsCleanly(file: String) throws {
        let bytes = try Corpus.bytes(file)
        var cuts = Set(0...min(bytes.count, 1500))
        let breaks = bytes.indices.filter { bytes[$0] == 0x0A }
        let stride = bytes.count > 10_000 ? 2 : 1
        for (number, index) in breaks.enumerated() where index > 1500 && number % stride == 0 {
            cuts.formUnion(((index - 2)...(index + 2)).filter { $0 <= bytes.count })
        }
        // linesBefore[i]: the physical lines that bytes[..<i] starts (at least one).
        var linesBefore = [1]
        for byte in bytes { linesBefore.append(linesBefore.last! + (byte == 0x0A ? 1 : 0)) }
        for cut in cuts.sorted() {
            let prefix = Array(bytes[..<cut])
            let lines = linesBefore[cut]
            switch Read.memory(prefix) {
            case .success(let cards):
                #expect(!cards.isEmpty, "\(file) cut at \(cut)")
            case .failure(let error):
                #expect([VCardError.Kind.truncated, .notAVCard].contains(error.kind), "\(file) cut at \(cut): \(error)")
                #expect(error.line >= 1 && error.line <= lines, "\(file) cut at \(cut): \(error)")
            }
            if case .success(let cards) = Read.memory(prefix, options: .init(recoversTruncatedCards: true)) {
                Self.checkInvariants(cards, of: prefix, seed: UInt64(cut))
            }
        }
    }

    /// Corpus files with bytes flipped, dropped and doubled at random. Skipped without the
    /// corpus, whose absence `CorpusTests.corpusIsPresent` reports.
    @Test(.enabled(if: Corpus.isPresent, "the vCard corpus is missing"))
    func mutatedCorpusFilesReadTheSameStreamed() throws {
        var generator = SeededGenerator(seed: 7)
        let files = try Corpus.files.map { try Corpus.bytes($0) }.filter { $0.count <= 4000 }
        try #require(!files.isEmpty, "no corpus file of at most 4000 bytes in \(Corpus.folder.path)")
        for round in 0..<300 {
            var bytes = try #require(files.randomElement(using: &generator))
            for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + 20)], at: index)
                }
            }
            let options = VCardParser.Options(recoversTruncatedCards: true)
            let memory = Read.memory(bytes, options: options)
            #expect(Read.streamed(bytes, chunkSize: round % 7 + 1, options: options) == memory, "round \(round)")
            if case .success(let cards) = memory { Self.checkInvariants(cards, of: bytes, seed: UInt64(round)) }
        }
    }

    @Test func deeplyNestedBeginLinesEachStartACard() throws {
        let depth = 5000
        let text = String(repeating: "BEGIN:VCARD\r\nFN:Nested\r\n", count: depth) + String(repeating: "END:VCARD\r\n", count: depth)
        let cards = try Read.cards(text)
        // Each BEGIN closes the card before it; the first END closes the last; the other ENDs
        // are stray lines, not cards.
        #expect(cards.count == depth)
        #expect(cards.allSatisfy { $0.formattedName == "Nested" })
        #expect(cards.dropLast().allSatisfy { card in card.warnings.contains { $0.message.contains("no END:VCARD before the next BEGIN:VCARD") } })
    }

    @Test func deeplyNestedAgentCardsAreOneValue() throws {
        let depth = 3000
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss\r\nAGENT:\r\n"
            + String(repeating: "BEGIN:VCARD\r\nVERSION:2.1\r\nAGENT:\r\n", count: depth)
            + String(repeating: "END:VCARD\r\n", count: depth)
            + "TEL:+1 555 0100\r\nEND:VCARD\r\n"
        let card = try Read.card(text)
        #expect(card.formattedName == "Boss")
        #expect(card.phones.map(\.value) == ["+1 555 0100"])
        let agent = try #require(card.properties(named: "AGENT").first)
        #expect(agent.text.components(separatedBy: "BEGIN:VCARD").count == depth + 1)
        #expect(agent.embeddedCard != nil)
    }

    @Test func thousandsOfEmptyAndStrayLinesAreOneWarning() throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n" + String(repeating: "junk line\r\n", count: 20_000)
            + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEND:VCARD\r\n"
        let cards = try Read.cards(text)
        #expect(cards.map(\.displayName) == ["A", "B"])
        let stray = cards[1].warnings.filter { $0.message.contains("outside BEGIN:VCARD") }
        #expect(stray.count == 1)
        #expect(stray.first?.line == 5)
        #expect(stray.first?.message.contains("lines 5-20004") == true)
    }
}
