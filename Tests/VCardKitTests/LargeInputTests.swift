import Foundation
import FollowUpTestSupport
import Testing
@testable import VCardKit

/// Inputs far larger than any business card: the reader streams them in bounded memory, and
/// what is too large to be a card is refused rather than held.
///
/// Serialized, and alone in using much memory, so that the peak measured is this suite's own.
@Suite(.serialized)
struct LargeInputTests {
    /// A realistic card with a photo, as an iPhone export writes it: ~64 KiB, most of it the
    /// photo's base64 folded at 75 columns.
    static func cardWithPhoto(_ index: Int) -> [UInt8] {
        var generator = SeededGenerator(seed: UInt64(index))
        let photo = Data((0..<48_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        var text = """
            BEGIN:VCARD\r
            VERSION:3.0\r
            N:Person\(index);Test;;;\r
            FN:Test Person\(index)\r
            ORG:Acme\\, Inc.;Recruiting\r
            item1.EMAIL;type=INTERNET;type=WORK;type=pref:person\(index)@acme.example\r
            item1.X-ABLabel:_$!<Work>!$_\r
            TEL;type=WORK;type=VOICE:+1 555 010 \(1000 + index % 9000)\r

            """
        var line = "PHOTO;ENCODING=b;TYPE=JPEG:"
        for character in photo {
            if line.utf8.count == 75 {
                text += line + "\r\n"
                line = " "
            }
            line.append(character)
        }
        text += line + "\r\nEND:VCARD\r\n"
        return Array(text.utf8)
    }

    /// The peak resident memory of this process so far (VmHWM), in bytes.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { return nil }
        return kilobytes * 1024
    }

    /// Lets the peak be measured from now on (Linux resets VmHWM on writing 5 to clear_refs).
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    @Test func hundredMegabyteFileIsReadInBoundedMemory() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("export.vcf").path
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        // Sixteen different cards, repeated: writing 100 MB must not cost a card's making each time.
        let cards = (0..<16).map(Self.cardWithPhoto)
        var written = 0
        var cardCount = 0
        while written < 100_000_000 {
            let card = cards[cardCount % cards.count]
            try output.write(contentsOf: card)
            written += card.count
            cardCount += 1
        }
        try output.close()

        Self.resetPeak()
        let before = try #require(Self.peakResidentBytes())
        var reader = try VCardReader(contentsOfFile: path)
        var read = 0
        var photoBytes = 0
        var lastName: String?
        while let card = try reader.nextCard() {
            read += 1
            photoBytes += card.properties(named: "PHOTO").first?.rawValue.utf8.count ?? 0
            lastName = card.formattedName
        }
        let growth = try #require(Self.peakResidentBytes()) - before

        #expect(read == cardCount)
        #expect(lastName == "Test Person\((cardCount - 1) % cards.count)")
        #expect(photoBytes == cardCount * 64_000)
        // One 256 KiB buffer for the whole file, and one card at a time.
        #expect(reader.bufferHighWaterMark == 256 << 10)
        #expect(growth < 150_000_000, "peak memory grew by \(growth / 1_000_000) MB reading a \(written / 1_000_000) MB file")
        print("LargeInputTests: read \(written / 1_000_000) MB (\(read) cards) with peak memory growth of \(growth / 1_000_000) MB")
    }

    static let twentyMegabytes = 20 << 20

    /// A card whose NOTE is one unfolded 20 MB line.
    static let cardWithHugeNote: [UInt8] = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long Winded\r\nNOTE:".utf8)
        + [UInt8](repeating: UInt8(ascii: "a"), count: twentyMegabytes)
        + Array("\r\nEMAIL:long@winded.example\r\nEND:VCARD\r\n".utf8)

    @Test func twentyMegabyteLineIsReadWhole() throws {
        let card = try Read.card(Self.cardWithHugeNote)
        #expect(card.note?.utf8.count == Self.twentyMegabytes)
        #expect(card.emails.map(\.value) == ["long@winded.example"])
        #expect(card.properties.last?.line == 5)
    }

    @Test func twentyMegabyteLineIsReadWholeFromAStream() throws {
        var reader = VCardReader(source: ChunkedMemorySource(bytes: Self.cardWithHugeNote, chunkSize: 1 << 20),
                                 file: "long.vcf", options: .init(), bufferSize: 64 << 10)
        let card = try #require(try reader.nextCard())
        #expect(card.note?.utf8.count == Self.twentyMegabytes)
        #expect(card.properties.last?.line == 5)
        // The buffer grew to hold the line, and no further.
        #expect(reader.bufferHighWaterMark <= 2 * Self.twentyMegabytes)
    }

    @Test func twentyMegabytesWithoutALineBreakAreNotAVCard() {
        let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: Self.twentyMegabytes)
        #expect(Read.memory(bytes) == .failure(VCardError(.notAVCard, file: "test.vcf", line: 1,
                                                          message: "not a vCard: expected 'BEGIN:VCARD', "
                                                              + "found '\(String(repeating: "x", count: 40))...'")))
    }

    @Test func lineLongerThanTheLimitIsRefusedWithoutHoldingIt() {
        let limit = 1 << 20
        var reader = VCardReader(source: ChunkedMemorySource(bytes: Self.cardWithHugeNote, chunkSize: 64 << 10),
                                 file: "long.vcf", options: .init(maximumCardLength: limit), bufferSize: 64 << 10)
        #expect {
            try reader.readAll()
        } throws: { error in
            let error = error as! VCardError
            return error.kind == .tooLarge && error.line == 4 && error.description.hasPrefix("long.vcf:4: ")
        }
        #expect(reader.bufferHighWaterMark <= 2 * limit + (64 << 10))
        // In memory, the same refusal.
        guard case .failure(let error) = Read.memory(Self.cardWithHugeNote, options: .init(maximumCardLength: limit)) else {
            Issue.record("a line over the limit should be refused")
            return
        }
        #expect(error.kind == .tooLarge && error.line == 4)
    }

    @Test func cardLongerThanTheLimitIsRefused() {
        let line = Array("NOTE:\(String(repeating: "b", count: 1000))\r\n".utf8)
        let bytes = Array("BEGIN:VCARD\r\nVERSION:3.0\r\n".utf8) + Array([[UInt8]](repeating: line, count: 3000).joined())
            + Array("END:VCARD\r\n".utf8)
        guard case .failure(let error) = Read.memory(bytes, options: .init(maximumCardLength: 1 << 20)) else {
            Issue.record("a card over the limit should be refused")
            return
        }
        #expect(error.kind == .tooLarge)
        #expect(error.line > 1000 && error.line < 1100)
    }
}
