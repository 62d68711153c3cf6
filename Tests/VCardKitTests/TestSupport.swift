import Foundation
import FollowUpTestSupport
@testable import VCardKit

/// What reading some bytes gave: the cards, or the error. Equatable, so that two ways of
/// reading the same bytes can be compared whole (cards, properties, lines and warnings).
typealias ReadOutcome = Result<[VCard], VCardError>

enum Read {
    /// The bytes read from memory in one piece.
    static func memory(_ bytes: [UInt8], options: VCardParser.Options = .init(), file: String = "test.vcf") -> ReadOutcome {
        Result { () throws(VCardError) -> [VCard] in try VCardParser(options: options).parse(bytes, file: file) }
    }

    /// The same bytes as a stream that hands out at most `chunkSize` bytes per read, into a
    /// reader whose buffer starts at `bufferSize` bytes: chunk boundaries fall everywhere.
    static func streamed(_ bytes: [UInt8], chunkSize: Int, bufferSize: Int = 4,
                         options: VCardParser.Options = .init(), file: String = "test.vcf") -> ReadOutcome {
        streamed(from: ChunkedMemorySource(bytes: bytes, chunkSize: chunkSize), bufferSize: bufferSize, options: options, file: file)
    }

    static func streamed(from source: some ByteSource, bufferSize: Int,
                         options: VCardParser.Options = .init(), file: String = "test.vcf") -> ReadOutcome {
        var reader = VCardReader(source: source, file: file, options: options, bufferSize: bufferSize)
        return Result { () throws(VCardError) -> [VCard] in try reader.readAll() }
    }

    /// Every card of `text`, failing the test on an error.
    static func cards(_ text: String, options: VCardParser.Options = .init()) throws -> [VCard] {
        try VCardParser(options: options).parse(text, file: "test.vcf")
    }

    static func card(_ text: String) throws -> VCard {
        let cards = try cards(text)
        guard cards.count == 1 else { throw TestFailure("expected one card, read \(cards.count)") }
        return cards[0]
    }

    static func card(_ bytes: [UInt8]) throws -> VCard {
        let cards = try VCardParser().parse(bytes, file: "test.vcf")
        guard cards.count == 1 else { throw TestFailure("expected one card, read \(cards.count)") }
        return cards[0]
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A byte source that gives its bytes in two reads, split at `position`.
struct SplitSource: ByteSource {
    let bytes: [UInt8]
    let position: Int
    private var offset = 0

    init(_ bytes: [UInt8], splitAt position: Int) {
        self.bytes = bytes
        self.position = position
    }

    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int {
        let end = offset < position ? position : bytes.count
        let count = min(buffer.count, end - offset)
        guard count > 0 else { return 0 }
        _ = buffer.update(fromContentsOf: bytes[offset..<(offset + count)])
        offset += count
        return count
    }
}

/// The real-world vCard corpus kept in the repository, in `Corpus/` beside this file: each
/// `.vcf` with its `.expected.json`, and `SOURCES.md` with every file's origin and licence.
///
/// When the folder is missing or empty, `files` is empty: `CorpusTests.corpusIsPresent` fails
/// and says so, the parameterized corpus tests have no cases, and the tests that draw from the
/// whole corpus are skipped. None of them crashes.
/// The real-world cards of other projects' test suites, kept in the repository.
enum Corpus {
    static let path = "Tests/VCardKitTests/Corpus"
    static var folder: URL { Repository.url(path) }

    /// The names of the corpus's `.vcf` files, sorted; empty when the folder is missing.
    static var files: [String] { Repository.files(in: path, endingWith: ".vcf") }

    static var isPresent: Bool { !files.isEmpty }

    static func bytes(_ file: String) throws -> [UInt8] {
        try Repository.bytes("\(path)/\(file)")
    }
}

extension String {
    /// The text with LF line ends turned into CRLF, as most writers end lines.
    var crlf: String { replacingOccurrences(of: "\n", with: "\r\n") }
}
