import ICalendar
import FollowUpSupport

/// A MIME entity of an e-mail (RFC 2045-2046, RFC 5322): its header fields and either its
/// decoded body or, for a multipart or an attached message, the entities inside it.
///
/// Read leniently, as mail arrives: LF or CRLF line ends, header fields folded with spaces or
/// TABs, any case in names and values, a missing closing boundary, a stray blank first line.
struct MailPart: Sendable {
    /// Header fields in order; names lower-case, folded values joined with a space.
    var headers: [(name: String, value: String)]
    /// The body as it is in the message, still transfer-encoded.
    var rawBody: [UInt8]
    var children: [MailPart]
    /// `1`, `1.2`, ...: where the part sits, as mail clients number parts.
    var position: String

    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// `text/calendar`, lower-case; `text/plain` when absent (RFC 2045 §5.2).
    var mediaType: String { contentType.value }

    var contentType: HeaderValue {
        header("content-type").map(HeaderValue.init) ?? HeaderValue("text/plain")
    }

    /// The file name from Content-Disposition's `filename` or Content-Type's `name`.
    var fileName: String? {
        header("content-disposition").map(HeaderValue.init)?.parameter("filename") ?? contentType.parameter("name")
    }

    /// The body with its Content-Transfer-Encoding undone (base64, quoted-printable; 7bit, 8bit
    /// and binary as they are).
    var decodedBody: [UInt8] {
        switch header("content-transfer-encoding")?.trimmingWhitespace().lowercased() {
        case "base64": return TransferEncoding.base64(rawBody)
        case "quoted-printable": return TransferEncoding.quotedPrintable(rawBody)
        default: return rawBody
        }
    }
}

/// A structured header value: `text/calendar; method=REQUEST; charset="UTF-8"`.
struct HeaderValue: Sendable {
    /// The part before the first `;`, lower-case and trimmed.
    var value: String
    /// Names lower-case, values unquoted; RFC 2231 continuations (`name*0*=`) joined.
    var parameters: [String: String]

    init(_ text: String) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == ";", !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        value = pieces.removeFirst().trimmingWhitespace().lowercased()
        var parameters: [String: String] = [:]
        var continued: [String: [(Int, String)]] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = String(piece[..<equals]).trimmingWhitespace().lowercased()
            var value = ContentLineReader.unquote(String(piece[piece.index(after: equals)...]))
            var extended = false
            if name.hasSuffix("*") {
                name.removeLast()
                extended = true
            }
            if extended {
                // RFC 2231: charset'language'percent-encoded text.
                let parts = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 { value = String(parts[2]) }
                value = Self.percentDecoded(value)
            }
            if let star = name.firstIndex(of: "*"), let index = Int(name[name.index(after: star)...]) {
                continued[String(name[..<star]), default: []].append((index, value))
            } else {
                parameters[name] = value
            }
        }
        for (name, parts) in continued where parameters[name] == nil {
            parameters[name] = parts.sorted { $0.0 < $1.0 }.map(\.1).joined()
        }
        self.parameters = parameters
    }

    func parameter(_ name: String) -> String? { parameters[name] }

    private static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let high = TransferEncoding.hexValue(utf8[utf8.startIndex]),
               let low = TransferEncoding.hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Reads the MIME structure of a whole message.
package enum MailReader {
    /// Deeper nesting than real mail has is not followed.
    static let maximumDepth = 16

    static func message(_ bytes: [UInt8]) -> MailPart {
        var start = 0
        while start < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[start]) { start += 1 }
        if bytes[start...].starts(with: Array("From ".utf8)) {
            while start < bytes.count, bytes[start] != 0x0A { start += 1 }
        }
        return part(bytes[start...], position: "1", depth: 0)
    }

    /// Whether `bytes` look like an e-mail rather than a calendar: the first line that is not
    /// blank is a header field (`Name: value`).
    static func looksLikeMail(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count, [0x20, 0x09, 0x0D, 0x0A, 0xEF, 0xBB, 0xBF].contains(bytes[index]) { index += 1 }
        // A message saved from an mbox starts with its envelope line, `From sender date`.
        if bytes[index...].starts(with: Array("From ".utf8)) { return true }
        // A calendar's first line, BEGIN:VCALENDAR, has the shape of a header field too.
        if bytes[index...].prefix(6).map({ $0 | 0x20 }) == Array("begin:".utf8) { return false }
        var sawName = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") { return sawName }
            // RFC 5322 §3.6.8: a field name is printable ASCII other than the colon.
            guard byte > 0x20, byte < 0x7F else { return false }
            sawName = true
            index += 1
        }
        return false
    }

    private static func part(_ bytes: ArraySlice<UInt8>, position: String, depth: Int) -> MailPart {
        let (headers, body) = split(bytes)
        var part = MailPart(headers: headers, rawBody: Array(body), children: [], position: position)
        guard depth < maximumDepth else { return part }
        let type = part.contentType
        if type.value.hasPrefix("multipart/"), let boundary = type.parameter("boundary"), !boundary.isEmpty {
            let bodies = multipartBodies(body, boundary: boundary)
            part.children = bodies.enumerated().map { index, child in
                Self.part(child, position: position == "1" && depth == 0 ? "\(index + 1)" : "\(position).\(index + 1)", depth: depth + 1)
            }
        } else if type.value == "message/rfc822" {
            part.children = [Self.part(part.decodedBody[...], position: position + ".1", depth: depth + 1)]
        }
        return part
    }

    /// The header fields and the body, split at the first empty line. Blank lines before the
    /// first field (a capture artefact) are skipped.
    package static func split(_ bytes: ArraySlice<UInt8>) -> ([(name: String, value: String)], ArraySlice<UInt8>) {
        var headers: [(name: String, value: String)] = []
        var index = bytes.startIndex
        var seenField = false
        while index < bytes.endIndex {
            let start = index
            while index < bytes.endIndex, bytes[index] != 0x0A { index += 1 }
            var end = index
            if index < bytes.endIndex { index += 1 }
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[start..<end]
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                if seenField || line.isEmpty && index >= bytes.endIndex { return (headers, bytes[index...]) }
                continue
            }
            let text = String(decoding: line, as: UTF8.self)
            if let first = line.first, first == 0x20 || first == 0x09 {
                if !headers.isEmpty {
                    headers[headers.count - 1].value += " " + text.trimmingWhitespace()
                }
                continue
            }
            guard let colon = text.firstIndex(of: ":") else {
                // No header at all: the whole text is the body.
                if !seenField { return ([], bytes[start...]) }
                continue
            }
            seenField = true
            headers.append((String(text[..<colon]).trimmingWhitespace().lowercased(),
                            String(text[text.index(after: colon)...]).trimmingWhitespace()))
        }
        return (headers, bytes[bytes.endIndex...])
    }

    /// The bodies between `--boundary` lines, without the line break before each delimiter;
    /// the preamble and epilogue are dropped, and a missing closing delimiter ends at the end.
    static func multipartBodies(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array("--\(boundary)".utf8)
        var bodies: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            var lineEnd = lineStart
            while lineEnd < body.endIndex, body[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd < body.endIndex ? lineEnd + 1 : lineEnd
            if body[lineStart...].starts(with: delimiter) {
                let after = lineStart + delimiter.count
                let isClosing = after + 1 < body.endIndex && body[after] == UInt8(ascii: "-") && body[after + 1] == UInt8(ascii: "-")
                if let start = partStart {
                    var end = lineStart
                    if end > start, body[end - 1] == 0x0A { end -= 1 }
                    if end > start, body[end - 1] == 0x0D { end -= 1 }
                    bodies.append(body[start..<max(start, end)])
                }
                if isClosing { return bodies }
                partStart = next
            }
            lineStart = next
        }
        if let start = partStart, start < body.endIndex { bodies.append(body[start...]) }
        return bodies
    }

    /// The part that holds the invitation: the first `text/calendar` part in the message's
    /// order, else the first `application/ics`, else the first attachment named `*.ics`
    /// (whatever its type), else a message that is itself a calendar.
    static func calendarPart(in message: MailPart) -> MailPart? {
        var all: [MailPart] = []
        var stack = [message]
        while let part = stack.popLast() {
            all.append(part)
            stack.append(contentsOf: part.children.reversed())
        }
        let leaves = all.filter { $0.children.isEmpty }
        return leaves.first { $0.mediaType == "text/calendar" }
            ?? leaves.first { ["application/ics", "application/x-ics", "text/x-vcalendar", "application/calendar"].contains($0.mediaType) }
            ?? leaves.first { $0.fileName?.lowercased().hasSuffix(".ics") ?? false }
            ?? leaves.first { $0.fileName?.lowercased().hasSuffix(".vcs") ?? false }
    }
}

/// RFC 2045 §6 transfer encodings, decoded leniently: what is not the alphabet is skipped.
enum TransferEncoding {
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="):
                // Padding ends a quantum; what follows (a concatenated second blob) starts anew.
                buffer = 0
                bits = 0
                continue
            default: continue
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return output
    }

    /// `=XX` is a byte, `=` at a line's end a soft break; trailing spaces before a line break
    /// are padding (RFC 2045 §6.7); a malformed `=` is kept as it is.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                var after = index + 1
                while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                if after < bytes.count, bytes[after] == 0x0A {
                    index = after + 1
                    continue
                }
                if after + 1 < bytes.count, bytes[after] == 0x0D, bytes[after + 1] == 0x0A {
                    index = after + 2
                    continue
                }
                if after >= bytes.count {
                    index = after
                    continue
                }
                if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                output.append(byte)
                index += 1
                continue
            }
            if byte == 0x20 || byte == 0x09 {
                var after = index
                while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                if after >= bytes.count || bytes[after] == 0x0A || bytes[after] == 0x0D {
                    index = after
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
