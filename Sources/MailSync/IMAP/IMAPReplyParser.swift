/// Splits a server's bytes into responses. Hostile bytes give a `malformedReply` error,
/// never a trap: every index is checked, and lists nest at most `maximumDepth` deep.
struct IMAPReplyParser {
    static let maximumDepth = 64

    enum Failure: Error {
        case malformed(String)
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func responses() throws(Failure) -> [IMAPResponse] {
        var responses: [IMAPResponse] = []
        while index < bytes.count {
            responses.append(try response())
        }
        return responses
    }

    private static let statusWords: Set<String> = ["OK", "NO", "BAD", "BYE", "PREAUTH"]

    private mutating func response() throws(Failure) -> IMAPResponse {
        let first = try atom()
        let kind: IMAPResponse.Kind
        switch first {
        case "*": kind = .untagged
        case "+": return IMAPResponse(kind: .continuation, values: [], text: restOfLine())
        default: kind = .tagged(first)
        }
        skipSpaces()
        var values: [IMAPValue] = []
        // A status: its word, an optional [code], then free text that need not parse.
        if peek != nil, peek != UInt8(ascii: "("), case let word = try atom(), !word.isEmpty {
            values.append(.atom(word))
            if Self.statusWords.contains(word.uppercased()) {
                skipSpaces()
                if peek == UInt8(ascii: "[") { values.append(.atom(try atom())) }
                return IMAPResponse(kind: kind, values: values, text: restOfLine().trimmingSpaces)
            }
        }
        while true {
            skipSpaces()
            guard let byte = peek else { break }
            if byte == 13 || byte == 10 {
                endOfLine()
                break
            }
            values.append(try value(depth: 0))
        }
        return IMAPResponse(kind: kind, values: values, text: "")
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 32 { index += 1 }
    }

    private mutating func endOfLine() {
        if peek == 13 { index += 1 }
        if peek == 10 { index += 1 }
    }

    private mutating func restOfLine() -> String {
        let start = index
        while index < bytes.count, bytes[index] != 13, bytes[index] != 10 { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        endOfLine()
        return text
    }

    private mutating func value(depth: Int) throws(Failure) -> IMAPValue {
        guard depth < Self.maximumDepth else { throw .malformed("lists nested deeper than \(Self.maximumDepth)") }
        guard let byte = peek else { throw .malformed("the reply ends in the middle of a value") }
        switch byte {
        case UInt8(ascii: "("):
            index += 1
            var items: [IMAPValue] = []
            while true {
                skipSpaces()
                guard let next = peek else { throw .malformed("a list is not closed") }
                if next == UInt8(ascii: ")") {
                    index += 1
                    return .list(items)
                }
                if next == 13 || next == 10 { throw .malformed("a list is not closed before the line ends") }
                items.append(try value(depth: depth + 1))
            }
        case UInt8(ascii: "\""):
            return .string(try quoted())
        case UInt8(ascii: "{"):
            return .string(try literal())
        default:
            let text = try atom()
            guard !text.isEmpty else { throw .malformed("unexpected byte \(byte)") }
            return text.utf8.count == 3 && text.uppercased() == "NIL" ? .nothing : .atom(text)
        }
    }

    private mutating func quoted() throws(Failure) -> [UInt8] {
        index += 1
        var result: [UInt8] = []
        while let byte = peek {
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return result
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { throw .malformed("a quoted string ends in a backslash") }
                result.append(escaped)
                index += 1
            case 13, 10:
                throw .malformed("a quoted string is not closed before the line ends")
            default:
                result.append(byte)
            }
        }
        throw .malformed("a quoted string is not closed")
    }

    /// `{N}` or `{N+}`, the line's end, then N bytes.
    private mutating func literal() throws(Failure) -> [UInt8] {
        index += 1
        var length = 0
        while let byte = peek, byte >= 48, byte <= 57 {
            guard length < 1 << 40 else { throw .malformed("a literal's length is too large") }
            length = length * 10 + Int(byte - 48)
            index += 1
        }
        if peek == UInt8(ascii: "+") { index += 1 }
        guard peek == UInt8(ascii: "}") else { throw .malformed("a literal's length is not closed with '}'") }
        index += 1
        endOfLine()
        guard length <= bytes.count - index else { throw .malformed("a literal of \(length) bytes is cut short") }
        defer { index += length }
        return Array(bytes[index..<(index + length)])
    }

    /// An atom; a `[` inside it runs to its `]` (`BODY[HEADER.FIELDS (DATE)]`, `[UIDVALIDITY 3]`).
    private mutating func atom() throws(Failure) -> String {
        let start = index
        var brackets = 0
        while let byte = peek {
            if byte == UInt8(ascii: "[") {
                brackets += 1
            } else if byte == UInt8(ascii: "]") {
                brackets = max(0, brackets - 1)
            } else if byte == 13 || byte == 10 {
                break
            } else if brackets == 0, byte == 32 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "{") {
                break
            }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
