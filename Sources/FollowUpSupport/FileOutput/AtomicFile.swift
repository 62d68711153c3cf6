import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Write-then-rename, so readers see the old file or the new one, never half of one.
package enum AtomicFile {
    /// Creates `folder` and its parents where missing, with `mkdir(2)` one level at a time, so
    /// a failure names the system's reason ("Permission denied", "Not a directory"): Foundation
    /// on Linux reports only "NSCocoaErrorDomain error 512". Each folder it makes gets `mode`
    /// exactly, whatever the umask, when one is given (`OwnerOnlyFile.folderMode` for a store's).
    package static func createFolder(_ folder: URL, mode: mode_t? = nil) throws(FileError) {
        var path = folder.path.hasPrefix("/") ? "" : "."
        for component in folder.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, mode ?? 0o777) == 0 {
                if let mode, chmod(path, mode) != 0 { throw FileError(.createFolder, folder.path, reason: systemErrorMessage(errno)) }
                continue
            }
            let code = errno
            var status = stat()
            if code == EEXIST, stat(path, &status) == 0 {
                if status.st_mode & S_IFMT == S_IFDIR { continue }
                throw FileError(.createFolder, folder.path, reason: systemErrorMessage(ENOTDIR))
            }
            throw FileError(.createFolder, folder.path, reason: systemErrorMessage(code))
        }
    }

    /// The system's words for a file-system error: the `errno` message under Foundation's error
    /// where there is one.
    package static func systemReason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return systemErrorMessage(Int32(underlying.code))
        }
        if error.domain == NSPOSIXErrorDomain { return systemErrorMessage(Int32(error.code)) }
        return error.localizedDescription
    }

    /// Replaces each file with its new text: all are written and synced first, then renamed
    /// into place; a failure while writing leaves every old file as it was.
    package static func replace(_ files: [(text: String, url: URL)]) throws(FileError) {
        do {
            try replaceStreaming(files.map(\.url)) { sinks in
                for (sink, file) in zip(sinks, files) {
                    var text = file.text
                    try text.withUTF8 { try sink.write($0) }
                }
            }
        } catch let error as FileError {
            throw error
        } catch {
            throw FileError(.write, files.first?.url.path ?? "", reason: systemReason(error))
        }
    }

    /// The files written piece by piece: `render` gets one sink per file, in
    /// order; when it returns, every file is synced and renamed into place. A failure leaves
    /// every old file as it was.
    package static func replaceStreaming(_ urls: [URL], render: ([FileSink]) throws -> Void) throws {
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
    package static func removeAbandonedTemporaries(of url: URL) {
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
    package static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    }

    package static func commit(_ temporary: URL, to url: URL) throws(FileError) {
        guard rename(temporary.path, url.path) == 0 else {
            let reason = systemErrorMessage(errno)
            try? FileManager.default.removeItem(at: temporary)
            throw FileError(.write, url.path, reason: reason)
        }
    }
}

