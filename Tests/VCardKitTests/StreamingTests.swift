import Foundation
import FollowUpTestSupport
import Testing
@testable import VCardKit

/// A file read in chunks reads exactly as the same bytes in memory: same cards, same line
/// numbers, same warnings and errors, wherever the chunk boundaries fall.
struct StreamingTests {
    /// A 2.1 card with everything a chunk boundary could cut: CRLF line ends, an RFC folded line,
    /// a quoted-printable soft break, a UTF-8 character split by a fold, and lines after them
    /// whose numbers must stay right.
    static let tricky: [UInt8] = Array("""
        BEGIN:VCARD
        VERSION:2.1
        N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:D=C3=ADaz;Dana;;;
        NOTE;ENCODING=QUOTED-PRINTABLE:Met at the on-site interview, asked about the =
        robot fleet rollout.=0D=0AFollow up on Friday.
        TITLE:Head of Platform
          Engineering
        FN:Dana D
        """.utf8).replacingLF()
        + [0xC3, 0x0D, 0x0A, 0x20, 0xAD]  // "í" cut in two by a fold, as some writers fold at 75 bytes
        + Array("""
        az
        EMAIL;INTERNET;PREF:dana@acme.example
        END:VCARD

        """.utf8).replacingLF()

    @Test func trickyCardReadsAsIntended() throws {
        let card = try Read.card(Self.tricky)
        #expect(card.name?.family == "Díaz")
        #expect(card.note == "Met at the on-site interview, asked about the robot fleet rollout.\nFollow up on Friday.")
        #expect(card.title == "Head of Platform Engineering")
        #expect(card.formattedName == "Dana Díaz")
        #expect(card.properties.map(\.line) == [2, 3, 4, 6, 8, 10])
        #expect(card.warnings.isEmpty)
    }

    @Test func everySplitPointGivesTheSameCard() throws {
        let expected = Read.memory(Self.tricky)
        for position in 0...Self.tricky.count {
            let streamed = Read.streamed(from: SplitSource(Self.tricky, splitAt: position), bufferSize: 4)
            #expect(streamed == expected, "split at byte \(position)")
        }
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13])
    func everyChunkSizeGivesTheSameCard(chunkSize: Int) throws {
        #expect(Read.streamed(Self.tricky, chunkSize: chunkSize) == Read.memory(Self.tricky))
    }

    @Test func crlfSplitBetweenItsTwoBytesCountsOneLine() throws {
        let text = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEMAIL:ana@x.example\r\nEND:VCARD\r\n".utf8)
        let returnIndex = try #require(text.firstIndex(of: 0x0D))
        let outcome = Read.streamed(from: SplitSource(text, splitAt: returnIndex + 1), bufferSize: 4)
        let card = try #require(try outcome.get().first)
        #expect(card.properties.map(\.line) == [2, 3, 4])
    }

    @Test func loneCarriageReturnLineEndsAreLines() throws {
        let text = Array("BEGIN:VCARD\rVERSION:3.0\rFN:Old\r  Mac\rEMAIL:old@mac.example\rEND:VCARD\r".utf8)
        for chunkSize in [1, 2, 64] {
            let card = try #require(try Read.streamed(text, chunkSize: chunkSize).get().first)
            #expect(card.formattedName == "Old Mac")
            #expect(card.properties.map(\.line) == [2, 3, 5])
        }
    }

    @Test(arguments: Corpus.files)
    func corpusFileReadsTheSameInChunks(file: String) throws {
        let bytes = try Corpus.bytes(file)
        for options in [VCardParser.Options(), VCardParser.Options(recoversTruncatedCards: true)] {
            let expected = Read.memory(bytes, options: options)
            for (chunkSize, bufferSize) in [(1, 4), (3, 4), (7, 16), (64, 64), (4096, 256 << 10)] {
                let streamed = Read.streamed(bytes, chunkSize: chunkSize, bufferSize: bufferSize, options: options)
                #expect(streamed == expected, "\(file), chunks of \(chunkSize), buffer \(bufferSize)")
            }
        }
    }

    @Test func utf16SurrogatePairSplitAcrossReadsIsKept() throws {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada 🐙 Byron\r\nEND:VCARD\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        for chunkSize in [1, 3, 5] {
            let card = try #require(try Read.streamed(bytes, chunkSize: chunkSize).get().first)
            #expect(card.formattedName == "Ada 🐙 Byron", "chunks of \(chunkSize)")
        }
    }

    @Test func truncatedCardIsTheSameErrorStreamed() throws {
        let bytes = Array("BEGIN:VCARD\nVERSION:3.0\nNOTE:one\n two\nFN:Dana\nEMA".utf8)
        let streamed = Read.streamed(bytes, chunkSize: 2)
        #expect(streamed == Read.memory(bytes))
        guard case .failure(let error) = streamed else {
            Issue.record("a truncated card should fail")
            return
        }
        #expect(error.kind == .truncated)
        #expect(error.line == 6)
        #expect(error.description.hasPrefix("test.vcf:6: "))
    }

    @Test func fileIsReadFromDisk() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = try folder.file("dana.vcf", Self.tricky)
        let cards = try VCardParser().parse(contentsOfFile: path)
        #expect(cards == (try Read.memory(Self.tricky).get()))
        var reader = try VCardReader(contentsOfFile: path, file: "dana.vcf", bufferSize: 8)
        #expect(try reader.nextCard()?.formattedName == "Dana Díaz")
        #expect(try reader.nextCard() == nil)
    }

    @Test func openFileDescriptorIsReadFromWhereItStands() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = try folder.file("two.vcf", Array("BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n".utf8))
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var reader = VCardReader(fileDescriptor: descriptor, file: "two.vcf")
        #expect(try reader.readAll().map(\.displayName) == ["A"])
    }

    @Test func missingFileIsAnUnreadableErrorNamingIt() {
        #expect {
            try VCardParser().parse(contentsOfFile: "/nonexistent/dana.vcf")
        } throws: { error in
            let error = error as! VCardError
            return error.kind == .unreadable && error.description == "/nonexistent/dana.vcf: cannot open: no such file or directory"
        }
    }

    @Test func readerHoldsOneBufferNotTheFile() throws {
        let card = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone\r\nEMAIL:someone@example.com\r\nEND:VCARD\r\n".utf8)
        let bytes = Array([[UInt8]](repeating: card, count: 2000).joined())
        var reader = VCardReader(source: ChunkedMemorySource(bytes: bytes, chunkSize: 4096), file: nil, options: .init(), bufferSize: 4096)
        var count = 0
        while try reader.nextCard() != nil { count += 1 }
        #expect(count == 2000)
        #expect(reader.bufferHighWaterMark == 4096)
    }
}

extension Array where Element == UInt8 {
    /// LF line ends as CRLF.
    func replacingLF() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + count / 16)
        for byte in self {
            if byte == 0x0A { out.append(0x0D) }
            out.append(byte)
        }
        return out
    }
}
