import FollowUpSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
///
/// `parse` returns every card at once; to read a large export card by card in bounded memory,
/// use a `VCardReader` over the file.
public struct VCardParser: Sendable {
    public struct Options: Sendable {
        /// Return a card that the file cuts off before `END:VCARD`, with a warning, instead of
        /// failing. Off by default: a truncated card may have lost the very e-mail it needed.
        public var recoversTruncatedCards: Bool
        /// The most bytes one card (and so one line) may take, 64 MiB unless set. A longer one is
        /// a `.tooLarge` error rather than memory spent on something that is not a business card.
        public var maximumCardLength: Int

        public init(recoversTruncatedCards: Bool = false, maximumCardLength: Int = 64 << 20) {
            self.recoversTruncatedCards = recoversTruncatedCards
            self.maximumCardLength = maximumCardLength
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Every card in `bytes`, in file order.
    public func parse(_ bytes: [UInt8], file: String? = nil) throws(VCardError) -> [VCard] {
        var reader = VCardReader(bytes: bytes, file: file, options: options)
        return try reader.readAll()
    }

    /// Convenience for text already in memory.
    public func parse(_ text: String, file: String? = nil) throws(VCardError) -> [VCard] {
        try parse(Array(text.utf8), file: file)
    }

    /// Every card in the file at `path`, read in chunks (the file is never held whole, but the
    /// cards are: use a `VCardReader` to see them one at a time). Messages name `file`, or the
    /// path when it is nil.
    public func parse(contentsOfFile path: String, file: String? = nil) throws(VCardError) -> [VCard] {
        var reader = try VCardReader(contentsOfFile: path, file: file, options: options)
        return try reader.readAll()
    }
}

/// Hands out the cards of a file one at a time, so a large export is never held as cards all
/// at once. Over a file, it reads the bytes in chunks too: memory stays at one card and one
/// buffer, however large the file.
///
/// ```swift
/// var reader = try VCardReader(contentsOfFile: "export.vcf")
/// while let card = try reader.nextCard() {
///     print(card.displayName)
/// }
/// ```
///
/// A reader over a file descriptor is a cursor: copies of it share the descriptor's position.
public struct VCardReader: Sendable {
    private var lines: LogicalLineReader
    private let file: String?
    private let options: VCardParser.Options
    private var cardsRead = 0
    /// Lines before any `BEGIN:VCARD` that look like properties: eds' test files show cards whose
    /// `BEGIN` line was lost. They become a card if an `END:VCARD` follows.
    private var orphanProperties: [VCardProperty] = []
    private var orphanBytes = 0
    private var orphanStart: Int?
    private var orphanWarnings: [VCardWarning] = []
    private var firstStrayLine: (line: Int, text: String)?
    /// Consecutive lines outside any card, told as one warning.
    private var strayRun: (first: Int, last: Int, text: String)?
    private var pendingWarnings: [VCardWarning] = []
    /// A card whose END was missing when the next BEGIN arrived: it is returned first.
    private var pendingBegin: Int?
    /// How many properties the last card had, to size the next card's array once.
    private var typicalPropertyCount = 16
    /// Scratch space for decoding values, reused from property to property.
    private var scratch = ContentLine.Scratch()
    /// Whether ``nextCard()`` has returned nil.
    private(set) var reachedEnd = false

    /// Whether the reader has read to the end and holds nothing for a card that might follow:
    /// no stray lines or warnings waiting for the next card, no properties of a card whose
    /// BEGIN was lost. A reader of the bytes that follow then reads them as this reader
    /// would have, had the bytes been its own.
    var endedBetweenCards: Bool {
        reachedEnd && pendingBegin == nil && pendingWarnings.isEmpty && strayRun == nil && orphanProperties.isEmpty
    }

    /// Reads bytes already in memory.
    public init(bytes: [UInt8], file: String? = nil, options: VCardParser.Options = .init()) {
        self.init(bytes: bytes, file: file, options: options, firstLine: 1)
    }

    /// Reads bytes already in memory that start on physical line `firstLine` of `file`.
    init(bytes: [UInt8], file: String?, options: VCardParser.Options, firstLine: Int) {
        self.file = file
        self.options = options
        self.lines = LogicalLineReader(bytes: bytes, file: file, maximumLineLength: options.maximumCardLength,
                                       firstLine: firstLine)
    }

    /// Opens the file at `path` and reads it in chunks of `bufferSize` bytes. Messages name
    /// `file`, or the path when it is nil.
    public init(contentsOfFile path: String, file: String? = nil, options: VCardParser.Options = .init(),
                bufferSize: Int = 256 << 10) throws(VCardError) {
        let name = file ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw VCardError(.unreadable, file: name, line: 0, message: "cannot open: \(systemErrorMessage(errno).lowercased())")
        }
        self.init(fileDescriptor: descriptor, closesWhenDone: true, file: name, options: options, bufferSize: bufferSize)
    }

    /// Reads an open file descriptor (a file, a pipe, standard input) in chunks of `bufferSize`
    /// bytes, from where it stands. With `closesWhenDone`, the descriptor is closed when the
    /// reader (and every copy of it) is gone.
    public init(fileDescriptor: Int32, closesWhenDone: Bool = false, file: String? = nil,
                options: VCardParser.Options = .init(), bufferSize: Int = 256 << 10) {
        let owner = FileDescriptorOwner(descriptor: fileDescriptor, closesWhenDone: closesWhenDone)
        self.init(source: FileDescriptorSource(file: owner), file: file, options: options, bufferSize: bufferSize)
    }

    init(source: any ByteSource, file: String?, options: VCardParser.Options, bufferSize: Int) {
        self.file = file
        self.options = options
        self.lines = LogicalLineReader(source: source, bufferSize: bufferSize, file: file,
                                       maximumLineLength: options.maximumCardLength)
    }

    /// The most bytes the reader's buffer held so far: what reading the file costs in memory,
    /// cards aside.
    public var bufferHighWaterMark: Int { lines.bufferHighWaterMark }

    /// Every card left, in file order.
    public mutating func readAll() throws(VCardError) -> [VCard] {
        var cards: [VCard] = []
        while let card = try nextCard() {
            cards.append(card)
        }
        return cards
    }

    /// The next card, nil at the end of the file.
    public mutating func nextCard() throws(VCardError) -> VCard? {
        if let begin = pendingBegin {
            pendingBegin = nil
            return try readCard(startingAt: begin)
        }
        while var line = try lines.next() {
            if line.line == 1, let note = lines.encodingNote {
                pendingWarnings.append(VCardWarning(line: 1, message: note))
            }
            if line.bytes.allSatisfy(isBlank) { continue }
            dropByteOrderMark(&line)
            if matchesMarker(line.bytes, "BEGIN", "VCARD") {
                flushStrayRun()
                noteLooseMarker(line, "BEGIN")
                return try readCard(startingAt: line.line)
            }
            if matchesMarker(line.bytes, "END", "VCARD") {
                if !orphanProperties.isEmpty, let start = orphanStart {
                    // A card whose BEGIN line is missing: the properties are all there, so keep them.
                    var card = makeCard(orphanProperties, line: start)
                    card.warnings = [VCardWarning(line: start, property: "BEGIN",
                                                  message: "card has no BEGIN:VCARD; read the properties up to END:VCARD on line \(line.line)")]
                        + orphanWarnings + completenessWarnings(card)
                    orphanWarnings = []
                    orphanProperties = []
                    orphanBytes = 0
                    orphanStart = nil
                    strayRun = nil
                    pendingWarnings = []
                    cardsRead += 1
                    return card
                }
                // An END with nothing before it (a doubled END:VCARD) is only a stray line.
            } else {
                if orphanBytes + line.bytes.count > options.maximumCardLength {
                    // Too much for a card that lost its BEGIN: stray text, start over from here.
                    orphanProperties = []
                    orphanWarnings = []
                    orphanStart = nil
                    orphanBytes = 0
                }
                if ContentLine.parse(line, into: &orphanProperties, scratch: &scratch, warnings: &orphanWarnings) {
                    orphanBytes += line.bytes.count
                    if orphanStart == nil { orphanStart = line.line }
                }
            }
            let text = Excerpt.of(line.bytes)
            if firstStrayLine == nil { firstStrayLine = (line.line, text) }
            if let run = strayRun, run.last >= line.line - 1 {
                strayRun = (run.first, line.lastPhysicalLine, run.text)
            } else {
                flushStrayRun()
                strayRun = (line.line, line.lastPhysicalLine, text)
            }
        }
        if cardsRead == 0 {
            if let stray = firstStrayLine {
                throw VCardError(.notAVCard, file: file, line: stray.line,
                                 message: "not a vCard: expected 'BEGIN:VCARD', found '\(stray.text)'")
            }
            throw VCardError(.notAVCard, file: file, line: 1, message: "not a vCard: the file holds no BEGIN:VCARD")
        }
        reachedEnd = true
        return nil
    }

    /// Tells the lines skipped outside any card, once per run of them.
    private mutating func flushStrayRun() {
        guard let run = strayRun else { return }
        strayRun = nil
        let lines = run.first == run.last ? "" : " (lines \(run.first)-\(run.last))"
        pendingWarnings.append(VCardWarning(line: run.first, message: "text outside BEGIN:VCARD ... END:VCARD skipped\(lines): '\(run.text)'"))
    }

    /// A UTF-8 byte-order mark at the start of a line: files joined with `cat` carry one at the
    /// start of each. It is read past, with a warning.
    private mutating func dropByteOrderMark(_ line: inout LogicalLine) {
        guard line.bytes.first == 0xEF, line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return }
        line.bytes = line.bytes.dropFirst(3)
        pendingWarnings.append(VCardWarning(line: line.line, message: "byte-order mark inside the file ignored"))
    }

    private mutating func readCard(startingAt begin: Int) throws(VCardError) -> VCard {
        scratch.cardCharset = nil
        scratch.undeclared.removeAll()
        var properties: [VCardProperty] = []
        properties.reserveCapacity(typicalPropertyCount)
        var warnings = pendingWarnings
        pendingWarnings = []
        var lastLine = begin
        var cardBytes = 0
        while var line = try lines.next() {
            lastLine = line.lastPhysicalLine
            cardBytes += line.bytes.count
            if cardBytes > options.maximumCardLength {
                throw VCardError(.tooLarge, file: file, line: line.line,
                                 message: "the card that starts on line \(begin) is longer than \(options.maximumCardLength) bytes: "
                                     + "not a business card")
            }
            guard let first = line.bytes.first else { continue }
            if isBlank(first), line.bytes.allSatisfy(isBlank) { continue }
            if first == 0xEF { dropByteOrderMark(&line) }
            // Most lines are properties: look for the markers only where one could start.
            let lead = first | 0x20
            let mayBeMarker = lead == UInt8(ascii: "e") || lead == UInt8(ascii: "b") || isBlank(first) || first == 0xEF
            if mayBeMarker, matchesMarker(line.bytes, "END", "VCARD") {
                noteLooseMarker(line, "END")
                warnings += pendingWarnings
                pendingWarnings = []
                return finishCard(properties, line: begin, warnings: warnings)
            }
            if mayBeMarker, matchesMarker(line.bytes, "BEGIN", "VCARD") {
                if let last = properties.last, last.name == "AGENT", last.rawValue.isEmpty {
                    // vCard 2.1 embeds an AGENT's card as plain lines after `AGENT:`.
                    let agentLine = line.line
                    let text = String(decoding: line.bytes, as: UTF8.self)
                    properties[properties.count - 1].rawValue = try readEmbeddedCard(firstLine: text, startingAt: agentLine, size: &cardBytes)
                    continue
                }
                warnings.append(VCardWarning(line: line.line, property: "END",
                                             message: "card starting on line \(begin) has no END:VCARD before the next BEGIN:VCARD; ended it there"))
                pendingBegin = line.line
                return finishCard(properties, line: begin, warnings: warnings)
            }
            guard ContentLine.parse(line, into: &properties, scratch: &scratch, warnings: &warnings) else {
                if let last = properties.indices.last, properties[last].continuesAsBase64(line.bytes) {
                    // vCard 2.1 writers (Outlook 2010 among them) leave a photo's base64 lines
                    // unindented, ended by a blank line: they belong to the photo.
                    properties[last].rawValue += String(decoding: line.bytes.filter { !isBlank($0) }, as: UTF8.self)
                    continue
                }
                let shown = Excerpt.of(line.bytes)
                warnings.append(VCardWarning(line: line.line, message: "not a property, skipped: '\(shown)'"))
                continue
            }
        }
        let message = "the card that starts on line \(begin) has no END:VCARD: the file ends on line \(lastLine) (truncated?)"
        guard options.recoversTruncatedCards else {
            throw VCardError(.truncated, file: file, line: lastLine, message: message)
        }
        warnings.append(VCardWarning(line: lastLine, property: "END", message: message + "; kept the \(properties.count) properties read"))
        return finishCard(properties, line: begin, warnings: warnings)
    }

    private mutating func finishCard(_ properties: [VCardProperty], line: Int, warnings: [VCardWarning]) -> VCard {
        var properties = properties
        var warnings = warnings
        ContentLine.redecodeUndeclared(&properties, warnings: &warnings, scratch: &scratch)
        cardsRead += 1
        typicalPropertyCount = max(8, properties.count)
        var card = makeCard(properties, line: line)
        let missing = completenessWarnings(card)
        card.warnings = missing.isEmpty ? warnings : warnings + missing
        return card
    }

    /// Collects an embedded vCard 2.1 AGENT block, BEGIN to its matching END, as one value,
    /// escaped as a vCard 3.0 AGENT value is, so that `text` gives the embedded card either way.
    private mutating func readEmbeddedCard(firstLine: String, startingAt start: Int, size: inout Int) throws(VCardError) -> String {
        var text = firstLine
        var depth = 1
        while depth > 0, let line = try lines.next() {
            size += line.bytes.count
            if size > options.maximumCardLength {
                throw VCardError(.tooLarge, file: file, line: line.line,
                                 message: "the AGENT card that starts on line \(start) is longer than \(options.maximumCardLength) bytes")
            }
            if matchesMarker(line.bytes, "BEGIN", "VCARD") { depth += 1 }
            if matchesMarker(line.bytes, "END", "VCARD") { depth -= 1 }
            text += "\n"
            text += String(decoding: line.bytes, as: UTF8.self)
        }
        return TextDecoding.escape(text)
    }

    /// Records white space around `BEGIN:VCARD`/`END:VCARD`, which is read past.
    private mutating func noteLooseMarker(_ line: LogicalLine, _ marker: String) {
        if line.bytes.count != marker.utf8.count + 6 {
            pendingWarnings.append(VCardWarning(line: line.line, property: marker, message: "white space around \(marker):VCARD ignored"))
        }
    }

    private func makeCard(_ properties: [VCardProperty], line: Int) -> VCard {
        var card = VCard(properties: properties, line: line)
        if let index = properties.firstIndex(where: { $0.name == "VERSION" }) {
            card.version = properties[index].rawValue.trimmingWhitespace()
        }
        return card
    }

    /// Warnings about what the card lacks, added once the card is complete.
    private func completenessWarnings(_ card: VCard) -> [VCardWarning] {
        var warnings: [VCardWarning] = []
        if card.version == nil {
            warnings.append(VCardWarning(line: card.line, property: "VERSION", message: "card has no VERSION; read as vCard 2.1"))
        }
        // An FN whose raw value is not empty has text: unescaping never empties a value.
        let hasName = card.properties.firstIndex { $0.name == "FN" }.map { !card.properties[$0].rawValue.isEmpty } ?? false
        if !hasName, card.version != "2.1" {
            warnings.append(VCardWarning(line: card.line, property: "FN", message: "card has no FN; shown as '\(card.displayName)'"))
        }
        return warnings
    }
}

@inline(__always)
func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}

/// True when `line` is `KEY:VALUE` (case-insensitive, white space around the value allowed, as
/// some writers leave a trailing space after `BEGIN:VCARD`).
func matchesMarker(_ line: ArraySlice<UInt8>, _ key: StaticString, _ value: StaticString) -> Bool {
    line.withUnsafeBufferPointer { matchesMarker($0, key, value) }
}

func matchesMarker(_ line: UnsafeBufferPointer<UInt8>, _ key: StaticString, _ value: StaticString) -> Bool {
    var index = 0
    func skipBlanks() {
        while index < line.count, isBlank(line[index]) { index += 1 }
    }
    func match(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard line.count - index >= count else { return false }
        let pattern = word.utf8Start
        for offset in 0..<count where line[index + offset] | 0x20 != pattern[offset] | 0x20 {
            return false
        }
        index += count
        return true
    }
    skipBlanks()
    guard match(key) else { return false }
    skipBlanks()
    guard index < line.count, line[index] == UInt8(ascii: ":") else { return false }
    index += 1
    skipBlanks()
    guard match(value) else { return false }
    skipBlanks()
    return index == line.count
}

extension String {
    func trimmingWhitespace() -> String {
        if let first = utf8.first, let last = utf8.last,
           first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(self)
        }
        // Control characters go too: a C string's NUL terminator or a stray line break that a
        // writer left at the end of a name or an address is never part of it.
        let scalars = unicodeScalars
        let isPadding = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F }
        guard let first = scalars.firstIndex(where: { !isPadding($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isPadding($0) })!
        return String(scalars[first...last])
    }
}
