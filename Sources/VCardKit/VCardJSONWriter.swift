/// `followup card --json` written straight to bytes, card by card: the same text as encoding
/// an array of ``VCardSummary`` with `JSONEncoder` (`.prettyPrinted`, `.sortedKeys`,
/// `.withoutEscapingSlashes`), without building the array, the encoder's tree of values or
/// one string of the whole document.
///
/// ```swift
/// var writer = VCardJSONWriter()
/// for card in cards { writer.append(card) }
/// writer.finish()
/// output.write(writer.bytes)   // "[\n  {\n    \"emails\" : [ …"
/// ```
///
/// The caller may take ``bytes`` away between cards (``takeBytes()``) to stream them out.
public struct VCardJSONWriter: Sendable {
    /// What has been written and not yet taken.
    public private(set) var bytes: [UInt8] = []
    private var cardCount = 0

    public init() {
        bytes.reserveCapacity(64 * 1024)
        bytes.append(UInt8(ascii: "["))
    }

    /// The cards written so far.
    public var count: Int { cardCount }

    /// Writes one more element of the array.
    public mutating func append(_ card: VCard) {
        append(VCardSummary(card))
    }

    public mutating func append(_ summary: VCardSummary) {
        bytes.append(contentsOf: cardCount == 0 ? Self.firstElement : Self.nextElement)
        cardCount += 1
        // The keys in sorted order, as `.sortedKeys` writes them; absent values are null
        // except `notes` (only on a card with several) and a contact's `label`.
        open()
        key("emails", depth: 2, first: true)
        contacts(summary.emails, depth: 2)
        key("fn", depth: 2)
        optionalString(summary.fn)
        key("n", depth: 2)
        if let name = summary.n {
            open()
            key("additional", depth: 3, first: true)
            string(name.additional)
            key("family", depth: 3)
            string(name.family)
            key("given", depth: 3)
            string(name.given)
            key("prefix", depth: 3)
            string(name.prefix)
            key("suffix", depth: 3)
            string(name.suffix)
            close(2)
        } else {
            null()
        }
        key("note", depth: 2)
        optionalString(summary.note)
        if let notes = summary.notes {
            key("notes", depth: 2)
            strings(notes, depth: 2)
        }
        key("org", depth: 2)
        strings(summary.org, depth: 2)
        key("tels", depth: 2)
        contacts(summary.tels, depth: 2)
        key("title", depth: 2)
        optionalString(summary.title)
        key("tz", depth: 2)
        optionalString(summary.tz)
        key("version", depth: 2)
        optionalString(summary.version)
        close(1)
    }

    /// Closes the array; nothing may be appended after.
    public mutating func finish() {
        // JSONEncoder writes an empty array with its two line breaks, "[\n\n]".
        bytes.append(contentsOf: cardCount == 0 ? Array("\n\n]".utf8) : Array("\n]".utf8))
    }

    /// A line break after the array, as `print` would add.
    public mutating func appendLineBreak() {
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The bytes written since the last call, leaving the writer empty but where it was.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    /// Drops what was written since `mark` (a ``bytes`` count and ``count`` taken before).
    public mutating func rewind(to mark: (byteCount: Int, cardCount: Int)) {
        bytes.removeSubrange(mark.byteCount...)
        cardCount = mark.cardCount
    }

    public var mark: (byteCount: Int, cardCount: Int) { (bytes.count, cardCount) }

    // MARK: Pieces

    private static let firstElement = Array("\n  ".utf8)
    private static let nextElement = Array(",\n  ".utf8)
    private static let indents: [[UInt8]] = (0...6).map { [UInt8](repeating: UInt8(ascii: " "), count: $0 * 2) }

    private mutating func open() {
        bytes.append(UInt8(ascii: "{"))
    }

    private mutating func close(_ depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: Self.indents[depth])
        bytes.append(UInt8(ascii: "}"))
    }

    /// A line break, the indent of `depth`, `"name" : `; a comma first unless `first`.
    private mutating func key(_ name: StaticString, depth: Int, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: Self.indents[depth])
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Self.keySeparator)
    }

    private static let keySeparator = Array("\" : ".utf8)
    private static let nullBytes = Array("null".utf8)

    private mutating func null() {
        bytes.append(contentsOf: Self.nullBytes)
    }

    private mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An array of strings whose elements sit at `depth + 1`.
    private mutating func strings(_ values: [String], depth: Int) {
        bytes.append(UInt8(ascii: "["))
        guard !values.isEmpty else {
            bytes.append(contentsOf: Self.emptyArrayBody)
            bytes.append(contentsOf: Self.indents[depth])
            bytes.append(UInt8(ascii: "]"))
            return
        }
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: Self.indents[depth + 1])
            string(value)
        }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: Self.indents[depth])
        bytes.append(UInt8(ascii: "]"))
    }

    private static let emptyArrayBody = Array("\n\n".utf8)

    private mutating func contacts(_ values: [VCardSummary.Contact], depth: Int) {
        bytes.append(UInt8(ascii: "["))
        guard !values.isEmpty else {
            bytes.append(contentsOf: Self.emptyArrayBody)
            bytes.append(contentsOf: Self.indents[depth])
            bytes.append(UInt8(ascii: "]"))
            return
        }
        for (index, contact) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: Self.indents[depth + 1])
            open()
            var first = true
            if let label = contact.label {
                key("label", depth: depth + 2, first: true)
                string(label)
                first = false
            }
            key("types", depth: depth + 2, first: first)
            strings(contact.types, depth: depth + 2)
            key("value", depth: depth + 2)
            string(contact.value)
            close(depth + 1)
        }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: Self.indents[depth])
        bytes.append(UInt8(ascii: "]"))
    }

    /// A JSON string (RFC 8259 §7) escaped as JSONEncoder escapes it: `"` and `\` with a
    /// backslash, the control characters that have one as `\b \f \n \r \t`, the others as
    /// `\u00XX`; everything else, `/` and non-ASCII included, as it is.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                escape(byte)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0xF)]])
        }
    }
}
