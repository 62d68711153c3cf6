import FollowUpSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a `VCardReader` gets its bytes when they are not all in memory: a file read in chunks.
protocol ByteSource: Sendable {
    /// Fills the start of `buffer` and says how many bytes it wrote; 0 means the end.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int
}

/// A read that failed, with the system's reason.
struct ByteSourceError: Error {
    var message: String
}

/// An open file descriptor, closed once when the last reader that uses it goes away.
final class FileDescriptorOwner: Sendable {
    let descriptor: Int32
    private let closesWhenDone: Bool

    init(descriptor: Int32, closesWhenDone: Bool) {
        self.descriptor = descriptor
        self.closesWhenDone = closesWhenDone
    }

    deinit {
        if closesWhenDone { _ = close(descriptor) }
    }
}

/// Reads a file descriptor with `read(2)`, straight into the line reader's buffer.
struct FileDescriptorSource: ByteSource {
    let file: FileDescriptorOwner

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = retryingOnInterrupt {
            #if canImport(Glibc)
            Glibc.read(file.descriptor, base, buffer.count)
            #elseif canImport(Musl)
            Musl.read(file.descriptor, base, buffer.count)
            #else
            Darwin.read(file.descriptor, base, buffer.count)
            #endif
        }
        guard count >= 0 else { throw ByteSourceError(message: systemErrorMessage(errno)) }
        return count
    }
}

/// Turns a UTF-16 stream (its byte-order mark already read) into UTF-8 as it is read, so that
/// the rest of the parser sees one encoding. A code unit or surrogate pair split between two
/// reads is carried over; an unpaired surrogate or a stray last byte becomes U+FFFD.
struct UTF16Source: ByteSource {
    private var base: any ByteSource
    private var decoder: UTF16Transcoder
    private var raw: [UInt8]
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var finished = false

    /// `alreadyRead` holds bytes of the stream that were read (while looking for the
    /// byte-order mark) before this source took over.
    init(base: any ByteSource, bigEndian: Bool, alreadyRead: ArraySlice<UInt8>, chunkSize: Int) {
        self.base = base
        self.decoder = UTF16Transcoder(bigEndian: bigEndian)
        self.raw = [UInt8](repeating: 0, count: max(2, chunkSize))
        decoder.transcode(alreadyRead, into: &pending)
    }

    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int {
        while pendingStart == pending.count {
            if finished { return 0 }
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
            let count = try raw.withUnsafeMutableBufferPointer { (raw) throws(ByteSourceError) -> Int in
                try base.read(into: raw)
            }
            if count == 0 {
                decoder.finish(into: &pending)
                finished = true
            } else {
                decoder.transcode(raw[..<count], into: &pending)
            }
        }
        let count = min(buffer.count, pending.count - pendingStart)
        _ = buffer.update(fromContentsOf: pending[pendingStart..<(pendingStart + count)])
        pendingStart += count
        return count
    }
}

/// UTF-16 code units to UTF-8 bytes, fed in pieces of any length.
struct UTF16Transcoder: Sendable {
    let bigEndian: Bool
    private var oddByte: UInt8?
    private var highSurrogate: UInt16?

    init(bigEndian: Bool) {
        self.bigEndian = bigEndian
    }

    mutating func transcode(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count * 3 / 2)
        var index = bytes.startIndex
        if let first = oddByte, index < bytes.endIndex {
            oddByte = nil
            take(unit(first, bytes[index]), into: &out)
            index += 1
        }
        while index + 1 < bytes.endIndex {
            take(unit(bytes[index], bytes[index + 1]), into: &out)
            index += 2
        }
        if index < bytes.endIndex { oddByte = bytes[index] }
    }

    /// Flushes what is left at the end of the stream.
    mutating func finish(into out: inout [UInt8]) {
        if highSurrogate != nil || oddByte != nil { append(Unicode.Scalar(0xFFFD)!, to: &out) }
        highSurrogate = nil
        oddByte = nil
    }

    private func unit(_ first: UInt8, _ second: UInt8) -> UInt16 {
        bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first)
    }

    private mutating func take(_ unit: UInt16, into out: inout [UInt8]) {
        switch unit {
        case 0xD800...0xDBFF:
            if highSurrogate != nil { append(Unicode.Scalar(0xFFFD)!, to: &out) }
            highSurrogate = unit
        case 0xDC00...0xDFFF:
            if let high = highSurrogate {
                let value = 0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00))
                append(Unicode.Scalar(value)!, to: &out)
                highSurrogate = nil
            } else {
                append(Unicode.Scalar(0xFFFD)!, to: &out)
            }
        default:
            if highSurrogate != nil {
                append(Unicode.Scalar(0xFFFD)!, to: &out)
                highSurrogate = nil
            }
            if unit < 0x80 {
                out.append(UInt8(unit))
            } else {
                append(Unicode.Scalar(unit)!, to: &out)
            }
        }
    }

    private func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }
}
