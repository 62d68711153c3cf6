/// RFC 2045 §6.7 quoted-printable: the UTF-8 bytes of a text as lines of printable ASCII.
enum QuotedPrintable {
    /// Encoded lines are at most 76 characters, soft line breaks (`=` at the end) included.
    static let lineLimit = 76

    /// The text's lines, each encoded and ended with CRLF; `\n`, `\r\n` and `\r` all end a line.
    static func encode(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalised.split(separator: "\n", omittingEmptySubsequences: false)
            .map { encodeLine(Array($0.utf8)) + "\r\n" }
            .joined()
    }

    /// One line: `=` and bytes outside printable ASCII as `=XX`, a space or tab at the end of
    /// the line too (rule 3: mail transport may strip it); `=\r\n` wherever the line would
    /// pass the limit, after a space where there is one, never inside an `=XX`.
    static func encodeLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var pieces: [String] = []
        var width = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
            let piece = literal ? String(UnicodeScalar(byte)) : "=" + HeaderEncoding.hex(byte)
            // A soft break takes one character; the last piece of the line needs no room for one.
            let room = isLast ? lineLimit : lineLimit - 1
            if width + piece.count > room {
                // Break after the last space, so a word stays whole for anyone reading the file;
                // the space then is no longer at the end of the line: the `=` follows it.
                let cut = pieces.lastIndex(of: " ").map { $0 + 1 } ?? pieces.count
                let kept = cut > pieces.count / 2 ? cut : pieces.count
                lines.append(pieces[..<kept].joined() + "=")
                pieces = Array(pieces[kept...])
                width = pieces.reduce(0) { $0 + $1.count }
            }
            pieces.append(piece)
            width += piece.count
        }
        lines.append(pieces.joined())
        return lines.joined(separator: "\r\n")
    }
}
