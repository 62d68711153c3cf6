/// One content line after unfolding, with the physical lines it came from.
struct LogicalLine {
    var bytes: ArraySlice<UInt8>
    /// The physical line it starts on (1-based).
    var line: Int
    /// The physical line it ends on.
    var lastPhysicalLine: Int
}

/// Splits bytes into physical lines (CRLF, LF or a lone CR) and joins folded ones.
///
/// Two kinds of folding meet in real files: RFC 2425's (a line that starts with a space or tab
/// continues the previous one; the one white-space character goes), and vCard 2.1's
/// quoted-printable soft line break (`=` at the end of a line, the next line unindented).
struct LogicalLineReader: Sendable {
    private let bytes: [UInt8]
    private var position = 0
    private var lineNumber = 0
    private var peeked: (range: Range<Int>, line: Int)?

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> LogicalLine? {
        guard let first = nextPhysical() else { return nil }
        var last = first
        var joined: [UInt8]?
        let quotedPrintable = declaresQuotedPrintable(bytes[first.range])

        while let following = peekPhysical() {
            let current = joined.map { $0[...] } ?? bytes[first.range]
            let next = bytes[following.range]
            if quotedPrintable, current.last == UInt8(ascii: "="), !matchesMarker(next, "END", "VCARD") {
                if joined == nil { joined = Array(current) }
                joined!.removeLast()
                joined!.append(contentsOf: next)
            } else if let lead = next.first, isBlank(lead) {
                if joined == nil { joined = Array(current) }
                joined!.append(contentsOf: next.dropFirst())
            } else {
                break
            }
            last = following
            peeked = nil
        }
        let content = joined.map { $0[...] } ?? bytes[first.range]
        return LogicalLine(bytes: content, line: first.line, lastPhysicalLine: last.line)
    }

    private mutating func peekPhysical() -> (range: Range<Int>, line: Int)? {
        if peeked == nil { peeked = scanPhysical() }
        return peeked
    }

    private mutating func nextPhysical() -> (range: Range<Int>, line: Int)? {
        if let line = peeked {
            peeked = nil
            return line
        }
        return scanPhysical()
    }

    private mutating func scanPhysical() -> (range: Range<Int>, line: Int)? {
        guard position < bytes.count else { return nil }
        let start = position
        let end: Int = bytes.withUnsafeBufferPointer { buffer in
            var index = start
            while index < buffer.count {
                let byte = buffer[index]
                if byte == 0x0A || byte == 0x0D { break }
                index += 1
            }
            return index
        }
        position = end
        if position < bytes.count {
            if bytes[position] == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A {
                position += 2
            } else {
                position += 1
            }
        }
        lineNumber += 1
        return (start..<end, lineNumber)
    }

    /// Whether the parameters of this (first physical) line say `QUOTED-PRINTABLE`, either as
    /// `ENCODING=QUOTED-PRINTABLE` or as a vCard 2.1 bare parameter.
    private func declaresQuotedPrintable(_ line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let header = line[..<colon]
        let needle = Array("QUOTED-PRINTABLE".utf8)
        guard header.count >= needle.count else { return false }
        var index = header.startIndex
        while index + needle.count <= header.endIndex {
            var matched = true
            for offset in 0..<needle.count where header[index + offset] & 0xDF != needle[offset] & 0xDF {
                matched = false
                break
            }
            if matched { return true }
            index += 1
        }
        return false
    }
}
