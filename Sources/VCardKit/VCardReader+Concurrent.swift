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
        /// No piece is smaller: below this, a piece costs more to set up than it saves. A file
        /// of twice this size or less is read by one reader.
        public var minimumPieceBytes: Int
        /// A larger file is read by one reader, which never holds it whole.
        public var maximumFileBytes: Int

        public init(minimumPieceBytes: Int = 256 << 10, maximumFileBytes: Int = 256 << 20) {
            self.minimumPieceBytes = minimumPieceBytes
            self.maximumFileBytes = maximumFileBytes
        }
    }

    /// Reads the cards of the file at `path` on up to `threads` threads: the file is cut into
    /// pieces where one card ends and the next begins, `read` is given each piece's index and
    /// a reader over it (numbering lines as the file does) and must read it to the end, and
    /// what it returns for each piece comes back in file order. The cards, lines and warnings
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
        let pieces = Mutex<[Piece]>([])
        let done = readConcurrently(contentsOfFile: path, file: file, options: options, threads: threads, limits: limits, read) { piece in
            pieces.withLock { $0.append(piece) }
        }
        return done ? pieces.withLock { $0 } : nil
    }

    /// ``readConcurrently(contentsOfFile:file:options:threads:limits:_:)``, each piece's
    /// result handed to `deliver` in file order as soon as it and those before it are read
    /// (on one thread at a time), so that a caller can write it out while the rest is read.
    /// False when the file was not read so, or not whole: what was delivered must then be
    /// undone, and the file read with one reader.
    public static func readConcurrently<Piece: Sendable>(
        contentsOfFile path: String, file: String? = nil, options: VCardParser.Options = .init(), threads: Int,
        limits: ConcurrencyLimits = .init(),
        _ read: @escaping @Sendable (_ piece: Int, _ reader: inout VCardReader) throws(VCardError) -> Piece,
        inOrder deliver: @Sendable (Piece) -> Void
    ) -> Bool {
        guard threads > 1, !options.recoversTruncatedCards, let source = CardFile(path: path, limits: limits) else { return false }
        // Many more pieces than threads: a thread that finishes early takes the next, so the
        // threads end within a small piece of each other.
        let ranges = source.pieces(count: min(16 * threads, source.size / limits.minimumPieceBytes))
        guard ranges.count > 1 else { return false }
        // Each thread reads its pieces and counts their lines; a piece's first line is known
        // once the pieces before it are counted, so the cards are read after.
        let counted = Mutex<[(bytes: [UInt8], lineBreaks: Int)]>([])
        let allCounted = concurrently(ranges.count, threads: threads, { index -> (bytes: [UInt8], lineBreaks: Int)? in
            guard let bytes = source.bytes(ranges[index]) else { return nil }
            return (bytes, bytes.withUnsafeBufferPointer { CardBoundaries.lineBreaks(in: $0) })
        }, inOrder: { piece in counted.withLock { $0.append(piece) } })
        let loaded = counted.withLock { $0 }
        guard allCounted else { return false }
        let firstLines = loaded.dropLast().reduce(into: [1]) { lines, piece in lines.append(lines.last! + piece.lineBreaks) }
        let name = file ?? path
        return concurrently(ranges.count, threads: threads, { index -> Piece? in
            var reader = VCardReader(bytes: loaded[index].bytes, file: name, options: options, firstLine: firstLines[index])
            guard let result = try? read(index, &reader) else { return nil }
            // The last piece ends where the file does; any other must end between cards, or
            // the next piece would not be read as the file is.
            let isLast = index == ranges.count - 1
            return (isLast ? reader.reachedEnd : reader.endedBetweenCards) ? result : nil
        }, inOrder: deliver)
    }

    /// `body` of 0..<count on up to `threads` threads, each result handed to `deliver` in
    /// order (by one thread at a time); false as soon as one is nil. Each thread takes the
    /// next index until none is left, so that a thread slowed by other work takes fewer.
    private static func concurrently<Result: Sendable>(
        _ count: Int, threads: Int, _ body: @Sendable (Int) -> Result?, inOrder deliver: @Sendable (Result) -> Void
    ) -> Bool {
        let state = Mutex(Deliveries<Result>())
        let next = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while !failed.load(ordering: .relaxed) {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                guard let result = body(index) else {
                    failed.store(true, ordering: .relaxed)
                    return
                }
                // Whoever finds the next result waiting delivers it, and what follows it,
                // unless another thread is delivering: that one takes it on its next turn.
                var turn = state.withLock { state -> Result? in
                    state.waiting[index] = result
                    guard !state.delivering, let ready = state.waiting.removeValue(forKey: state.nextToDeliver) else { return nil }
                    state.delivering = true
                    return ready
                }
                while let ready = turn {
                    if !failed.load(ordering: .relaxed) { deliver(ready) }
                    turn = state.withLock { state -> Result? in
                        state.nextToDeliver += 1
                        guard let ready = state.waiting.removeValue(forKey: state.nextToDeliver) else {
                            state.delivering = false
                            return nil
                        }
                        return ready
                    }
                }
            }
        }
        return !failed.load(ordering: .relaxed) && state.withLock { $0.nextToDeliver == count }
    }
}

/// The results of `concurrently` waiting for their turn to be delivered.
private struct Deliveries<Result> {
    var waiting: [Int: Result] = [:]
    var nextToDeliver = 0
    /// Whether a thread is delivering: the others leave their results waiting.
    var delivering = false
}

/// A card file open for reading at any offset (`pread`), so that each thread reads its own
/// piece: nil when it is not a regular file of a size worth cutting, cannot be read, or is
/// UTF-16 as the line reader recognises it (read by one reader, which turns it into UTF-8 as
/// it goes).
private final class CardFile: Sendable {
    let descriptor: Int32
    let size: Int

    init?(path: String, limits: VCardReader.ConcurrencyLimits) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        let size = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : 0
        self.descriptor = descriptor
        self.size = size
        guard size >= 2 * limits.minimumPieceBytes, size <= limits.maximumFileBytes,
              let head = bytes(0..<4), LogicalLineReader.utf16(head: head) == nil else { return nil }
    }

    deinit {
        _ = close(descriptor)
    }

    /// The bytes of `range`; nil when they cannot all be read.
    func bytes(_ range: Range<Int>) -> [UInt8]? {
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, count in
            while count < range.count {
                let read = retryingOnInterrupt {
                    pread(descriptor, buffer.baseAddress! + count, range.count - count, off_t(range.lowerBound + count))
                }
                guard read > 0 else {
                    complete = false
                    break
                }
                count += read
            }
        }
        return complete ? bytes : nil
    }

    /// At most `count` ranges of about equal size that cover the file, cut where
    /// ``CardBoundaries/cut(in:from:)`` allows, each looked for from its target onwards.
    func pieces(count: Int) -> [Range<Int>] {
        var cuts: [Int] = []
        for index in 1..<max(count, 1) {
            let target = max(size / count * index, (cuts.last ?? 0) + 1)
            guard let cut = cut(from: target) else { break }
            cuts.append(cut)
        }
        return zip([0] + cuts, cuts + [size]).map { $0..<$1 }
    }

    /// The first cut at or after `offset`, read in windows that reach back far enough to see
    /// the `END:VCARD` line before it and overlap so that no cut falls between two.
    private func cut(from offset: Int) -> Int? {
        let reach = 16
        var from = offset
        while from < size {
            let start = max(0, from - reach)
            let end = min(size, from + (64 << 10))
            guard let bytes = bytes(start..<end) else { return nil }
            if let found = bytes.withUnsafeBufferPointer({ CardBoundaries.cut(in: $0, from: from - start) }) {
                return start + found
            }
            guard end < size else { return nil }
            from = end - reach
        }
        return nil
    }
}

/// Where a vCard file may be cut so that each piece reads as it would in the whole file.
enum CardBoundaries {
    /// The first cut at or after `offset`, nil when there is none: just before a
    /// `BEGIN:VCARD` line that follows an `END:VCARD` line, both exactly so (upper case,
    /// nothing around them), so that no fold or quoted-printable soft break can join them to
    /// their neighbours. Whether the reader really ended a card there is checked as it reads.
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
    /// Every CR and every LF, less the CRs an LF follows: this pass over the whole file is the
    /// one part of reading it that the cards wait for, so it is written for the compiler to
    /// turn into vector instructions: no branches, and byte-sized sums over runs of 255 bytes
    /// (none can pass 255) added up after each run.
    static func lineBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let last = bytes.last, let base = bytes.baseAddress else { return 0 }
        // Each byte before the last is compared with the one after it.
        let compared = bytes.count &- 1
        var total = 0
        var index = 0
        while index < compared {
            let end = min(index &+ 255, compared)
            var returns: UInt8 = 0
            var feeds: UInt8 = 0
            var pairs: UInt8 = 0
            for position in index..<end {
                let byte = base[position]
                let next = base[position &+ 1]
                let isReturn: UInt8 = byte == 0x0D ? 1 : 0
                returns &+= isReturn
                feeds &+= byte == 0x0A ? 1 : 0
                pairs &+= isReturn & (next == 0x0A ? 1 : 0)
            }
            total = total &+ Int(returns) &+ Int(feeds) &- Int(pairs)
            index = end
        }
        return total &+ (last == 0x0D || last == 0x0A ? 1 : 0)
    }
}
