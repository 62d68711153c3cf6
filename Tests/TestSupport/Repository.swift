import Foundation

/// The repository the tests run from, found from this file's own path: tests read the samples
/// and fixtures in it whatever the working folder.
package enum Repository {
    /// The folder that holds `Package.swift`.
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `path`, relative to the repository's root.
    package static func url(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }

    /// The bytes of the file at `path`, relative to the repository's root.
    package static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(path)))
    }

    /// The files in the folder at `path` whose names end in `suffix`, sorted; empty when the
    /// folder is missing (a test of its presence says so).
    package static func files(in path: String, endingWith suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(path).path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }
}
