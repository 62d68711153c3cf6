import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that hold the job search for the user alone: created readable and writable by their
/// owner only (0600), whatever the umask, since a umask of 022 or 002 would let every user of
/// the machine read who the user met and when.
package enum OwnerOnlyFile {
    /// The mode of such a file.
    package static let mode: mode_t = 0o600
    /// The mode of a folder made for them.
    package static let folderMode: mode_t = 0o700

    /// Makes `path` an empty file only its owner may read, unless something is there already
    /// (SQLite, which opens it next, gives its -wal and -shm files the mode of the database).
    package static func create(_ path: String) throws(FileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            if errno == EEXIST { return }
            throw FileError(.write, path, reason: systemErrorMessage(errno))
        }
        defer { close(descriptor) }
        // The umask only removes bits; fchmod sets the mode asked for exactly.
        guard fchmod(descriptor, mode) == 0 else { throw FileError(.write, path, reason: systemErrorMessage(errno)) }
    }

    /// Writes `bytes` to `path` as a file only its owner may read, replacing one there (a
    /// temporary a killed writer left, say) but never following a symbolic link.
    package static func replace(_ path: String, with bytes: [UInt8]) throws(FileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileError(.write, path, reason: systemErrorMessage(errno)) }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else { throw FileError(.write, path, reason: systemErrorMessage(errno)) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                retryingOnInterrupt { write(descriptor, buffer.baseAddress! + written, bytes.count - written) }
            }
            guard count > 0 else { throw FileError(.write, path, reason: systemErrorMessage(count < 0 ? errno : EIO)) }
            written += count
        }
    }
}
