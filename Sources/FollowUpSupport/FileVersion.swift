#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Which version of a file a path names, told by `stat(2)` alone: the device and inode (a
/// regenerated feed is a new file renamed over the old one), its size and its modification
/// time to the nanosecond (a file rewritten in place).
///
/// Two reads that see the same version see the same bytes, so whatever was derived from the
/// bytes can be kept until the version changes: the feed server's entity tags and gzip
/// variants, and where the feed writer's entries lie in the files it wrote.
package struct FileVersion: Hashable, Sendable {
    package var device: UInt64
    package var inode: UInt64
    package var size: Int64
    package var modificationSeconds: Int64
    package var modificationNanoseconds: Int64

    package init(device: UInt64, inode: UInt64, size: Int64, modificationSeconds: Int64, modificationNanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationSeconds = modificationSeconds
        self.modificationNanoseconds = modificationNanoseconds
    }

    package init(_ status: stat) {
        #if canImport(Darwin)
        let time = status.st_mtimespec
        #else
        let time = status.st_mtim
        #endif
        self.init(device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(truncatingIfNeeded: status.st_ino),
                  size: Int64(status.st_size), modificationSeconds: Int64(time.tv_sec), modificationNanoseconds: Int64(time.tv_nsec))
    }

    /// The version of the open file `descriptor`; nil when `fstat` fails.
    package init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The version of the file at `path`; nil when `stat` fails.
    package init?(path: String) {
        var status = stat()
        guard retryingOnInterrupt({ stat(path, &status) }) == 0 else { return nil }
        self.init(status)
    }
}
