#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One content line after unfolding, with the physical lines it came from.
///
/// `bytes` points into the reader's buffer: use it before asking the reader for the next line
/// (keeping it longer is safe, but makes the reader copy its buffer).
struct LogicalLine {
    var bytes: ArraySlice<UInt8>
    /// The physical line it starts on (1-based).
    var line: Int
    /// The physical line it ends on.
    var lastPhysicalLine: Int
}

/// Splits bytes into physical lines (CRLF, LF or a lone CR) and joins folded ones, reading a
/// file in chunks so that only the current line is ever held.
///
/// Two kinds of folding meet in real files: RFC 2425's (a line that starts with a space or tab
/// continues the previous one; the one white-space character goes), and vCard 2.1's
/// quoted-printable soft line break (`=` at the end of a line, the next line unindented).
///
/// Before the first line it looks at the first bytes: a UTF-8 byte-order mark is dropped, and
/// UTF-16 (with a byte-order mark, or without one but recognisable by its zero bytes) is turned
/// into UTF-8 as it is read.
struct LogicalLineReader: Sendable {
    /// A physical line, as offsets from `start`: they stay valid when the buffer is compacted.
    private struct PhysicalLine {
        var content: Range<Int>
        /// Where the line after it begins (past the line break).
        var next: Int
    }

    private var buffer: [UInt8]
    /// The first byte of the current logical line; everything before it has been handed out.
    private var start = 0
    /// How much of `buffer` holds data.
    private var filled: Int
    /// Where more bytes come from; nil when they all are in `buffer` from the start.
    private var source: (any ByteSource)?
    private var sourceEnded: Bool
    private let readSize: Int
    private let maximumLineLength: Int
    private let file: String?
    private var lineNumber = 0
    /// Bytes of the line last handed out, dropped at the next call.
    private var consumed = 0
    /// The physical line read to see whether it continues the last one, and which did not.
    private var peeked: PhysicalLine?
    /// Where folded lines are joined; reused from line to line.
    private var joined: [UInt8] = []
    private var encodingChecked = false
    /// What the reader noticed about the file's encoding, to be told as a warning on line 1.
    private(set) var encodingNote: String?
    /// The most bytes the buffer ever held: the memory a streamed file costs.
    private(set) var bufferHighWaterMark = 0

    /// Reads bytes that are all in memory already, without copying them. `firstLine` is the
    /// number of their first physical line: not 1 when they are a piece of a file.
    init(bytes: [UInt8], file: String?, maximumLineLength: Int, firstLine: Int = 1) {
        lineNumber = firstLine - 1
        buffer = bytes
        filled = bytes.count
        source = nil
        sourceEnded = true
        readSize = 0
        self.maximumLineLength = maximumLineLength
        self.file = file
        bufferHighWaterMark = bytes.count
    }

    /// Reads from `source`, `bufferSize` bytes at a time; the buffer grows only for a line
    /// longer than that.
    init(source: any ByteSource, bufferSize: Int, file: String?, maximumLineLength: Int) {
        let size = max(4, bufferSize)
        buffer = [UInt8](repeating: 0, count: size)
        filled = 0
        self.source = source
        sourceEnded = false
        readSize = size
        self.maximumLineLength = maximumLineLength
        self.file = file
        bufferHighWaterMark = size
    }

    mutating func next() throws(VCardError) -> LogicalLine? {
        if !encodingChecked {
            encodingChecked = true
            try checkEncoding()
        }
        if consumed > 0 {
            start += consumed
            if let line = peeked {
                peeked = PhysicalLine(content: (line.content.lowerBound - consumed)..<(line.content.upperBound - consumed),
                                      next: line.next - consumed)
            }
            consumed = 0
        }
        let first: PhysicalLine
        if let line = peeked {
            first = line
            peeked = nil
        } else {
            guard let line = try scanPhysical(from: 0) else { return nil }
            first = line
        }
        lineNumber += 1
        let firstNumber = lineNumber

        var usesJoined = false
        var softBreakMark = Self.softBreakLength(buffer, start + first.content.lowerBound, start + first.content.upperBound)
        var quotedPrintable: Bool?
        var cursor = first.next
        while let following = try scanPhysical(from: cursor) {
            let content = (start + following.content.lowerBound)..<(start + following.content.upperBound)
            var softBreak = false
            if softBreakMark > 0 {
                if quotedPrintable == nil {
                    quotedPrintable = declaresQuotedPrintable(buffer[(start + first.content.lowerBound)..<(start + first.content.upperBound)])
                }
                softBreak = quotedPrintable! && !matchesMarker(buffer[content], "END", "VCARD")
            }
            let folded = !softBreak && !content.isEmpty && isBlank(buffer[content.lowerBound])
            guard softBreak || folded else {
                peeked = following
                break
            }
            if !usesJoined {
                usesJoined = true
                joined.removeAll(keepingCapacity: true)
                appendToJoined((start + first.content.lowerBound)..<(start + first.content.upperBound))
            }
            if softBreak {
                joined.removeLast(softBreakMark)
                appendToJoined(content)
            } else {
                appendToJoined((content.lowerBound + 1)..<content.upperBound)
            }
            guard joined.count <= maximumLineLength else { throw tooLong(line: firstNumber) }
            softBreakMark = Self.softBreakLength(joined, 0, joined.count)
            lineNumber += 1
            cursor = following.next
        }
        consumed = cursor
        let bytes = usesJoined
            ? joined[...]
            : buffer[(start + first.content.lowerBound)..<(start + first.content.upperBound)]
        return LogicalLine(bytes: bytes, line: firstNumber, lastPhysicalLine: lineNumber)
    }

    /// How many bytes end `bytes[lower..<upper]` as a quoted-printable soft line break: the `=`
    /// and any spaces or tabs after it, which RFC 2045 has readers drop (some writers leave
    /// them, and the `=` must still join the next line); 0 when the line does not end in one.
    @inline(__always)
    private static func softBreakLength(_ bytes: [UInt8], _ lower: Int, _ upper: Int) -> Int {
        var end = upper
        while end > lower, isBlank(bytes[end - 1]) { end -= 1 }
        guard end > lower, bytes[end - 1] == UInt8(ascii: "=") else { return 0 }
        return upper - end + 1
    }

    private mutating func appendToJoined(_ range: Range<Int>) {
        buffer.withUnsafeBufferPointer { buffer in
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
        }
    }

    /// Finds the physical line that starts `offset` bytes after `start`, reading more of the
    /// source as needed; nil at the end of the input.
    private mutating func scanPhysical(from offset: Int) throws(VCardError) -> PhysicalLine? {
        var searchFrom = offset
        while true {
            let from = start + searchFrom
            let end = filled
            // The first CR or LF: memchr for the LF, then for a CR before it.
            let found: (index: Int, isReturn: Bool)? = buffer.withUnsafeBufferPointer { buffer in
                guard from < end, let base = buffer.baseAddress else { return nil }
                let raw = UnsafeRawPointer(base)
                let feed = memchr(raw + from, 0x0A, end - from).map { UnsafeRawPointer($0) - raw }
                if let ret = memchr(raw + from, 0x0D, (feed ?? end) - from) {
                    return (UnsafeRawPointer(ret) - raw, true)
                }
                return feed.map { ($0, false) }
            }
            if let found {
                let content = offset..<(found.index - start)
                try checkLength(content.count)
                if !found.isReturn { return PhysicalLine(content: content, next: content.upperBound + 1) }
                if found.index + 1 < filled {
                    let crlf = buffer[found.index + 1] == 0x0A
                    return PhysicalLine(content: content, next: content.upperBound + (crlf ? 2 : 1))
                }
                if sourceEnded { return PhysicalLine(content: content, next: content.upperBound + 1) }
                // A CR that ends the buffer: the next read says whether an LF follows.
                searchFrom = content.upperBound
                try readMore()
                continue
            }
            if sourceEnded {
                guard start + offset < filled else { return nil }
                return PhysicalLine(content: offset..<(filled - start), next: filled - start)
            }
            try checkLength(filled - start - offset)
            searchFrom = filled - start
            try readMore()
        }
    }

    private func checkLength(_ count: Int) throws(VCardError) {
        if count > maximumLineLength { throw tooLong(line: lineNumber + 1) }
    }

    private func tooLong(line: Int) -> VCardError {
        VCardError(.tooLarge, file: file, line: line,
                   message: "line \(line) is longer than \(maximumLineLength) bytes: not a business card")
    }

    /// Moves the unread bytes to the front of the buffer (growing it when a line fills it)
    /// and reads once more; at the end of the source sets `sourceEnded`.
    private mutating func readMore() throws(VCardError) {
        guard !sourceEnded, var source else {
            sourceEnded = true
            return
        }
        if start > 0 {
            let kept = filled - start
            let from = start
            if kept > 0 {
                buffer.withUnsafeMutableBufferPointer { buffer in
                    let base = buffer.baseAddress!
                    memmove(base, base + from, kept)
                }
            }
            filled = kept
            start = 0
        }
        if filled == buffer.count {
            // A line longer than the buffer: double it (the length check bounds how far).
            let kept = filled
            buffer = buffer.withUnsafeBufferPointer { old in
                [UInt8](unsafeUninitializedCapacity: old.count * 2) { new, count in
                    let base = new.baseAddress!
                    memcpy(base, old.baseAddress!, kept)
                    memset(base + kept, 0, new.count - kept)
                    count = new.count
                }
            }
            bufferHighWaterMark = max(bufferHighWaterMark, buffer.count)
        }
        self.source = nil  // so that the source's own buffers are not shared while it reads
        let from = filled
        let result = buffer.withUnsafeMutableBufferPointer { buffer -> Result<Int, ByteSourceError> in
            Result { () throws(ByteSourceError) -> Int in
                try source.read(into: UnsafeMutableBufferPointer(rebasing: buffer[from...]))
            }
        }
        self.source = source
        switch result {
        case .success(let count):
            filled += count
            if count == 0 { sourceEnded = true }
        case .failure(let error):
            throw VCardError(.unreadable, file: file, line: lineNumber + 1, message: "cannot read: \(error.message.lowercased())")
        }
    }

    /// Drops a UTF-8 byte-order mark, or switches to reading UTF-16.
    private mutating func checkEncoding() throws(VCardError) {
        while filled - start < 4, !sourceEnded { try readMore() }
        let head = Array(buffer[start..<min(filled, start + 4)])
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            start += 3
            return
        }
        guard let utf16 = Self.utf16(head: head) else { return }
        let (bigEndian, markLength) = (utf16.bigEndian, utf16.markLength)
        encodingNote = utf16.note
        let alreadyRead = buffer[(start + markLength)..<filled]
        if let source {
            self.source = UTF16Source(base: source, bigEndian: bigEndian, alreadyRead: alreadyRead, chunkSize: readSize)
            start = 0
            filled = 0
        } else {
            var transcoder = UTF16Transcoder(bigEndian: bigEndian)
            var text: [UInt8] = []
            transcoder.transcode(alreadyRead, into: &text)
            transcoder.finish(into: &text)
            buffer = text
            start = 0
            filled = text.count
        }
    }

    /// UTF-16 as the first four bytes of a file show it: a byte-order mark (`markLength` 2),
    /// or zero bytes every other byte (no mark; `note` says so). Nil for anything else, read
    /// as UTF-8.
    static func utf16(head: [UInt8]) -> (bigEndian: Bool, markLength: Int, note: String?)? {
        if head.starts(with: [0xFF, 0xFE]) { return (false, 2, nil) }
        if head.starts(with: [0xFE, 0xFF]) { return (true, 2, nil) }
        guard head.count == 4 else { return nil }
        if head[0] != 0, head[1] == 0, head[2] != 0, head[3] == 0 {
            return (false, 0, "file is UTF-16LE without a byte-order mark; read as UTF-16LE")
        }
        if head[0] == 0, head[1] != 0, head[2] == 0, head[3] != 0 {
            return (true, 0, "file is UTF-16BE without a byte-order mark; read as UTF-16BE")
        }
        return nil
    }

    /// Whether the parameters of this (first physical) line say `QUOTED-PRINTABLE`, either as
    /// `ENCODING=QUOTED-PRINTABLE` or as a vCard 2.1 bare parameter.
    private func declaresQuotedPrintable(_ line: ArraySlice<UInt8>) -> Bool {
        line.withUnsafeBufferPointer { line in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
            let needle: StaticString = "QUOTED-PRINTABLE"
            let count = needle.utf8CodeUnitCount
            guard colon >= count else { return false }
            let pattern = needle.utf8Start
            var index = 0
            while index + count <= colon {
                var offset = 0
                while offset < count, line[index + offset] & 0xDF == pattern[offset] & 0xDF { offset += 1 }
                if offset == count { return true }
                index += 1
            }
            return false
        }
    }
}
