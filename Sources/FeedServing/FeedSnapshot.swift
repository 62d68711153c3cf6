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
        // Only a regular file in the feed folder is served: a symbolic link put in a feed's
        // place (to /etc/passwd, to the store) is refused, not followed (ELOOP), and a FIFO
        // cannot hold the thread in open(2).
        let descriptor = retryingOnInterrupt { open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .notARegularFile }
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

extension FileVersion {
    /// The modification time, as `Last-Modified` says it.
    var modificationDate: Date {
        Date(timeIntervalSince1970: TimeInterval(modificationSeconds) + TimeInterval(modificationNanoseconds) / 1_000_000_000)
    }

    /// The version of the file at `path`, without opening it; a symbolic link is not one
    /// (`lstat`), whatever it leads to.
    static func current(path: String) throws(FeedSnapshot.ReadError) -> FileVersion {
        var status = stat()
        guard retryingOnInterrupt({ lstat(path, &status) }) == 0 else {
            throw errno == ENOENT || errno == ENOTDIR ? .missing : .failed(operation: "stat", errno: errno)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile }
        return FileVersion(status)
    }
}
