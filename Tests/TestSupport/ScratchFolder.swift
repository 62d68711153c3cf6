import Foundation

/// A new, empty folder under the system's temporary folder for one test. Every scratch folder of
/// a test process lives under one parent, removed when the process exits, so a run leaves
/// nothing behind even when a test fails before it cleans up.
package struct ScratchFolder: Sendable {
    package let url: URL

    package init() throws {
        url = Self.processRoot.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    package var path: String { url.path }

    /// `name` inside the folder.
    package func url(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `bytes` to `name` inside the folder and returns its path.
    @discardableResult
    package func file(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
        let path = url(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Removes the folder now, before the process ends.
    package func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    private static let processRoot: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("followup-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchFolder.processRoot) }
        return root
    }()
}
