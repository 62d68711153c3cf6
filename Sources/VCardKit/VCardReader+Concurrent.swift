import Dispatch
import FollowUpSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension VCardReader {
    /// How a file is cut for ``readConcurrently(contentsOfFile:file:options:threads:limits:_:)``.
    public struct ConcurrencyLimits: Sendable {
        /// No piece is smaller: below this, starting a thread costs more than it saves.
        public var minimumPieceBytes: Int
        /// A larger file is read by one reader, which never holds it whole.
        public var maximumFileBytes: Int

        public init(minimumPieceBytes: Int = 1 << 20, maximumFileBytes: Int = 256 << 20) {
            self.minimumPieceBytes = minimumPieceBytes
            self.maximumFileBytes = maximumFileBytes
        }
    }

    /// Reads the cards of the file at `path` on up to `threads` threads: the file, read whole,
    /// is cut into pieces where one card ends and the next begins, `read` is given each
    /// piece's index and a reader over it (numbering lines as the file does) and must read it
    /// to the end, and what it returns for each piece comes back in file order. The cards, lines and warnings
    /// are those one reader would give going through the file in order.
    ///
    /// Nil when the file is not worth cutting (one piece) or cannot be cut so that this holds:
    /// UTF-16, no exact `END:VCARD` and `BEGIN:VCARD` lines where a cut could go, a piece
    /// that ends inside a card or before stray lines, a reader that fails, or options that
    /// recover truncated cards. The caller then reads the file with one reader, which also
    /// gives the error, if there is one, with its line.
    ///
    /// ```swift
    /// let counts = VCardReader.readConcurrently(contentsOfFile: "export.vcf", threads: 4) { _, reader in
    ///     var count = 0
    ///     while try reader.nextCard() != nil { count += 1 }
    ///     return count
    /// }
    /// ```
    public static func readConcurrently<Piece: Sendable>(
        contentsOfFile path: String, file: String? = nil, options: VCardParser.Options = .init(), threads: Int,
        limits: ConcurrencyLimits = .init(),
        _ read: @escaping @Sendable (_ piece: Int, _ reader: inout VCardReader) throws(VCardError) -> Piece
    ) -> [Piece]? {
        guard threads > 1, !options.recoversTruncatedCards,
              let bytes = wholeFile(path, atLeast: 2 * limits.minimumPieceBytes, atMost: limits.maximumFileBytes),
              !looksLikeUTF16(bytes)
        else { return nil }
        let pieces = CardBoundaries.pieces(of: bytes, count: min(4 * threads, bytes.count / limits.minimumPieceBytes))
        guard pieces.count > 1 else { return nil }

        let results = Mutex<[Piece?]>(Array(repeating: nil, count: pieces.count))
        let nextPiece = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        let name = file ?? path
        // Each thread takes the next piece until none is left, so that a thread slowed by
        // other work on the machine takes fewer.
        DispatchQueue.concurrentPerform(iterations: min(threads, pieces.count)) { _ in
            while !failed.load(ordering: .relaxed) {
                let index = nextPiece.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < pieces.count else { return }
                let piece = pieces[index]
                var reader = VCardReader(bytes: Array(bytes[piece.bytes]), file: name, options: options, firstLine: piece.firstLine)
                do {
                    let result = try read(index, &reader)
                    // The last piece ends where the file does; any other must end between
                    // cards, or the next piece would not be read as the file is.
                    let isLast = index == pieces.count - 1
                    guard isLast ? reader.reachedEnd : reader.endedBetweenCards else {
                        failed.store(true, ordering: .relaxed)
                        return
                    }
                    results.withLock { $0[index] = result }
                } catch {
                    failed.store(true, ordering: .relaxed)
                }
            }
        }
        guard !failed.load(ordering: .relaxed) else { return nil }
        let collected = results.withLock { $0 }
        return collected.count == pieces.count && collected.allSatisfy { $0 != nil } ? collected.map { $0! } : nil
    }

    /// The file's bytes when its size is within the bounds; nil when it is not, or it cannot
    /// be read (the caller's own reader then says why).
    private static func wholeFile(_ path: String, atLeast minimum: Int, atMost maximum: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { _ = close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard size >= minimum, size <= maximum else { return nil }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let read = retryingOnInterrupt { systemRead(descriptor, buffer.baseAddress! + count, size - count) }
                guard read > 0 else {
                    complete = read == 0 && count == size
                    break
                }
                count += read
            }
        }
        return complete && bytes.count == size ? bytes : nil
    }

    /// UTF-16 as the line reader recognises it (a byte-order mark, or zero bytes among the
    /// first four): read by one reader, which turns it into UTF-8 as it goes.
    private static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(4)
        return head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || head.contains(0)
    }
}

/// Where a vCard file may be cut so that each piece reads as it would in the whole file.
enum CardBoundaries {
    struct Piece: Equatable {
        var bytes: Range<Int>
        /// The physical line the piece starts on, counted as the line reader counts them.
        var firstLine: Int
    }

    /// At most `count` pieces of about equal size. Each cut lies just before a `BEGIN:VCARD`
    /// line that follows an `END:VCARD` line, both exactly so (upper case, nothing around
    /// them): no fold or quoted-printable soft break can join such lines to their
    /// neighbours. Whether the reader really ended a card there is checked as it reads.
    static func pieces(of bytes: [UInt8], count: Int) -> [Piece] {
        guard count > 1 else { return [Piece(bytes: 0..<bytes.count, firstLine: 1)] }
        var cuts: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            for index in 1..<count {
                let target = max(bytes.count / count * index, (cuts.last ?? 0) + 1)
                guard let cut = cut(in: buffer, from: target) else { break }
                cuts.append(cut)
            }
        }
        var pieces: [Piece] = []
        var start = 0
        var line = 1
        bytes.withUnsafeBufferPointer { buffer in
            for end in cuts + [bytes.count] {
                pieces.append(Piece(bytes: start..<end, firstLine: line))
                line += lineBreaks(in: UnsafeBufferPointer(rebasing: buffer[start..<end]))
                start = end
            }
        }
        return pieces
    }

    /// The first cut at or after `offset`, nil when there is none.
    static func cut(in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        let needle: StaticString = "\nBEGIN:VCARD"
        let base = UnsafeRawPointer(bytes.baseAddress!)
        var from = offset
        while from < bytes.count {
            // Line by line from the offset: a cut is at most a card away.
            guard let found = memchr(base + from, 0x0A, bytes.count - from) else { return nil }
            let feed = UnsafeRawPointer(found) - base
            if bytes.count - feed >= needle.utf8CodeUnitCount,
               memcmp(base + feed, needle.utf8Start, needle.utf8CodeUnitCount) == 0,
               endsCardLine(bytes, before: feed), beginLineEnds(bytes, at: feed + needle.utf8CodeUnitCount) {
                return feed + 1
            }
            from = feed + 1
        }
        return nil
    }

    /// Whether the line that the line feed at `feed` ends is `END:VCARD` (before an optional
    /// carriage return), itself after a line feed.
    private static func endsCardLine(_ bytes: UnsafeBufferPointer<UInt8>, before feed: Int) -> Bool {
        let marker: StaticString = "\nEND:VCARD"
        var end = feed
        if end > 0, bytes[end - 1] == 0x0D { end -= 1 }
        let start = end - marker.utf8CodeUnitCount
        guard start >= 0 else { return false }
        return memcmp(bytes.baseAddress! + start, marker.utf8Start, marker.utf8CodeUnitCount) == 0
    }

    /// Whether a line break follows `BEGIN:VCARD`, which ends at `index`.
    private static func beginLineEnds(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] == 0x0A { return true }
        return bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A
    }

    /// The line breaks in `bytes` as the line reader counts them: CRLF, LF or a lone CR.
    /// Every LF and every CR, less the CRs an LF follows, counted eight bytes at a time: this
    /// pass over the whole file is the one part of reading it that no thread shares.
    static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let last = bytes.last, let start = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(start)
        // Each byte before the last is compared with the one after it.
        let compared = bytes.count - 1
        var total = 0
        var index = 0
        while index + 8 <= compared {
            let here = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let next = raw.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self)
            let returns = bytesEqual(here, 0x0D)
            total += (returns | bytesEqual(here, 0x0A)).nonzeroBitCount - (returns & bytesEqual(next, 0x0A)).nonzeroBitCount
            index += 8
        }
        while index < compared {
            let byte = start[index]
            if byte == 0x0A || (byte == 0x0D && start[index + 1] != 0x0A) { total += 1 }
            index += 1
        }
        return total + (last == 0x0A || last == 0x0D ? 1 : 0)
    }

    /// The high bit of each byte of `word` that equals `value`, and no other bit.
    @inline(__always)
    private static func bytesEqual(_ word: UInt64, _ value: UInt8) -> UInt64 {
        let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let differences = word ^ (0x0101_0101_0101_0101 &* UInt64(value))
        // A byte's high bit stays clear only where the byte of `differences` is zero.
        return ~(((differences & lowBits) &+ lowBits) | differences | lowBits)
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemRead = Musl.read
#else
private let systemRead = Darwin.read
#endif
