import FollowUpSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each stored component lies in the feed files the store wrote last, kept beside them
/// in a hidden file (`.feed-layout`): the next change copies the components it did not touch
/// from those files instead of reading every one back from the store (`FeedAssembly`).
///
/// It is a cache, trusted only while everything it describes is still so: the store's
/// components have the revision it recorded (none was rendered since without a layout being
/// written), and each file has the version it recorded (not written again or edited by
/// anyone). A checksum rejects a layout file cut short. Anything else, and the files are
/// assembled from the store, as when there is no layout.
struct FeedLayout: Equatable {
    /// ``StoreSnapshot/feedComponentRevision()`` when the files were written.
    var revision: String
    /// The events file, then the tasks file.
    var files: [File]
    /// The components in feed order, which both files list in the same order.
    var components: [Component]

    struct File: Equatable {
        var version: FileVersion
        /// The calendar's properties and time zones, before the first component.
        var headerLength: Int
    }

    /// A component: its row in the store, and the length of its event and of its task.
    struct Component: Equatable {
        var row: Int64
        var eventLength: Int
        var taskLength: Int
    }

    static let fileName = ".feed-layout"
    private static let magic = Array("followup feed layout 2\n".utf8)

    /// The layout kept in `directory`; nil when there is none or it cannot be read whole.
    static func read(in directory: URL) -> FeedLayout? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(fileName)) else { return nil }
        return data.withUnsafeBytes { bytes in
            var reader = Reader(bytes: bytes)
            return reader.layout()
        }
    }

    /// Writes the layout beside the files, replacing the old one by renaming. It is not synced:
    /// one lost or left behind by a crash fails the checks above, and the files are whole.
    func write(in directory: URL) throws {
        var writer = Writer(bytes: Self.magic)
        writer.reserve(64 + revision.utf8.count + files.count * 48 + components.count * 16)
        writer.append(UInt64(revision.utf8.count))
        writer.bytes.append(contentsOf: revision.utf8)
        writer.append(UInt64(files.count))
        for file in files {
            let version = file.version
            for value in [version.device, version.inode, UInt64(bitPattern: version.size), UInt64(bitPattern: version.modificationSeconds),
                          UInt64(bitPattern: version.modificationNanoseconds), UInt64(file.headerLength)] {
                writer.append(value)
            }
        }
        writer.append(UInt64(components.count))
        for component in components {
            writer.append(UInt64(bitPattern: component.row))
            writer.append(UInt32(truncatingIfNeeded: component.eventLength))
            writer.append(UInt32(truncatingIfNeeded: component.taskLength))
        }
        var checksum = FNV1a()
        writer.bytes.withUnsafeBytes { checksum.add($0) }
        writer.append(checksum.value)
        let url = directory.appendingPathComponent(Self.fileName)
        AtomicFile.removeAbandonedTemporaries(of: url)
        let temporary = AtomicFile.temporaryURL(for: url)
        // Only the user may read it, like the store whose components it indexes.
        try OwnerOnlyFile.replace(temporary.path, with: writer.bytes)
        try AtomicFile.commit(temporary, to: url)
    }

    /// Removes the layout: the next change assembles the files from the store.
    static func remove(in directory: URL) {
        _ = unlink(directory.appendingPathComponent(fileName).path)
    }

    /// Little-endian integers appended to bytes.
    private struct Writer {
        var bytes: [UInt8]

        mutating func reserve(_ count: Int) {
            bytes.reserveCapacity(bytes.count + count)
        }

        mutating func append<Integer: FixedWidthInteger>(_ value: Integer) {
            var value = value.littleEndian
            for _ in 0..<MemoryLayout<Integer>.size {
                bytes.append(UInt8(truncatingIfNeeded: value))
                value >>= 8
            }
        }
    }

    /// Reads what ``write(in:)`` wrote, checking every length against what is left.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func layout() -> FeedLayout? {
            guard bytes.count >= FeedLayout.magic.count + 8, bytes.starts(with: FeedLayout.magic) else { return nil }
            var checksum = FNV1a()
            checksum.add(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 8)]))
            offset = bytes.count - 8
            guard integer(UInt64.self) == checksum.value else { return nil }
            offset = FeedLayout.magic.count
            guard let revisionLength = integer(UInt64.self), revisionLength < 1024,
                  let revision = text(Int(revisionLength)), let fileCount = integer(UInt64.self), fileCount == 2 else { return nil }
            var files: [File] = []
            for _ in 0..<fileCount {
                guard let device = integer(UInt64.self), let inode = integer(UInt64.self), let size = integer(UInt64.self),
                      let seconds = integer(UInt64.self), let nanoseconds = integer(UInt64.self),
                      let headerLength = integer(UInt64.self) else { return nil }
                files.append(File(version: FileVersion(device: device, inode: inode, size: Int64(bitPattern: size),
                                                       modificationSeconds: Int64(bitPattern: seconds),
                                                       modificationNanoseconds: Int64(bitPattern: nanoseconds)),
                                  headerLength: Int(headerLength)))
            }
            guard let componentCount = integer(UInt64.self), componentCount <= UInt64(bytes.count - offset) / 16 else { return nil }
            var components: [Component] = []
            components.reserveCapacity(Int(componentCount))
            for _ in 0..<componentCount {
                guard let row = integer(UInt64.self), let event = integer(UInt32.self), let task = integer(UInt32.self) else { return nil }
                components.append(Component(row: Int64(bitPattern: row), eventLength: Int(event), taskLength: Int(task)))
            }
            guard offset == bytes.count - 8 else { return nil }
            return FeedLayout(revision: revision, files: files, components: components)
        }

        private mutating func integer<Integer: FixedWidthInteger>(_ type: Integer.Type) -> Integer? {
            let size = MemoryLayout<Integer>.size
            guard offset + size <= bytes.count else { return nil }
            defer { offset += size }
            return Integer(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Integer.self))
        }

        private mutating func text(_ count: Int) -> String? {
            guard offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]), as: UTF8.self)
        }
    }
}
