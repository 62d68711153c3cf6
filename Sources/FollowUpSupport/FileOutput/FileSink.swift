import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary file written through a buffer, for `AtomicFile.replaceStreaming`.
package final class FileSink {
    package let temporary: URL
    package let final: URL
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var isOpen = true
    private static let flushSize = 1 << 18

    package init(temporaryFor url: URL) throws(FileError) {
        final = url
        temporary = AtomicFile.temporaryURL(for: url)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw FileError(.write, url.path, reason: "cannot create \(temporary.lastPathComponent) beside it: \(systemErrorMessage(errno))")
        }
        buffer.reserveCapacity(Self.flushSize)
    }

    deinit {
        if isOpen { _ = Self.closeDescriptor(descriptor) }
    }

    /// Small pieces are gathered in the buffer; a piece as large as the buffer goes to the
    /// kernel as it is, without the copy.
    package func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileError) {
        try flushCopy()
        bytesWritten += bytes.count
        if buffer.count + bytes.count > Self.flushSize { try flush() }
        if bytes.count >= Self.flushSize {
            try writeAll(UnsafeRawBufferPointer(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private func flush() throws(FileError) {
        let failure: FileError? = buffer.withUnsafeBytes { bytes in
            do throws(FileError) { try writeAll(bytes) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Bytes `range` of the open file `source`, copied file to file by the kernel: they never
    /// pass through this process. Ranges that follow each other in the source are copied in
    /// one call.
    package func copy(from source: Int32, _ range: Range<Int>) throws(FileError) {
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
    package private(set) var bytesWritten = 0
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

    private func flushCopy() throws(FileError) {
        guard let run = pendingCopy else { return }
        pendingCopy = nil
        var offset = run.range.lowerBound
        while offset < run.range.upperBound {
            // A run is copied a writeback's worth at a time, for its writing back to start early.
            let count = min(run.range.upperBound - offset, Self.writebackSize)
            let copied = Self.copyDescriptor(from: run.source, at: offset, count: count, to: descriptor)
            guard copied > 0 else {
                let reason = copied == 0 ? "the file it is patched from is shorter than recorded" : systemErrorMessage(errno)
                throw FileError(.write, final.path, reason: reason)
            }
            offset += copied
            handedOver(copied)
        }
    }

    /// Hands `bytes` to the kernel, all of them, however many `write` calls that takes.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let written = retryingOnInterrupt { Self.writeDescriptor(descriptor, bytes.baseAddress! + offset, bytes.count - offset) }
            guard written >= 0 else { throw FileError(.write, final.path, reason: systemErrorMessage(errno)) }
            offset += written
            handedOver(written)
        }
    }

    /// Writes what is buffered, syncs it to disk and closes the file.
    package func close() throws(FileError) {
        try flushCopy()
        try flush()
        guard fsync(descriptor) == 0 else { throw FileError(.write, final.path, reason: systemErrorMessage(errno)) }
        isOpen = false
        guard Self.closeDescriptor(descriptor) == 0 else { throw FileError(.write, final.path, reason: systemErrorMessage(errno)) }
    }

    package func abandon() {
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
