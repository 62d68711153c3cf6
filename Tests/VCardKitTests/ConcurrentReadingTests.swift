import Foundation
import FollowUpTestSupport
import Testing
@testable import VCardKit

/// A file read in pieces on several threads gives exactly what one reader gives going
/// through it in order, or nothing, and then the caller reads it in order.
@Suite(.timeLimit(.minutes(1)))
struct ConcurrentReadingTests {
    /// The cards of `bytes` read in pieces of at least `pieceBytes` on `threads` threads; nil
    /// when the reader would not cut the file.
    static func concurrently(_ bytes: [UInt8], threads: Int = 3, pieceBytes: Int = 1, in folder: ScratchFolder) throws -> [VCard]? {
        let path = try folder.file("cards-\(UUID().uuidString).vcf", bytes)
        let pieces = VCardReader.readConcurrently(contentsOfFile: path, file: "test.vcf", threads: threads,
                                                  limits: .init(minimumPieceBytes: pieceBytes)) { _, reader throws(VCardError) in
            try reader.readAll()
        }
        return pieces?.flatMap { $0 }
    }

    static func card(_ index: Int, lineEnd: String = "\r\n") -> String {
        ["BEGIN:VCARD", "VERSION:3.0", "FN:Dana Díaz \(index)", "N:Díaz;Dana;;;",
         "NOTE:a folded", "  note \(index)", "EMAIL;TYPE=WORK:dana\(index)@example.com", "END:VCARD", ""].joined(separator: lineEnd)
    }

    @Test func cleanFileIsCutAndReadsAsInOrder() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        // CRLF, LF and lone CR line ends, and cards whose warnings carry line numbers.
        var text = ""
        for index in 0..<400 {
            text += Self.card(index, lineEnd: ["\r\n", "\n", "\r"][index % 3])
            if index % 5 == 0 { text += "BEGIN:VCARD\nEMAIL:nameless\(index)@example.com\nEND:VCARD\n" }
        }
        let bytes = Array(text.utf8)
        let inOrder = try VCardParser().parse(bytes, file: "test.vcf")
        #expect(inOrder.contains { !$0.warnings.isEmpty })
        for threads in [2, 4] {
            let cards = try #require(try Self.concurrently(bytes, threads: threads, in: folder), "\(threads) threads: not cut")
            #expect(cards == inOrder)
        }
    }

    @Test func smallFilesAndOneThreadAreLeftToOneReader() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let bytes = Array((0..<50).map { Self.card($0) }.joined().utf8)
        #expect(try Self.concurrently(bytes, threads: 1, in: folder) == nil)
        #expect(try Self.concurrently(bytes, threads: 4, pieceBytes: bytes.count, in: folder) == nil)
        #expect(try Self.concurrently(bytes, threads: 4, pieceBytes: bytes.count / 3, in: folder) != nil)
    }

    @Test func aFileThatFailsIsLeftToOneReader() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let bytes = Array(((0..<50).map { Self.card($0) }.joined() + "BEGIN:VCARD\r\nFN:Cut").utf8)
        #expect(throws: VCardError.self) { try VCardParser().parse(bytes) }
        #expect(try Self.concurrently(bytes, in: folder) == nil)
    }

    @Test func utf16IsLeftToOneReader() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let text = (0..<50).map { Self.card($0) }.joined()
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try Self.concurrently(bytes, in: folder) == nil)
    }

    /// Places where `END:VCARD` and `BEGIN:VCARD` follow each other but no card ends: inside
    /// a vCard 2.1 AGENT, and an END outside any card before stray text.
    @Test(arguments: [
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Outer\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\nEND:VCARD\r\n",
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:After a stray END\r\nEND:VCARD\r\n",
        "FN:Lost begin\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:After an orphan\r\nEND:VCARD\r\n",
        "stray text\r\n",
    ])
    func trapsReadAsInOrderOrAreLeftToOneReader(trap: String) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        var text = ""
        for index in 0..<60 { text += Self.card(index) + (index % 4 == 0 ? trap : "") }
        let bytes = Array(text.utf8)
        let inOrder = try VCardParser().parse(bytes, file: "test.vcf")
        if let cards = try Self.concurrently(bytes, threads: 4, in: folder) {
            #expect(cards == inOrder)
        }
    }

    /// Random mixtures of whole cards and the pieces that trip a cut: whatever the reader
    /// returns is what reading in order gives, and a file that fails gives nothing.
    @Test(arguments: 0..<4)
    func randomFilesReadAsInOrderOrAreLeftToOneReader(batch: Int) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let vocabulary: [[UInt8]] = [
            Self.card(1), Self.card(2, lineEnd: "\n"), Self.card(3, lineEnd: "\r"), "END:VCARD\r\n", "BEGIN:VCARD\r\n",
            "AGENT:\r\n", "VERSION:2.1\r\n", "FN:x\r\n", "NOTE;ENCODING=QUOTED-PRINTABLE:a=\r\n", "\r\n", "\n", "\r",
            "stray\r\n", " folded\r\n", "\u{FEFF}", "end:vcard\r\n", "é",
        ].map { Array($0.utf8) }
        var cut = 0
        for seed in UInt64(batch * 50)..<UInt64(batch * 50 + 50) {
            var generator = SeededGenerator(seed: seed)
            let bytes = generator.pieces(of: vocabulary, atMost: 60)
            let inOrder = Result { () throws(VCardError) -> [VCard] in try VCardParser().parse(bytes, file: "test.vcf") }
            guard let cards = try Self.concurrently(bytes, threads: 3, in: folder) else { continue }
            cut += 1
            #expect(inOrder == .success(cards), "seed \(seed)")
        }
        #expect(cut > 0, "some random files are cut")
    }

    @Test func lineBreaksAreCountedAsTheLineReaderCountsThem() {
        let cases: [(String, Int)] = [("", 0), ("a", 0), ("a\r\nb", 1), ("a\nb\n", 2), ("a\rb\r", 2), ("\r\n\r\n", 2), ("\r\r\n\n", 3)]
        for (text, expected) in cases {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { CardBoundaries.lineBreaks(in: $0) } == expected, "\(text.debugDescription)")
        }
    }

    /// Line breaks counted eight bytes at a time, against a byte-by-byte count, wherever the
    /// words fall: CRLF split between two words, CRs and LFs in runs, at either end.
    @Test func lineBreaksCountedByWordsMatchACountByBytes() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<count).map { _ in [UInt8(0x0D), 0x0A, UInt8(ascii: "a")].randomElement(using: &generator)! }
            var expected = 0
            for (index, byte) in bytes.enumerated() where byte == 0x0D || (byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D)) {
                expected += 1
            }
            #expect(bytes.withUnsafeBufferPointer { CardBoundaries.lineBreaks(in: $0) } == expected, "\(bytes)")
        }
    }

    @Test func cutsFallOnlyBetweenAnExactEndAndBegin() {
        let text = "BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n BEGIN:VCARD\r\nEND:VCARD \r\nBEGIN:VCARD\r\nXEND:VCARD\r\nBEGIN:VCARD\r\n"
            + "END:VCARD\r\nBEGIN:VCARDS\r\nEND:VCARD\nBEGIN:VCARD\nEND:VCARD\n"
        let bytes = Array(text.utf8)
        let expected = Array(text.utf8).count - Array("BEGIN:VCARD\nEND:VCARD\n".utf8).count
        #expect(bytes.withUnsafeBufferPointer { CardBoundaries.cut(in: $0, from: 0) } == expected)
        #expect(bytes.withUnsafeBufferPointer { CardBoundaries.cut(in: $0, from: expected) } == nil)
    }
}
