import FollowUpSupport
import FollowUpPlanning
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ICalendarExport

/// The two calendar files of a plan, as text and where they go.
public struct CalendarFiles: Sendable {
    public var events: String
    public var tasks: String
    public var eventsURL: URL
    public var tasksURL: URL

    /// Renders `plan` with libical. Files are named after the interview
    /// (`2026-12-01-acme-backend-engineer.events.ics` and `.tasks.ics`) inside `directory`.
    ///
    /// `stamp` is when the files are made (RFC 5545's `DTSTAMP`; the CLI honours
    /// `SOURCE_DATE_EPOCH`). When `directory` already holds the files of an earlier plan of this
    /// interview, each entry keeps what it had there if it did not change, byte for byte, and a
    /// changed one gets a higher `SEQUENCE` and the new stamp, so a calendar that imported the
    /// earlier file takes the new version.
    public init(plan: Plan, directory: URL, stamp: Date) throws(FollowUpError) {
        let name = [plan.interview.companyName, plan.interview.role].compactMap { $0 }.joined(separator: ", ")
        let writer = CalendarWriter(stamp: stamp, calendarName: "Follow-ups" + (name.isEmpty ? "" : ": \(name)"))
        eventsURL = directory.appendingPathComponent("\(plan.interview.slug).events.ics")
        tasksURL = directory.appendingPathComponent("\(plan.interview.slug).tasks.ics")
        do {
            events = try Self.render(plan, kind: .events, writer: writer, stamp: stamp, earlier: Self.components(at: eventsURL))
            tasks = try Self.render(plan, kind: .tasks, writer: writer, stamp: stamp, earlier: Self.components(at: tasksURL))
        } catch {
            throw .calendar(error)
        }
    }

    /// One file of the plan, each entry versioned against the `earlier` file's entry of the same UID.
    private static func render(_ plan: Plan, kind: CalendarWriter.Kind, writer: CalendarWriter, stamp: Date,
                               earlier: [String: EarlierComponent]) throws(ICalendarError) -> String {
        func text(_ plan: Plan) throws(ICalendarError) -> String {
            kind == .events ? try writer.events(for: [plan]) : try writer.tasks(for: [plan])
        }
        guard !earlier.isEmpty else { return try text(plan) }
        let suffix = kind == .events ? "-event@followup" : "-task@followup"
        // First as it was: the earlier sequence and stamp. What then reads differently changed.
        var kept = plan
        for index in kept.followUps.indices {
            guard let old = earlier[kept.followUps[index].id + suffix] else { continue }
            kept.followUps[index].sequence = old.sequence
            kept.followUps[index].lastModified = old.stamp
        }
        let again = components(in: try text(kept))
        var versioned = kept
        for index in versioned.followUps.indices {
            let uid = versioned.followUps[index].id + suffix
            guard let old = earlier[uid], again[uid]?.text != old.text else { continue }
            versioned.followUps[index].sequence = old.sequence + 1
            versioned.followUps[index].lastModified = stamp
        }
        return try text(versioned)
    }

    /// An entry of a calendar file written earlier: its text, `SEQUENCE` and `DTSTAMP`.
    struct EarlierComponent {
        var text: String
        var sequence: Int
        var stamp: Date?
    }

    /// The entries of the calendar file at `url` by UID; none when there is no such file.
    static func components(at url: URL) -> [String: EarlierComponent] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        return components(in: text)
    }

    /// Top-level VEVENTs and VTODOs of `text` as this writer writes them (one property a line
    /// once unfolded; `UID`, `SEQUENCE` and `DTSTAMP` are short and never folded).
    static func components(in text: String) -> [String: EarlierComponent] {
        var result: [String: EarlierComponent] = [:]
        var lines: [Substring] = []
        var open: Substring?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if open == nil, line == "BEGIN:VEVENT" || line == "BEGIN:VTODO" { open = line.dropFirst(6); lines = [] }
            guard let kind = open else { continue }
            lines.append(line)
            guard line == "END:" + kind else { continue }
            open = nil
            guard let uid = lines.first(where: { $0.hasPrefix("UID:") })?.dropFirst(4) else { continue }
            let sequence = lines.first(where: { $0.hasPrefix("SEQUENCE:") }).flatMap { Int($0.dropFirst(9)) } ?? 0
            let stamp = lines.first(where: { $0.hasPrefix("DTSTAMP:") }).flatMap { utcStamp(String($0.dropFirst(8))) }
            result[String(uid)] = EarlierComponent(text: lines.joined(separator: "\r\n"), sequence: sequence, stamp: stamp)
        }
        return result
    }

    /// `20261130T093000Z` as a date.
    static func utcStamp(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15) else { return nil }
        return CalendarDay(year: year, month: month, day: day).at(hour: hour, minute: minute, in: .gmt).addingTimeInterval(TimeInterval(second))
    }

    /// Writes both files, creating the directory if needed. Each file is written to a temporary
    /// name and renamed into place only after both are complete, so a failure leaves no partly
    /// written calendar behind.
    public func write() throws(FollowUpError) {
        try AtomicFile.createFolder(eventsURL.deletingLastPathComponent())
        try AtomicFile.replace([(events, eventsURL), (tasks, tasksURL)])
    }
}

/// Write-then-rename, so readers see the old file or the new one, never half of one.
enum AtomicFile {
    /// Creates `folder` and its parents where missing, with `mkdir(2)` one level at a time, so
    /// a failure names the system's reason ("Permission denied", "Not a directory"): Foundation
    /// on Linux reports only "NSCocoaErrorDomain error 512".
    static func createFolder(_ folder: URL) throws(FollowUpError) {
        var path = folder.path.hasPrefix("/") ? "" : "."
        for component in folder.path.split(separator: "/") {
            path += "/" + component
            guard mkdir(path, 0o777) != 0 else { continue }
            let code = errno
            var status = stat()
            if code == EEXIST, stat(path, &status) == 0 {
                if status.st_mode & S_IFMT == S_IFDIR { continue }
                throw .cannotCreateFolder(folder.path, reason: systemErrorMessage(ENOTDIR))
            }
            throw .cannotCreateFolder(folder.path, reason: systemErrorMessage(code))
        }
    }

    /// The system's words for a file-system error: the `errno` message under Foundation's error
    /// where there is one.
    static func systemReason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return systemErrorMessage(Int32(underlying.code))
        }
        if error.domain == NSPOSIXErrorDomain { return systemErrorMessage(Int32(error.code)) }
        return error.localizedDescription
    }

    /// Replaces each file with its new text: all are written and synced first, then renamed
    /// into place; a failure while writing leaves every old file as it was.
    static func replace(_ files: [(text: String, url: URL)]) throws(FollowUpError) {
        do {
            try replaceStreaming(files.map(\.url)) { sinks in
                for (sink, file) in zip(sinks, files) {
                    var text = file.text
                    try text.withUTF8 { try sink.write($0) }
                }
            }
        } catch let error as FollowUpError {
            throw error
        } catch {
            throw .cannotWrite(files.first?.url.path ?? "", reason: systemReason(error))
        }
    }

    /// The files written piece by piece: `render` gets one sink per file, in
    /// order; when it returns, every file is synced and renamed into place. A failure leaves
    /// every old file as it was.
    static func replaceStreaming(_ urls: [URL], render: ([FileSink]) throws -> Void) throws {
        for url in urls { removeAbandonedTemporaries(of: url) }
        var sinks: [FileSink] = []
        do {
            for url in urls { sinks.append(try FileSink(temporaryFor: url)) }
            try render(sinks)
            for sink in sinks { try sink.close() }
        } catch {
            for sink in sinks { sink.abandon() }
            throw error
        }
        for sink in sinks {
            try commit(sink.temporary, to: sink.final)
        }
    }

    /// Temporary files that a killed writer left behind (its process is gone).
    static func removeAbandonedTemporaries(of url: URL) {
        let directory = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(4)
            guard let pid = Int32(middle), pid != ProcessInfo.processInfo.processIdentifier else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    /// The temporary name a file is written under before it is renamed over `url`.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    }

    static func commit(_ temporary: URL, to url: URL) throws(FollowUpError) {
        guard rename(temporary.path, url.path) == 0 else {
            let reason = systemErrorMessage(errno)
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(url.path, reason: reason)
        }
    }
}

/// A temporary file written through a buffer, for `AtomicFile.replaceStreaming`.
final class FileSink {
    let temporary: URL
    let final: URL
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var isOpen = true
    private static let flushSize = 1 << 18

    init(temporaryFor url: URL) throws {
        final = url
        temporary = AtomicFile.temporaryURL(for: url)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FollowUpError.cannotWrite(url.path, reason: "cannot create \(temporary.lastPathComponent) beside it: \(systemErrorMessage(errno))")
        }
        buffer.reserveCapacity(Self.flushSize)
    }

    deinit {
        if isOpen { _ = Self.closeDescriptor(descriptor) }
    }

    /// Small pieces are gathered in the buffer; a piece as large as the buffer goes to the
    /// kernel as it is, without the copy.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try flushCopy()
        bytesWritten += bytes.count
        if buffer.count + bytes.count > Self.flushSize { try flush() }
        if bytes.count >= Self.flushSize {
            try writeAll(UnsafeRawBufferPointer(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Bytes `range` of the open file `source`, copied file to file by the kernel: they never
    /// pass through this process. Ranges that follow each other in the source are copied in
    /// one call.
    func copy(from source: Int32, _ range: Range<Int>) throws {
        bytesWritten += range.count
        if let run = pendingCopy, run.source == source, run.range.upperBound == range.lowerBound {
            pendingCopy = (source, run.range.lowerBound..<range.upperBound)
            return
        }
        try flushCopy()
        try flush()
        pendingCopy = (source, range)
    }

    private var pendingCopy: (source: Int32, range: Range<Int>)?
    /// The file's length so far, copies included.
    private(set) var bytesWritten = 0
    /// How many bytes the kernel has, and from where on it has not been asked to write them
    /// to disk yet.
    private var bytesHandedOver = 0
    private var writebackStart = 0
    /// Bytes are sent to disk in runs of this size while the file is written (a 70 MB feed
    /// was synced 15 ms sooner than with one `fsync` at the end; larger runs gained less).
    private static let writebackSize = 4 << 20

    /// Counts `count` more bytes given to the kernel, and starts writing them back once a
    /// run of them is large enough.
    private func handedOver(_ count: Int) {
        bytesHandedOver += count
        if bytesHandedOver - writebackStart >= Self.writebackSize {
            startWriteback(descriptor, writebackStart..<bytesHandedOver)
            writebackStart = bytesHandedOver
        }
    }

    private func flushCopy() throws {
        guard let run = pendingCopy else { return }
        pendingCopy = nil
        var offset = run.range.lowerBound
        while offset < run.range.upperBound {
            // A run is copied a writeback's worth at a time, for its writing back to start early.
            let count = min(run.range.upperBound - offset, Self.writebackSize)
            let copied = Self.copyDescriptor(from: run.source, at: offset, count: count, to: descriptor)
            guard copied > 0 else {
                let reason = copied == 0 ? "the file it is patched from is shorter than recorded" : systemErrorMessage(errno)
                throw FollowUpError.cannotWrite(final.path, reason: reason)
            }
            offset += copied
            handedOver(copied)
        }
    }

    /// Hands `bytes` to the kernel, all of them, however many `write` calls that takes.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = retryingOnInterrupt { Self.writeDescriptor(descriptor, bytes.baseAddress! + offset, bytes.count - offset) }
            guard written >= 0 else { throw FollowUpError.cannotWrite(final.path, reason: systemErrorMessage(errno)) }
            offset += written
            handedOver(written)
        }
    }

    /// Writes what is buffered, syncs it to disk and closes the file.
    func close() throws {
        try flushCopy()
        try flush()
        guard fsync(descriptor) == 0 else { throw FollowUpError.cannotWrite(final.path, reason: systemErrorMessage(errno)) }
        isOpen = false
        guard Self.closeDescriptor(descriptor) == 0 else { throw FollowUpError.cannotWrite(final.path, reason: systemErrorMessage(errno)) }
    }

    func abandon() {
        if isOpen {
            isOpen = false
            _ = Self.closeDescriptor(descriptor)
        }
        try? FileManager.default.removeItem(at: temporary)
    }

    // The C library's calls by their module, since `close` and `write` here are methods.
    private static func closeDescriptor(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }

    /// Copies up to `count` bytes at `offset` of `source` to the end of `target`; returns how
    /// many, 0 at the end of `source`, -1 with `errno` on failure.
    private static func copyDescriptor(from source: Int32, at offset: Int, count: Int, to target: Int32) -> Int {
        #if canImport(Glibc)
        // Linux copies between files with sendfile(2) since 2.6.33.
        var position = off_t(offset)
        return retryingOnInterrupt { Glibc.sendfile(target, source, &position, count) }
        #else
        var chunk = [UInt8](repeating: 0, count: min(count, 1 << 20))
        let read = chunk.withUnsafeMutableBytes { retryingOnInterrupt { pread(source, $0.baseAddress, $0.count, off_t(offset)) } }
        guard read > 0 else { return read }
        var written = 0
        while written < read {
            let result = chunk.withUnsafeBytes { retryingOnInterrupt { writeDescriptor(target, $0.baseAddress! + written, read - written) } }
            guard result > 0 else { return -1 }
            written += result
        }
        return read
        #endif
    }

    private static func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }
}
