import FollowUpSupport

/// One unfolded iCalendar content line (RFC 5545 §3.1): `NAME;PARAM=value:value`.
package struct ContentLine: Sendable, Hashable {
    /// Upper-case.
    package var name: String
    package var parameters: [(name: String, value: String)]
    /// The raw value, still escaped.
    package var value: String
    /// The physical line it starts on.
    package var line: Int

    package static func == (lhs: ContentLine, rhs: ContentLine) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.line == rhs.line
            && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
            && lhs.parameters.map(\.value) == rhs.parameters.map(\.value)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(value)
        hasher.combine(line)
    }

    /// The first parameter called `name` (upper-case), without its surrounding quotes.
    package func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// The line as it would be written, unfolded: what the libical layer is handed for a
    /// VTIMEZONE.
    package var text: String {
        var text = name
        for parameter in parameters {
            let needsQuotes = parameter.value.contains { $0 == ":" || $0 == ";" || $0 == "," }
            text += ";\(parameter.name)=" + (needsQuotes ? "\"\(parameter.value)\"" : parameter.value)
        }
        return text + ":" + value
    }
}

/// Turns the bytes of a calendar into content lines, repairing what products get wrong and
/// noting each kind of repair once, at the first line that needed it.
///
/// Repairs: CR-only line ends; continuation lines that start with a TAB; lines longer than 75
/// octets; a fold inside a UTF-8 character (lines are unfolded as bytes, then decoded); empty
/// lines; a continuation line that lost its leading space (a line without a colon that is no
/// property); text that is not UTF-8 (read in the declared charset, else Windows-1252).
/// A repair the lenient reader made, at a line of the calendar text.
package struct LineWarning: Sendable, Hashable {
    package var line: Int
    package var message: String
}

package struct ContentLineReader {
    package private(set) var warnings: [LineWarning] = []
    /// The characters handed to the line parser so far: the work reading takes, which tests hold
    /// linear in the input's length.
    package private(set) var parsedCharacters = 0
    private var warned: Set<String> = []

    package init() {}

    /// `charset`: what an e-mail part declared, used when the bytes are not UTF-8.
    package mutating func lines(of bytes: [UInt8], charset: String?) -> [ContentLine] {
        var result: [ContentLine] = []
        var logical: [UInt8] = []
        var logicalLine = 0
        var longLines = 0
        var firstLongLine = 0

        // A line that is no property yet: the first half of a line that lost the space of its
        // fold on the way (a mail relay, a hand edit), or the tail of the line before.
        var pending: (text: String, line: Int)?
        var lastText = ""
        // The text attached to the last line since it was parsed. It is parsed again once, when
        // the next line comes or the text ends: parsing it at each attached line made thousands
        // of lines without a colon cost the square of their length (issue 25).
        var attached: String?

        func attachToPrevious(_ text: String, line: Int) {
            guard !result.isEmpty else {
                if !text.allSatisfy(\.isWhitespace) { note("text before the first property is skipped", at: line) }
                return
            }
            note("a continuation line does not start with a space; it is read as part of the line before", at: line)
            lastText += text
            if attached == nil { attached = "" }
            attached?.append(text)
        }

        func settleLast() {
            guard let text = attached else { return }
            attached = nil
            let last = result[result.count - 1]
            result[result.count - 1] = parse(lastText, line: last.line) ?? { var line = last; line.value += text; return line }()
        }

        func flush() {
            guard !logical.isEmpty else { return }
            let text = decode(logical, line: logicalLine, charset: charset)
            logical.removeAll(keepingCapacity: true)
            let parsed = parse(text, line: logicalLine)
            if let waiting = pending {
                pending = nil
                if parsed == nil, let joined = parse(waiting.text + text, line: waiting.line) {
                    note("a continuation line does not start with a space; it is read as part of the line before", at: logicalLine)
                    settleLast()
                    result.append(joined)
                    lastText = waiting.text + text
                    return
                }
                attachToPrevious(waiting.text, line: waiting.line)
            }
            if let parsed {
                settleLast()
                result.append(parsed)
                lastText = text
            } else {
                pending = (text, logicalLine)
            }
        }

        var index = 0
        var lineNumber = 0
        let count = bytes.count
        // A byte order mark is no part of the first line.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < count {
            lineNumber += 1
            let start = index
            while index < count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            let end = index
            if index < count {
                if bytes[index] == 0x0D {
                    index += 1
                    if index < count, bytes[index] == 0x0A {
                        index += 1
                    } else {
                        note("lines end in CR alone; read as line ends", at: lineNumber)
                    }
                } else {
                    index += 1
                }
            }
            let length = end - start
            if length > 75 {
                longLines += 1
                if firstLongLine == 0 { firstLongLine = lineNumber }
            }
            if length == 0 {
                if !logical.isEmpty || !result.isEmpty, index < count {
                    note("an empty line, which iCalendar does not allow, is skipped", at: lineNumber)
                }
                continue
            }
            let first = bytes[start]
            if first == 0x20 || first == 0x09, !logical.isEmpty {
                if first == 0x09 { note("continuation lines start with a TAB; read as folds", at: lineNumber) }
                if length > 1, bytes[start + 1] & 0xC0 == 0x80, logical.last.map({ $0 & 0x80 != 0 }) == true {
                    note("a line is folded inside a UTF-8 character; the character is joined again", at: lineNumber)
                }
                logical.append(contentsOf: bytes[(start + 1)..<end])
                continue
            }
            flush()
            logicalLine = lineNumber
            logical.append(contentsOf: bytes[start..<end])
        }
        flush()
        if let waiting = pending { attachToPrevious(waiting.text, line: waiting.line) }
        settleLast()
        if longLines > 0 {
            let what = longLines == 1 ? "a line is" : "\(longLines) lines are"
            record("\(what) longer than 75 octets and not folded; read as they are", at: firstLongLine)
        }
        return result
    }

    /// `Self.parse`, counted in `parsedCharacters`.
    private mutating func parse(_ text: String, line: Int) -> ContentLine? {
        parsedCharacters += text.utf8.count
        return Self.parse(text, line: line)
    }

    private mutating func decode(_ bytes: [UInt8], line: Int, charset: String?) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let charset, !charset.lowercased().hasPrefix("utf"), let text = Charsets.decode(bytes, from: charset) {
            return text
        }
        note("text that is not UTF-8 is read as Windows-1252", at: line)
        return Charsets.windows1252(bytes)
    }

    /// A warning for a kind of repair, noted once per file: at its first line.
    private mutating func note(_ message: String, at line: Int) {
        guard warned.insert(message).inserted else { return }
        record(message, at: line)
    }

    private mutating func record(_ message: String, at line: Int) {
        let warning = LineWarning(line: line, message: message)
        let position = warnings.firstIndex { $0.line > line } ?? warnings.endIndex
        warnings.insert(warning, at: position)
    }

    package mutating func warn(_ message: String, at line: Int) {
        note(message, at: line)
    }

    /// Splits `NAME;P=v;Q="a:b":value`. Nil when the text has no name followed by `:` or `;`.
    package static func parse(_ text: String, line: Int) -> ContentLine? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count, isNameCharacter(scalars[index]) { index += 1 }
        guard index > 0, index < scalars.count, scalars[index] == ":" || scalars[index] == ";" else { return nil }
        let name = String(String.UnicodeScalarView(scalars[0..<index])).uppercased()
        var parameters: [(name: String, value: String)] = []
        while index < scalars.count, scalars[index] == ";" {
            index += 1
            let nameStart = index
            while index < scalars.count, scalars[index] != "=", scalars[index] != ":", scalars[index] != ";" { index += 1 }
            let parameterName = String(String.UnicodeScalarView(scalars[nameStart..<index]))
                .trimmingWhitespace().uppercased()
            var value = String.UnicodeScalarView()
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                var quoted = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == "\"" {
                        quoted.toggle()
                    } else if !quoted, scalar == ":" || scalar == ";" {
                        break
                    }
                    value.append(scalar)
                    index += 1
                }
                if quoted, index >= scalars.count {
                    // An unclosed quote swallowed the value: read the parameter up to the
                    // first colon after it instead.
                    let rest = String(value)
                    if let colon = rest.firstIndex(of: ":") {
                        let head = String(rest[..<colon])
                        parameters.append((parameterName, unquote(head)))
                        return ContentLine(name: name, parameters: parameters,
                                           value: String(rest[rest.index(after: colon)...]), line: line)
                    }
                }
            }
            if !parameterName.isEmpty { parameters.append((parameterName, unquote(String(value)))) }
        }
        guard index < scalars.count, scalars[index] == ":" else { return nil }
        let value = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        return ContentLine(name: name, parameters: parameters, value: value, line: line)
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": true
        default: false
        }
    }

    /// `"a"` is `a`; a value of several quoted parts (`"a","b"`) keeps its quotes inside.
    package static func unquote(_ value: String) -> String {
        let trimmed = value.trimmingWhitespace()
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\""),
           !trimmed.dropFirst().dropLast().contains("\"") {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}

extension String {
    package func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }

    /// TEXT unescaped (RFC 5545 §3.3.11): `\n` and `\N` are line breaks, `\,` `\;` `\\` their
    /// character; any other backslash is kept, as products write stray ones.
    package var unescapedText: String {
        guard contains("\\") else { return self }
        var result = ""
        var iterator = makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else {
                result.append(character)
                continue
            }
            guard let next = iterator.next() else {
                result.append("\\")
                break
            }
            switch next {
            case "n", "N": result.append("\n")
            case ",", ";", "\\": result.append(next)
            default:
                result.append("\\")
                result.append(next)
            }
        }
        return result
    }
}
