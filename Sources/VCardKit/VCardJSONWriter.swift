#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FollowUpSupport

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
    /// What has been written and not yet taken, copied into an array (``drainBytes(_:)``
    /// hands them out without the copy).
    public var bytes: [UInt8] { output.array }
    /// How many bytes have been written and not yet taken.
    public var byteCount: Int { output.count }
    /// The bytes, appended through a pointer: appending to an array checked its storage's
    /// ownership byte by byte, a seventh of the writer's time.
    private var output: OutputBytes
    private var cardCount = 0
    /// Elements of the array written before this writer's, by another writer.
    private var elementsBefore = 0
    private var contactTypes = ContactTypes()
    /// The current card's e-mails, phones, Apple labels and notes, by index; reused from card
    /// to card.
    private var emails: [Int] = []
    private var phones: [Int] = []
    private var labels: [Int] = []
    private var notes: [Int] = []
    /// Where the parts of a structured value lie, reused from value to value.
    private var parts: [Range<Int>] = []

    public init() {
        output = OutputBytes(capacity: 64 * 1024)
        output.append(UInt8(ascii: "["))
    }

    /// A writer of the elements that follow `elementsBefore` elements of an array another
    /// writer opened (a piece of a file read on a thread of its own): it writes no `[`, and
    /// its bytes go after that writer's, which then counts them with
    /// ``countElementsWrittenElsewhere(_:)``.
    public init(continuingAfter elementsBefore: Int, reservingCapacity capacity: Int = 64 * 1024) {
        output = OutputBytes(capacity: capacity)
        self.elementsBefore = elementsBefore
    }

    /// The cards written so far, by this writer.
    public var count: Int { cardCount }

    /// Counts `count` elements that a continuing writer wrote, whose bytes the caller puts
    /// after this writer's: the next element is written after a comma, and an empty array
    /// is no longer written as one.
    public mutating func countElementsWrittenElsewhere(_ count: Int) {
        cardCount += count
    }

    /// Writes one more element of the array: the card's ``VCardSummary``, written from the
    /// card's values as they are stored (still escaped), without making the summary's strings
    /// and arrays first. That took as long as writing them; the tests hold the two to the same
    /// bytes. The properties are looked at once, by index, each field's found on the way:
    /// a search per field copied every property it passed.
    public mutating func append(_ card: VCard) {
        output.makeUnique()
        raw(cardCount + elementsBefore == 0 ? "\n  " : ",\n  ")
        cardCount += 1
        card.properties.withUnsafeBufferPointer { properties in
            var fields = Fields()
            emails.removeAll(keepingCapacity: true)
            phones.removeAll(keepingCapacity: true)
            labels.removeAll(keepingCapacity: true)
            notes.removeAll(keepingCapacity: true)
            for index in properties.indices {
                switch Field(properties[index].name) {
                case .email: emails.append(index)
                case .phone: phones.append(index)
                case .label: labels.append(index)
                case .formattedName: if fields.formattedName < 0 { fields.formattedName = index }
                case .name: if fields.name < 0 { fields.name = index }
                case .organization: if fields.organization < 0 { fields.organization = index }
                case .title: if fields.title < 0 { fields.title = index }
                case .timeZone: if fields.timeZone < 0 { fields.timeZone = index }
                case .note: notes.append(index)
                case .other: break
                }
            }
            open()
            key("emails", depth: 2, first: true)
            contacts(emails, of: properties)
            key("fn", depth: 2)
            firstText(fields.formattedName, of: properties)
            key("n", depth: 2)
            if fields.name >= 0 {
                structuredName(properties[fields.name].rawValue)
            } else {
                null()
            }
            key("note", depth: 2)
            firstText(notes.first ?? -1, of: properties)
            if notes.count > 1 {
                key("notes", depth: 2)
                output.append(UInt8(ascii: "["))
                for (count, index) in notes.enumerated() {
                    element(count, depth: 2)
                    text(properties[index].rawValue)
                }
                closeArray(depth: 2)
            }
            key("org", depth: 2)
            organization(fields.organization >= 0 ? properties[fields.organization].rawValue : nil)
            key("tels", depth: 2)
            contacts(phones, of: properties)
            key("title", depth: 2)
            firstText(fields.title, of: properties)
            // ``VCard/timeZoneText``: the first TZ's text, trimmed; null when empty.
            key("tz", depth: 2)
            let zone = fields.timeZone >= 0 ? properties[fields.timeZone].text : ""
            optionalString(zone.isEmpty ? nil : zone.trimmingWhitespace())
        }
        key("version", depth: 2)
        optionalString(card.version)
        close(1)
    }

    /// The properties a summary shows, by name.
    private enum Field {
        case email, phone, label, formattedName, name, organization, title, note, timeZone, other

        /// Names are upper case ASCII (the parser's): told apart by length, then bytes.
        init(_ name: String) {
            self = utf8Bytes(of: name) { bytes in
                func equals(_ word: StaticString) -> Bool {
                    memcmp(bytes.baseAddress!, word.utf8Start, word.utf8CodeUnitCount) == 0
                }
                switch bytes.count {
                case 1: return bytes[0] == UInt8(ascii: "N") ? .name : .other
                case 2: return equals("FN") ? .formattedName : equals("TZ") ? .timeZone : .other
                case 3: return equals("TEL") ? .phone : equals("ORG") ? .organization : .other
                case 4: return equals("NOTE") ? .note : .other
                case 5: return equals("EMAIL") ? .email : equals("TITLE") ? .title : .other
                case 9: return equals("X-ABLABEL") ? .label : .other
                default: return .other
                }
            }
        }
    }

    /// The first of each field, -1 when there is none.
    private struct Fields {
        var formattedName = -1
        var name = -1
        var organization = -1
        var title = -1
        var timeZone = -1
    }

    /// Closes the array; nothing may be appended after.
    public mutating func finish() {
        output.makeUnique()
        // JSONEncoder writes an empty array with its two line breaks, "[\n\n]".
        raw(cardCount == 0 ? "\n\n]" : "\n]")
    }

    /// A line break after the array, as `print` would add.
    public mutating func appendLineBreak() {
        output.makeUnique()
        output.append(UInt8(ascii: "\n"))
    }

    /// The bytes written since the last call, leaving the writer empty but where it was.
    public mutating func takeBytes() -> [UInt8] {
        defer { output.truncate(to: 0) }
        return output.array
    }

    /// Hands the bytes written so far to `body` (to write them out) and forgets them, keeping
    /// the buffer for what comes next: unlike ``takeBytes()``, nothing is copied.
    public mutating func drainBytes<Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Void) throws(Failure) {
        try output.withBytes(body)
        output.truncate(to: 0)
    }

    /// Drops what was written since `mark` (a ``byteCount`` and ``count`` taken before).
    public mutating func rewind(to mark: (byteCount: Int, cardCount: Int)) {
        output.truncate(to: mark.byteCount)
        cardCount = mark.cardCount
    }

    public var mark: (byteCount: Int, cardCount: Int) { (output.count, cardCount) }

    // MARK: Pieces
    //
    // Fixed text is written from static strings: no array of its own to retain and release
    // for each of the few dozen pieces of every card.

    @inline(__always)
    private mutating func raw(_ text: StaticString) {
        output.append(text)
    }

    @inline(__always)
    private mutating func indent(_ depth: Int) {
        output.append(UInt8(ascii: " "), times: depth * 2)
    }

    private mutating func open() {
        output.append(UInt8(ascii: "{"))
    }

    private mutating func close(_ depth: Int) {
        output.append(UInt8(ascii: "\n"))
        indent(depth)
        output.append(UInt8(ascii: "}"))
    }

    /// A line break, the indent of `depth`, `"name" : `; a comma first unless `first`.
    private mutating func key(_ name: StaticString, depth: Int, first: Bool = false) {
        raw(first ? "\n" : ",\n")
        indent(depth)
        output.append(UInt8(ascii: "\""))
        raw(name)
        raw("\" : ")
    }

    private mutating func null() {
        raw("null")
    }

    private mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// The `[` of an array whose elements sit at `depth + 1`, or the whole array when it is
    /// empty, as JSONEncoder writes one: `[`, two line breaks, the indent, `]`. False when
    /// there is nothing more to write.
    private mutating func openArray(isEmpty: Bool, depth: Int) -> Bool {
        output.append(UInt8(ascii: "["))
        guard isEmpty else { return true }
        raw("\n\n")
        indent(depth)
        output.append(UInt8(ascii: "]"))
        return false
    }

    /// Before an element of an array at `depth`: a comma unless it is the first, a line
    /// break and the element's indent.
    private mutating func element(_ index: Int, depth: Int) {
        raw(index > 0 ? ",\n" : "\n")
        indent(depth + 1)
    }

    private mutating func closeArray(depth: Int) {
        output.append(UInt8(ascii: "\n"))
        indent(depth)
        output.append(UInt8(ascii: "]"))
    }

    /// An array of strings whose elements sit at `depth + 1`.
    private mutating func strings(_ values: [String], depth: Int) {
        guard openArray(isEmpty: values.isEmpty, depth: depth) else { return }
        for index in values.indices {
            element(index, depth: depth)
            string(values[index])
        }
        closeArray(depth: depth)
    }

    // MARK: Straight from the card

    /// The property at `index` as ``VCardProperty/text``, or null when there is none (-1) or
    /// it is empty (as ``VCard/formattedName`` and the others read it).
    private mutating func firstText(_ index: Int, of properties: UnsafeBufferPointer<VCardProperty>) {
        guard index >= 0, !properties[index].rawValue.isEmpty else { return null() }
        text(properties[index].rawValue)
    }

    /// The card's e-mails or phones (``VCardSummary/emails``), the properties at `indices`:
    /// each non-empty value, trimmed, with its types and its Apple label.
    private mutating func contacts(_ indices: [Int], of properties: UnsafeBufferPointer<VCardProperty>) {
        output.append(UInt8(ascii: "["))
        var count = 0
        for index in indices {
            // Read in place: a copy of the property retains and releases each of its strings.
            let property = properties.baseAddress! + index
            // A value that needs no unescaping and no trimming is written as it is stored;
            // others go through the summary's own reading.
            var value: String?
            if !Self.isPlainTrimmed(property.pointee.rawValue) {
                let trimmed = property.pointee.text.trimmingWhitespace()
                guard !trimmed.isEmpty else { continue }
                value = trimmed
            }
            element(count, depth: 2)
            count += 1
            open()
            var first = true
            if let group = property.pointee.group, let label = label(ofGroup: group, in: properties) {
                key("label", depth: 4, first: true)
                string(label)
                first = false
            }
            key("types", depth: 4, first: first)
            let types = contactTypes.json(key: property.pointee.parameterKey, types: property.pointee.types) { types in
                var writer = VCardJSONWriter(continuingAfter: 0, reservingCapacity: 64)
                writer.strings(types, depth: 4)
                return writer.bytes
            }
            types.withUnsafeBufferPointer { output.append($0) }
            key("value", depth: 4)
            string(value ?? property.pointee.rawValue)
            close(3)
        }
        if count == 0 {
            raw("\n\n")
            indent(2)
            output.append(UInt8(ascii: "]"))
        } else {
            closeArray(depth: 2)
        }
    }

    /// ``VCard/label(ofGroup:)`` from the card's labels found as its properties were looked at.
    private func label(ofGroup group: String, in properties: UnsafeBufferPointer<VCardProperty>) -> String? {
        for index in labels {
            if let labelGroup = properties[index].group, VCard.isSameGroup(labelGroup, group) {
                return VCard.label(properties[index])
            }
        }
        return nil
    }

    /// Whether `raw` reads as itself, unescaped and trimmed: no backslash, and printable ASCII
    /// at both ends (so no white space of any kind to trim). Not true of an empty value.
    private static func isPlainTrimmed(_ raw: String) -> Bool {
        guard beginsAndEndsVisibly(raw) else { return false }
        return utf8Bytes(of: raw) { bytes in
            memchr(bytes.baseAddress!, Int32(UInt8(ascii: "\\")), bytes.count) == nil
        }
    }

    /// `N` as ``VCard/name`` splits it: five parts, missing ones empty, extra ones left out.
    private mutating func structuredName(_ rawValue: String) {
        utf8Bytes(of: rawValue) { utf8 in
            splitParts(utf8)
            // JSON's sorted keys against N's order: family, given, additional, prefix, suffix.
            open()
            key("additional", depth: 3, first: true)
            part(2, of: utf8)
            key("family", depth: 3)
            part(0, of: utf8)
            key("given", depth: 3)
            part(1, of: utf8)
            key("prefix", depth: 3)
            part(3, of: utf8)
            key("suffix", depth: 3)
            part(4, of: utf8)
            close(2)
        }
    }

    /// Part `index` of the value ``splitParts(_:)`` split last, as a JSON string; empty when
    /// the value has fewer parts.
    private mutating func part(_ index: Int, of utf8: UnsafeBufferPointer<UInt8>) {
        output.append(UInt8(ascii: "\""))
        if index < parts.count { unescaped(UnsafeBufferPointer(rebasing: utf8[parts[index]])) }
        output.append(UInt8(ascii: "\""))
    }

    /// `ORG` as ``VCard/organization`` splits it: its parts, trailing empty ones dropped.
    private mutating func organization(_ rawValue: String?) {
        output.append(UInt8(ascii: "["))
        guard let value = rawValue else {
            raw("\n\n")
            indent(2)
            output.append(UInt8(ascii: "]"))
            return
        }
        utf8Bytes(of: value) { utf8 in
            splitParts(utf8)
            while let last = parts.last, last.isEmpty { parts.removeLast() }
            guard !parts.isEmpty else {
                raw("\n\n")
                indent(2)
                output.append(UInt8(ascii: "]"))
                return
            }
            for index in parts.indices {
                element(index, depth: 2)
                part(index, of: utf8)
            }
            closeArray(depth: 2)
        }
    }

    /// Fills ``parts`` with the ranges of the value's parts, as
    /// `TextDecoding.structuredComponents` splits a value.
    private mutating func splitParts(_ bytes: UnsafeBufferPointer<UInt8>) {
        TextDecoding.partRanges(of: bytes, into: &parts)
    }

    /// A stored (escaped) value as the JSON string of its text.
    private mutating func text(_ rawValue: String) {
        output.append(UInt8(ascii: "\""))
        utf8Bytes(of: rawValue) { unescaped($0) }
        output.append(UInt8(ascii: "\""))
    }

    /// The JSON string body of escaped vCard text, unescaped on the way (as
    /// `TextDecoding.unescape`: `\n` and `\N` a line break, any other escaped byte itself, a
    /// backslash at the very end kept).
    private mutating func unescaped(_ value: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < value.count {
            var byte = value[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            output.append(UnsafeBufferPointer(rebasing: value[runStart..<index]))
            index += 1
            if byte == UInt8(ascii: "\\"), index < value.count {
                byte = value[index]
                index += 1
                if byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") { byte = 0x0A }
            }
            runStart = index
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                escape(byte)
            } else {
                output.append(byte)
            }
        }
        output.append(UnsafeBufferPointer(rebasing: value[runStart...]))
    }

    // MARK: Strings

    /// A JSON string (RFC 8259 §7) escaped as JSONEncoder escapes it: `"` and `\` with a
    /// backslash, the control characters that have one as `\b \f \n \r \t`, the others as
    /// `\u00XX`; everything else, `/` and non-ASCII included, as it is. Runs of bytes that
    /// need no escape are copied whole.
    private mutating func string(_ value: String) {
        output.append(UInt8(ascii: "\""))
        utf8Bytes(of: value) { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                escape(byte)
            }
            output.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private mutating func escape(_ byte: UInt8) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            raw("u00")
            output.append(Self.hexDigits.utf8Start[Int(byte >> 4)])
            output.append(Self.hexDigits.utf8Start[Int(byte & 0xF)])
        }
    }
}

/// The string's UTF-8 bytes, read in place: `withUTF8` needs a mutable copy of the string,
/// and the copy costs a retain and a release, several for every property a summary writes.
/// Only a string whose bytes are not stored contiguously (bridged, which the parser never
/// makes) is copied.
@inline(__always)
func utf8Bytes<Result>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = string
    return copy.withUTF8(body)
}
