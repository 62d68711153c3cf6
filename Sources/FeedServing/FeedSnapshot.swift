import FollowUpSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes and modification date of one feed file, read through a single open file.
///
/// `followup feed` replaces a feed by writing a temporary file and renaming it over the old
/// one. Opening the path gives either the old file or the new one, never a mix; reading the
/// content and `fstat`-ing the same descriptor keeps the date, the bytes and so the entity tag
/// of one response consistent, even when a rename lands between two requests, or during one.
struct FeedSnapshot: Sendable {
    var bytes: [UInt8]
    var modificationDate: Date
    /// The version of the file the bytes were read from, by its open descriptor.
    var version: FileVersion

    enum ReadError: Error, Equatable {
        /// No file at the path: the feed has not been written yet.
        case missing
        /// The path names a directory, a socket or the like.
        case notARegularFile
        /// Any other failure of the system call named, with its `errno`.
        case failed(operation: String, errno: Int32)

        var message: String {
            switch self {
            case .missing: "no such file"
            case .notARegularFile: "not a regular file"
            case .failed(let operation, let code): "\(operation) failed: \(systemErrorMessage(code))"
            }
        }
    }

    /// Reads the file at `path` whole.
    ///
    /// The read blocks the calling thread; feed files are small and local, so this is cheaper
    /// than handing the work to a thread pool.
    static func load(path: String) throws(ReadError) -> FeedSnapshot {
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw errno == ENOENT || errno == ENOTDIR ? .missing : .failed(operation: "open", errno: errno)
        }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .failed(operation: "fstat", errno: errno) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                retryingOnInterrupt { read(descriptor, buffer.baseAddress, buffer.count) }
            }
            if count < 0 { throw .failed(operation: "read", errno: errno) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        let version = FileVersion(status)
        return FeedSnapshot(bytes: bytes, modificationDate: version.modificationDate, version: version)
    }
}

/// Which version of a file a path names, told by `stat(2)` alone: the device and inode (a
/// regenerated feed is a new file renamed over the old one), its size and its modification
/// time to the nanosecond (a file rewritten in place).
///
/// Two reads that see the same version see the same bytes, so whatever was derived from the
/// bytes (entity tag, gzip variant) can be kept until the version changes.
struct FileVersion: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modificationSeconds: Int64
    var modificationNanoseconds: Int64

    init(_ status: stat) {
        #if canImport(Darwin)
        let time = status.st_mtimespec
        #else
        let time = status.st_mtim
        #endif
        device = UInt64(truncatingIfNeeded: status.st_dev)
        inode = UInt64(truncatingIfNeeded: status.st_ino)
        size = Int64(status.st_size)
        modificationSeconds = Int64(time.tv_sec)
        modificationNanoseconds = Int64(time.tv_nsec)
    }

    var modificationDate: Date {
        Date(timeIntervalSince1970: TimeInterval(modificationSeconds) + TimeInterval(modificationNanoseconds) / 1_000_000_000)
    }

    /// The version of the file at `path`, without opening it.
    static func current(path: String) throws(FeedSnapshot.ReadError) -> FileVersion {
        var status = stat()
        guard retryingOnInterrupt({ stat(path, &status) }) == 0 else {
            throw errno == ENOENT || errno == ENOTDIR ? .missing : .failed(operation: "stat", errno: errno)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile }
        return FileVersion(status)
    }
}
