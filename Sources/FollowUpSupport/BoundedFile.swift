#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A file read whole only when it is no larger than a bound (`InputLimits`): its size is
/// checked before a byte is read, and the reading stops one byte past the bound for a file
/// whose size the system does not know (a pipe, `/dev/zero`), so that a hostile file is refused
/// in a moment instead of filling memory (issue 25: a 1 GB line in an .ics reached 9 GB).
package enum BoundedFile {
    package enum Failure: Error, Equatable {
        /// The file holds more than `limit` bytes; `size` when the system said how many.
        case tooLarge(size: Int?, limit: Int)
        /// The system's reason the file cannot be opened or read.
        case unreadable(String)

        /// "it holds 200.0 MiB, more than the 64 MiB <what> may take": the file's name is the
        /// caller's to add.
        package func reason(for what: String) -> String {
            switch self {
            case .tooLarge(let size, let limit):
                let held = size.map { "it holds \(Self.mebibytes($0))" } ?? "it holds more"
                return "\(held), more than the \(Self.mebibytes(limit)) \(what) may take"
            case .unreadable(let reason):
                return reason
            }
        }

        static func mebibytes(_ bytes: Int) -> String {
            bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : String(Double(bytes * 10 / (1 << 20)) / 10) + " MiB"
        }
    }

    /// The bytes of the file at `path`, refused when it holds more than `limit`.
    package static func read(_ path: String, atMost limit: Int) throws(Failure) -> [UInt8] {
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw .unreadable(systemErrorMessage(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(systemErrorMessage(errno)) }
        let isRegular = status.st_mode & S_IFMT == S_IFREG
        if isRegular, Int(status.st_size) > limit { throw .tooLarge(size: Int(status.st_size), limit: limit) }
        var bytes = [UInt8](repeating: 0, count: isRegular ? min(Int(status.st_size), limit) + 1 : min(limit + 1, 1 << 20))
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { throw .tooLarge(size: nil, limit: limit) }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                retryingOnInterrupt { systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count) }
            }
            guard got >= 0 else { throw .unreadable(systemErrorMessage(errno)) }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw .tooLarge(size: isRegular ? count : nil, limit: limit) }
        bytes.removeSubrange(count...)
        return bytes
    }
}

/// `read(2)`, under a name `BoundedFile.read` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
