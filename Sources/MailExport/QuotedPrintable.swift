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
    /// pass the limit, never inside an `=XX`.
    static func encodeLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var line = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
            let piece = literal ? String(UnicodeScalar(byte)) : "=" + HeaderEncoding.hex(byte)
            // A soft break takes one character; the last piece of the line needs no room for one.
            let room = isLast ? lineLimit : lineLimit - 1
            if line.count + piece.count > room {
                lines.append(line + "=")
                line = ""
            }
            line += piece
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }
}
