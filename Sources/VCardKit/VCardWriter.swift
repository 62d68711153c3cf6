/// Writes `VCard` values as vCard text (RFC 2426 for 3.0, RFC 6350 for 4.0): the reader's
/// counterpart. Property values are kept escaped in `rawValue`, as the reader keeps them, so a
/// card read and written again keeps its values byte for byte; `VCardProperty.text` and
/// `.structured` build properties from plain text.
///
/// Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 sequence, so every
/// reader (python vobject, Outlook, the phones) unfolds them to the same text.
public struct VCardWriter: Sendable {
    public enum Version: String, Sendable, CaseIterable {
        case v3 = "3.0"
        case v4 = "4.0"
    }

    public var version: Version

    public init(version: Version) {
        self.version = version
    }

    /// One card, BEGIN to END. A `VERSION` among the card's properties is replaced by the
    /// writer's version, so a card cannot claim one version and be written in another.
    public func text(of card: VCard) -> String {
        var output = ""
        output.append("BEGIN:VCARD\r\n")
        output.append("VERSION:\(version.rawValue)\r\n")
        for property in card.properties where property.name != "VERSION" && property.name != "BEGIN" && property.name != "END" {
            output.append(Self.folded(line(for: property)))
        }
        output.append("END:VCARD\r\n")
        return output
    }

    /// Several cards, one after the other: a .vcf address book.
    public func text(of cards: [VCard]) -> String {
        cards.map(text(of:)).joined()
    }

    private func line(for property: VCardProperty) -> String {
        var line = ""
        if let group = property.group { line.append(group + ".") }
        line.append(property.name)
        for parameter in property.parameters {
            line.append(";")
            if let name = parameter.name { line.append(name + "=") }
            line.append(parameter.values.map(Self.parameterValue).joined(separator: ","))
        }
        line.append(":")
        // A raw value never holds a bare line break: the reader unfolded it, and `text` escaped it.
        line.append(property.rawValue.replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n"))
        return line
    }

    /// A parameter value in double quotes when it holds a character that would end it
    /// (RFC 6350 §3.3); a double quote itself cannot be written and becomes a single one.
    private static func parameterValue(_ value: String) -> String {
        let cleaned = value.replacingOccurrences(of: "\"", with: "'").filter { !$0.isNewline }
        return cleaned.contains(where: { ":;,".contains($0) }) ? "\"\(cleaned)\"" : cleaned
    }

    /// The line with CRLF, folded: at most 75 octets a line, continuation lines start with a space.
    static func folded(_ line: String) -> String {
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line + "\r\n" }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 74 * 3 + 2)
        var start = 0
        var limit = 75
        while start < bytes.count {
            var end = min(start + limit, bytes.count)
            // Back up to the start of a UTF-8 sequence: continuation bytes are 10xxxxxx.
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if start > 0 { output.append(UInt8(ascii: " ")) }
            output.append(contentsOf: bytes[start..<end])
            output.append(contentsOf: [0x0D, 0x0A])
            start = end
            limit = 74
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `text` escaped as a vCard TEXT value: backslash, comma, semicolon and line breaks.
    public static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var previousWasCarriageReturn = false
        for character in text.unicodeScalars {
            switch character {
            case "\\": output.append("\\\\")
            case ",": output.append("\\,")
            case ";": output.append("\\;")
            case "\r": output.append("\\n")
            case "\n": if !previousWasCarriageReturn { output.append("\\n") }
            default: output.unicodeScalars.append(character)
            }
            previousWasCarriageReturn = character == "\r"
        }
        return output
    }
}

extension VCardProperty {
    /// A property whose value is `text`, escaped.
    public static func text(_ name: String, _ text: String, parameters: [VCardParameter] = []) -> VCardProperty {
        VCardProperty(name: name, parameters: parameters, rawValue: VCardWriter.escaped(text))
    }

    /// A structured property (`N`, `ORG`, `ADR`): components separated by `;`, each escaped.
    public static func structured(_ name: String, _ components: [String], parameters: [VCardParameter] = []) -> VCardProperty {
        VCardProperty(name: name, parameters: parameters, rawValue: components.map(VCardWriter.escaped).joined(separator: ";"))
    }

    /// A property whose value is written as given (a URI, a date, a list already joined).
    public static func verbatim(_ name: String, _ value: String, parameters: [VCardParameter] = []) -> VCardProperty {
        VCardProperty(name: name, parameters: parameters, rawValue: value)
    }
}
