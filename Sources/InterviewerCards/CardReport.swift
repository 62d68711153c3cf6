import FollowUpPlanning
import FollowUpSupport
import Synchronization
import VCardKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Cards as a person checks them after scanning: `followup card`'s report, as text or as the
/// JSON array of ``VCardSummary``, written card by card as the files are read.
///
/// ```swift
/// let failures = CardReport.write(files: ["scans.vcf"], format: .json, to: .standardOutput) { warnings in … }
/// ```
public struct CardReport: Sendable {
    public enum Format: Sendable {
        case text, json
    }

    public let format: Format
    private var json = VCardJSONWriter()
    private var text: [UInt8] = []
    private var textCount = 0
    /// A piece's text report counts the cards before it as one, to write the separator.
    private var textSeparatorOwed = false
    /// The current file's report so far, in blocks of about ``blockSize`` bytes, until the
    /// file has been read whole: set aside as they fill, so that the buffer never grows (and
    /// is never copied) to the size of the file's whole report.
    private var blocks: [[UInt8]] = []
    static let blockSize = 64 * 1024

    public init(format: Format) {
        self.format = format
    }

    /// Reads every file, card by card, and writes the report of its cards to `output` once the
    /// file is read whole; returns the files that could not be read. As before the report was
    /// streamed, a file that fails part-way adds none of its cards, and every other file is
    /// still reported: a user checking a folder of scans wants all that can be read, then
    /// every file that cannot.
    ///
    /// `warn` receives each file's warnings (`file:line: warning: …`) after its cards are read.
    public static func write(
        files: [String], format: Format, to output: OutputFile, warn: ([String]) -> Void
    ) throws(CardFileError) -> [CardFileError] {
        try write(files: files, format: format, to: output, threads: Processors.usable, limits: .init(), warn: warn)
    }

    /// ``write(files:format:to:warn:)`` on `threads` threads, a file cut as `limits` say.
    static func write(
        files: [String], format: Format, to output: OutputFile, threads: Int, limits: VCardReader.ConcurrencyLimits,
        warn: ([String]) -> Void
    ) throws(CardFileError) -> [CardFileError] {
        var report = CardReport(format: format)
        var failures: [CardFileError] = []
        // Into a regular file of its own, pieces of a large file go out as they are read: what
        // a file that turns out to fail wrote is cut off again.
        let rewindable = output.isRewindable
        for file in files {
            try report.flush(to: output)
            let mark = report.mark
            let reading = Reading(file: file, format: format, precededByCards: report.hasCards, threads: threads, limits: limits)
            // Outside the file's own errors: an output that cannot be written ends the command,
            // as a flush that fails does.
            if rewindable, let written = try reading.write(to: output) {
                report.countWrittenElsewhere(written.cards)
                warn(written.warnings)
                continue
            }
            var warnings: [String] = []
            do throws(CardFileError) {
                var reader = try CardFile.open(file)
                if !rewindable, let pieces = reading.pieces() {
                    for piece in pieces {
                        report.append(piece)
                        warnings += piece.warnings
                    }
                } else {
                    do {
                        while let card = try reader.nextCard() {
                            let loaded = LoadedCard(file: file, card: card)
                            warnings += loaded.warningLines
                            report.append(loaded)
                        }
                    } catch {
                        throw .card(error)
                    }
                }
            } catch {
                report.rewind(to: mark)
                failures.append(error)
                warn(warnings)
                continue
            }
            warn(warnings)
            try report.flush(to: output)
        }
        report.finish()
        try report.flush(to: output)
        return failures
    }

    /// The report of one piece of a file, made on a thread of its own.
    struct Piece: Sendable {
        /// The report's bytes, in the blocks it was written in: joined, they cost a copy.
        var blocks: [[UInt8]]
        var cardCount: Int
        var warnings: [String]
    }

    /// A large file's report made piece by piece on several threads, in file order: nil when
    /// the file is small or VCardKit cannot cut it exactly (it is then read in order, which
    /// also finds its error).
    private struct Reading: Sendable {
        let file: String
        let format: Format
        let precededByCards: Bool
        let threads: Int
        let limits: VCardReader.ConcurrencyLimits

        func piece(_ index: Int, _ reader: inout VCardReader) throws(VCardError) -> Piece {
            var report = CardReport(format: format, precededByCards: precededByCards || index > 0)
            var warnings: [String] = []
            while let card = try reader.nextCard() {
                let loaded = LoadedCard(file: file, card: card)
                warnings += loaded.warningLines
                report.append(loaded)
            }
            return Piece(blocks: report.takeBlocks(), cardCount: report.pieceCardCount, warnings: warnings)
        }

        /// Every piece, held until the file is read whole.
        func pieces() -> [Piece]? {
            VCardReader.readConcurrently(contentsOfFile: file, threads: threads, limits: limits, piece)
        }

        /// Writes each piece to `output` as soon as it and those before it are read; the cards
        /// written and the warnings. Nil when the file is not read so, having cut `output`
        /// back to where it was.
        func write(to output: OutputFile) throws(CardFileError) -> (cards: Int, warnings: [String])? {
            guard let start = output.position else { return nil }
            let written = Mutex<(cards: Int, warnings: [String], failure: CardFileError?)>((0, [], nil))
            let done = VCardReader.readConcurrently(contentsOfFile: file, threads: threads, limits: limits, piece) { piece in
                guard written.withLock({ $0.failure == nil }) else { return }
                do throws(CardFileError) {
                    for block in piece.blocks { try output.write(block) }
                    written.withLock {
                        $0.cards += piece.cardCount
                        $0.warnings += piece.warnings
                    }
                } catch {
                    written.withLock { $0.failure = error }
                }
            }
            let result = written.withLock { $0 }
            if let failure = result.failure {
                try? output.cut(at: start)
                throw failure
            }
            guard done else {
                try output.cut(at: start)
                return nil
            }
            return (result.cards, result.warnings)
        }
    }

    /// A report of cards that follow others written elsewhere (when `precededByCards`): it
    /// opens no array, and its first card comes after a separator.
    private init(format: Format, precededByCards: Bool) {
        self.format = format
        json = VCardJSONWriter(continuingAfter: precededByCards ? 1 : 0, reservingCapacity: 1 << 20)
        textCount = precededByCards ? 1 : 0
        textSeparatorOwed = precededByCards
    }

    /// The cards this report wrote itself.
    private var pieceCardCount: Int {
        format == .json ? json.count : textCount - (textSeparatorOwed ? 1 : 0)
    }

    private var hasCards: Bool {
        format == .json ? json.count > 0 : textCount > 0
    }

    /// Counts cards that a piece's report wrote straight to the output.
    private mutating func countWrittenElsewhere(_ cards: Int) {
        switch format {
        case .json: json.countElementsWrittenElsewhere(cards)
        case .text: textCount += cards
        }
    }

    /// Adds a piece's report after what is written so far, without copying its bytes.
    private mutating func append(_ piece: Piece) {
        blocks.append(takeBuffer())
        blocks += piece.blocks
        switch format {
        case .json: json.countElementsWrittenElsewhere(piece.cardCount)
        case .text: textCount += piece.cardCount
        }
    }

    /// The report of `cards` as one string: what ``write(files:format:to:warn:)`` writes.
    public static func text(_ cards: [LoadedCard]) -> String {
        var report = CardReport(format: .text)
        for card in cards { report.append(card) }
        report.finish()
        return String(decoding: report.takeBytes().dropLast(), as: UTF8.self)
    }

    public mutating func append(_ loaded: LoadedCard) {
        switch format {
        case .json:
            json.append(loaded.card)
            if json.byteCount >= Self.blockSize { blocks.append(json.takeBytes()) }
        case .text:
            appendText(loaded)
            if text.count >= Self.blockSize { blocks.append(takeBuffer()) }
        }
    }

    /// Ends the report with its final line break (none for a text report of no cards).
    public mutating func finish() {
        switch format {
        case .json:
            json.finish()
            json.appendLineBreak()
        case .text:
            if textCount > 0 { text.append(UInt8(ascii: "\n")) }
        }
    }

    /// The bytes written since the last call.
    public mutating func takeBytes() -> [UInt8] {
        if !blocks.isEmpty {
            defer { blocks.removeAll() }
            return blocks.joined() + takeBuffer()
        }
        return takeBuffer()
    }

    /// The bytes written since the last call, as blocks.
    private mutating func takeBlocks() -> [[UInt8]] {
        defer { blocks.removeAll() }
        return blocks + [takeBuffer()]
    }

    private mutating func takeBuffer() -> [UInt8] {
        switch format {
        case .json: return json.takeBytes()
        case .text:
            defer { text.removeAll(keepingCapacity: true) }
            return text
        }
    }

    /// Writes the bytes written since the last flush to `output`, straight from the buffer,
    /// which is kept for the next file.
    mutating func flush(to output: OutputFile) throws(CardFileError) {
        for block in blocks { try output.write(block) }
        blocks.removeAll()
        switch format {
        case .json: try json.drainBytes { bytes throws(CardFileError) in try output.write(bytes) }
        case .text:
            try text.withUnsafeBufferPointer { bytes throws(CardFileError) in try output.write(bytes) }
            text.removeAll(keepingCapacity: true)
        }
    }

    /// Where the report stands, to come back to when a file fails; taken only after a flush,
    /// when no blocks are set aside.
    private var mark: (byteCount: Int, cardCount: Int) {
        format == .json ? json.mark : (text.count, textCount)
    }

    private mutating func rewind(to mark: (byteCount: Int, cardCount: Int)) {
        blocks.removeAll()
        switch format {
        case .json: json.rewind(to: mark)
        case .text:
            text.removeSubrange(mark.byteCount...)
            textCount = mark.cardCount
        }
    }

    private mutating func appendText(_ loaded: LoadedCard) {
        let card = loaded.card
        let interviewer = Interviewer(card: card)
        if textCount > 0 { text.append(contentsOf: "\n\n".utf8) }
        textCount += 1
        // The interviewer's name, e-mails and company: what the plan will use, cleaned as it
        // will use them (one line, an address without `mailto:`).
        var lines = ["\(loaded.file):\(card.line): \(interviewer.name)"]
        if let title = card.title { lines.append("  title:     \(title.singleLine)") }
        let company = card.organization.map(\.singleLine).filter { !$0.isEmpty }
        if !company.isEmpty { lines.append("  company:   \(company.joined(separator: ", "))") }
        // Chosen once: each choice looks at every address or number, and a card of 20,000 TEL
        // lines made asking it per line take 36 s (issue 25).
        let preferredEmail = interviewer.preferredEmail
        let preferredPhone = interviewer.preferredPhone
        for email in interviewer.emails {
            let mark = email.value == preferredEmail ? " (used for e-mail)" : ""
            lines.append("  e-mail:    \(email.value)\(Self.describe(email.types))\(mark)")
        }
        if interviewer.emails.isEmpty { lines.append("  e-mail:    none (no thank-you e-mail can be planned)") }
        for phone in card.phones {
            // The plan calls the number as it reads it (a vCard 4.0 `tel:` URI without its scheme).
            let mark = Interviewer.phoneNumber(phone.value) == preferredPhone ? " (used for calls)" : ""
            lines.append("  phone:     \(phone.value)\(Self.describe(phone.types))\(mark)")
        }
        if let zone = card.timeZoneText {
            lines.append("  time zone: \(zone)\(card.timeZone == nil ? " (not understood; the interview's zone is used)" : "")")
        }
        lines.append("  vCard:     \(card.version ?? "no VERSION (read as 2.1)")")
        for (index, line) in lines.enumerated() {
            if index > 0 { text.append(UInt8(ascii: "\n")) }
            text.append(contentsOf: line.utf8)
        }
    }

    private static func describe(_ types: [String]) -> String {
        types.isEmpty ? "" : " [\(types.joined(separator: ", "))]"
    }
}

/// An open file descriptor written to without a buffer of its own: the caller hands it large
/// pieces. Standard output by default.
public struct OutputFile: Sendable {
    public let descriptor: Int32
    /// What the path or stream is called in an error message.
    public let name: String

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    public static let standardOutput = OutputFile(descriptor: 1, name: "standard output")

    /// Whether what is written can be cut off again: a regular file (not a pipe or a
    /// terminal) that standard error does not also write to, where cut-off text would leave
    /// its messages out of place.
    var isRewindable: Bool {
        var status = stat()
        var errors = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, position != nil else { return false }
        return fstat(2, &errors) != 0 || errors.st_dev != status.st_dev || errors.st_ino != status.st_ino
    }

    /// Where the next write goes; nil when the file has no position.
    var position: off_t? {
        let offset = lseek(descriptor, 0, SEEK_CUR)
        return offset >= 0 ? offset : nil
    }

    /// Cuts the file back to `offset` and writes on from there.
    func cut(at offset: off_t) throws(CardFileError) {
        guard ftruncate(descriptor, offset) == 0, lseek(descriptor, offset, SEEK_SET) == offset else {
            throw .output(name, reason: systemErrorMessage(errno))
        }
    }

    /// Writes all of `bytes`, however many calls that takes.
    public func write(_ bytes: [UInt8]) throws(CardFileError) {
        try bytes.withUnsafeBufferPointer { buffer throws(CardFileError) in try write(buffer) }
    }

    /// Writes all of `bytes`, however many calls that takes.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CardFileError) {
        var written = 0
        while written < bytes.count {
            let count = retryingOnInterrupt { systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written) }
            guard count > 0 else {
                throw .output(name, reason: systemErrorMessage(errno))
            }
            written += count
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#else
private let systemWrite = Darwin.write
#endif
