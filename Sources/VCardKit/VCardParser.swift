/// Reads vCard 2.1, 3.0 and 4.0 files as phones, scanners, Outlook and address books write them.
///
/// Lenient where the world is sloppy: LF-only lines, a byte-order mark, quoted-printable soft
/// breaks, undeclared Windows-1252 text, stray lines and empty parameters are repaired and
/// reported as warnings on the card. Strict where guessing would lose data: a file with no card
/// in it, or a card cut off before `END:VCARD`, is a `VCardError` naming the line.
///
/// ```swift
/// let cards = try VCardParser().parse(bytes, file: "dana.vcf")
/// print(cards[0].displayName)
/// ```
public struct VCardParser: Sendable {
    public struct Options: Sendable {
        /// Return a card that the file cuts off before `END:VCARD`, with a warning, instead of
        /// failing. Off by default: a truncated card may have lost the very e-mail it needed.
        public var recoversTruncatedCards: Bool

        public init(recoversTruncatedCards: Bool = false) {
            self.recoversTruncatedCards = recoversTruncatedCards
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Every card in `bytes`, in file order.
    public func parse(_ bytes: [UInt8], file: String? = nil) throws(VCardError) -> [VCard] {
        var reader = VCardReader(bytes: bytes, file: file, options: options)
        var cards: [VCard] = []
        while let card = try reader.nextCard() {
            cards.append(card)
        }
        return cards
    }

    /// Convenience for text already in memory.
    public func parse(_ text: String, file: String? = nil) throws(VCardError) -> [VCard] {
        try parse(Array(text.utf8), file: file)
    }
}

/// Hands out the cards of a file one at a time, so a large export is never held as cards all
/// at once.
public struct VCardReader: Sendable {
    private var lines: LogicalLineReader
    private let file: String?
    private let options: VCardParser.Options
    private var cardsRead = 0
    /// Lines before any `BEGIN:VCARD` that look like properties: eds' test files show cards whose
    /// `BEGIN` line was lost. They become a card if an `END:VCARD` follows.
    private var orphanProperties: [VCardProperty] = []
    private var orphanStart: Int?
    private var orphanWarnings: [VCardWarning] = []
    private var firstStrayLine: (line: Int, text: String)?
    private var pendingWarnings: [VCardWarning] = []
    /// A card whose END was missing when the next BEGIN arrived: it is returned first.
    private var pendingBegin: Int?

    public init(bytes: [UInt8], file: String? = nil, options: VCardParser.Options = .init()) {
        self.file = file
        self.options = options
        self.lines = LogicalLineReader(bytes: Self.utf8Bytes(bytes))
    }

    /// The next card, nil at the end of the file.
    public mutating func nextCard() throws(VCardError) -> VCard? {
        if let begin = pendingBegin {
            pendingBegin = nil
            return try readCard(startingAt: begin)
        }
        while let line = lines.next() {
            if line.bytes.allSatisfy(isBlank) { continue }
            if matchesMarker(line.bytes, "BEGIN", "VCARD") {
                noteLooseMarker(line, "BEGIN:VCARD")
                return try readCard(startingAt: line.line)
            }
            if matchesMarker(line.bytes, "END", "VCARD"), !orphanProperties.isEmpty, let start = orphanStart {
                // A card whose BEGIN line is missing: the properties are all there, so keep them.
                var card = makeCard(orphanProperties, line: start)
                card.warnings = [VCardWarning(line: start, message: "card has no BEGIN:VCARD; read the properties up to END:VCARD on line \(line.line)")]
                    + orphanWarnings + completenessWarnings(card)
                orphanWarnings = []
                orphanProperties = []
                orphanStart = nil
                pendingWarnings = []
                cardsRead += 1
                return card
            }
            if let parsed = ContentLine.parse(line) {
                if orphanStart == nil { orphanStart = line.line }
                orphanProperties.append(parsed.property)
                orphanWarnings += parsed.warnings
            }
            if firstStrayLine == nil {
                firstStrayLine = (line.line, String(decoding: line.bytes.prefix(40), as: UTF8.self))
            }
            pendingWarnings.append(VCardWarning(line: line.line, message: "text outside BEGIN:VCARD ... END:VCARD skipped"))
        }
        if cardsRead == 0 {
            if let stray = firstStrayLine {
                throw VCardError(.notAVCard, file: file, line: stray.line,
                                 message: "not a vCard: expected 'BEGIN:VCARD', found '\(stray.text)'")
            }
            throw VCardError(.notAVCard, file: file, line: 1, message: "not a vCard: the file holds no BEGIN:VCARD")
        }
        return nil
    }

    private mutating func readCard(startingAt begin: Int) throws(VCardError) -> VCard {
        var properties: [VCardProperty] = []
        var warnings = pendingWarnings
        pendingWarnings = []
        var lastLine = begin
        while let line = lines.next() {
            lastLine = line.lastPhysicalLine
            if line.bytes.allSatisfy(isBlank) { continue }
            if matchesMarker(line.bytes, "END", "VCARD") {
                noteLooseMarker(line, "END:VCARD")
                warnings += pendingWarnings
                pendingWarnings = []
                cardsRead += 1
                var card = makeCard(properties, line: begin)
                card.warnings = warnings + completenessWarnings(card)
                return card
            }
            if matchesMarker(line.bytes, "BEGIN", "VCARD") {
                if let last = properties.last, last.name == "AGENT", last.rawValue.isEmpty {
                    // vCard 2.1 embeds an AGENT's card as plain lines after `AGENT:`.
                    properties[properties.count - 1].rawValue = readEmbeddedCard(firstLine: line)
                    continue
                }
                warnings.append(VCardWarning(line: line.line, message: "card starting on line \(begin) has no END:VCARD before the next BEGIN:VCARD"))
                pendingBegin = line.line
                cardsRead += 1
                var card = makeCard(properties, line: begin)
                card.warnings = warnings + completenessWarnings(card)
                return card
            }
            guard let parsed = ContentLine.parse(line) else {
                let shown = String(decoding: line.bytes.prefix(40), as: UTF8.self)
                warnings.append(VCardWarning(line: line.line, message: "not a property, skipped: '\(shown)'"))
                continue
            }
            properties.append(parsed.property)
            warnings += parsed.warnings
        }
        let message = "the card that starts on line \(begin) has no END:VCARD: the file ends on line \(lastLine) (truncated?)"
        guard options.recoversTruncatedCards else {
            throw VCardError(.truncated, file: file, line: lastLine, message: message)
        }
        warnings.append(VCardWarning(line: lastLine, message: message))
        cardsRead += 1
        var card = makeCard(properties, line: begin)
        card.warnings = warnings + completenessWarnings(card)
        return card
    }

    /// Collects an embedded vCard 2.1 AGENT block, BEGIN to its matching END, as one value.
    private mutating func readEmbeddedCard(firstLine: LogicalLine) -> String {
        var text = String(decoding: firstLine.bytes, as: UTF8.self)
        var depth = 1
        while depth > 0, let line = lines.next() {
            if matchesMarker(line.bytes, "BEGIN", "VCARD") { depth += 1 }
            if matchesMarker(line.bytes, "END", "VCARD") { depth -= 1 }
            text += "\n" + String(decoding: line.bytes, as: UTF8.self)
        }
        return text
    }

    /// Records white space around `BEGIN:VCARD`/`END:VCARD`, which is read past.
    private mutating func noteLooseMarker(_ line: LogicalLine, _ marker: String) {
        if line.bytes.count != marker.utf8.count {
            pendingWarnings.append(VCardWarning(line: line.line, message: "white space around \(marker) ignored"))
        }
    }

    private func makeCard(_ properties: [VCardProperty], line: Int) -> VCard {
        var card = VCard(properties: properties, line: line)
        card.version = properties.first { $0.name == "VERSION" }?.rawValue.trimmingWhitespace()
        return card
    }

    /// Warnings about what the card lacks, added once the card is complete.
    private func completenessWarnings(_ card: VCard) -> [VCardWarning] {
        var warnings: [VCardWarning] = []
        if card.version == nil {
            warnings.append(VCardWarning(line: card.line, message: "card has no VERSION; read as vCard 2.1"))
        }
        if card.formattedName == nil, card.version != "2.1" {
            warnings.append(VCardWarning(line: card.line, property: "FN", message: "card has no FN; shown as '\(card.displayName)'"))
        }
        return warnings
    }

    /// Turns UTF-16 files (with a byte-order mark) into UTF-8 and drops a UTF-8 BOM; everything
    /// else stays bytes, decoded value by value according to its CHARSET.
    static func utf8Bytes(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        let littleEndian = bytes.starts(with: [0xFF, 0xFE])
        let bigEndian = bytes.starts(with: [0xFE, 0xFF])
        guard littleEndian || bigEndian else { return bytes }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}

@inline(__always)
func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}

/// True when `line` is `KEY:VALUE` (case-insensitive, white space around the value allowed, as
/// some writers leave a trailing space after `BEGIN:VCARD`).
func matchesMarker(_ line: ArraySlice<UInt8>, _ key: StaticString, _ value: StaticString) -> Bool {
    var index = line.startIndex
    func match(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard line.endIndex - index >= count else { return false }
        let pointer = word.utf8Start
        for offset in 0..<count where line[index + offset] | 0x20 != pointer[offset] | 0x20 {
            return false
        }
        index += count
        return true
    }
    while index < line.endIndex, isBlank(line[index]) { index += 1 }
    guard match(key) else { return false }
    while index < line.endIndex, isBlank(line[index]) { index += 1 }
    guard index < line.endIndex, line[index] == UInt8(ascii: ":") else { return false }
    index += 1
    while index < line.endIndex, isBlank(line[index]) { index += 1 }
    guard match(value) else { return false }
    while index < line.endIndex, isBlank(line[index]) { index += 1 }
    return index == line.endIndex
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
