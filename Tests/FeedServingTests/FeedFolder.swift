import Foundation
import Testing
import FollowUpTestSupport

@testable import FeedServing

/// A scratch feed folder, written the way `followup feed` writes one: each file to a temporary
/// name, flushed, then renamed over the old one.
struct FeedFolder {
    let url: URL

    /// The package's own example output, real libical files, stand for the two feeds.
    static let sampleEvents = try! Data(Repository.bytes("Samples/example-output/2026-12-01-acme-robotics-backend-engineer.events.ics"))
    static let sampleTasks = try! Data(Repository.bytes("Samples/example-output/2026-12-01-acme-robotics-backend-engineer.tasks.ics"))
    /// The events feed after another regeneration changed it.
    static let regeneratedEvents = Data(
        String(decoding: sampleEvents, as: UTF8.self).replacingOccurrences(of: "Acme Robotics", with: "Globex").utf8)

    /// A new empty folder inside a new parent folder (the parent holds a secret file, to try
    /// to reach from the server), removed by ``remove()``.
    static func make() throws -> FeedFolder {
        let parent = try ScratchFolder().url
        let url = parent.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("the store's secret\n".utf8).write(to: parent.appendingPathComponent("secret.txt"))
        return FeedFolder(url: url)
    }

    /// A folder holding both sample feeds.
    static func withSampleFeeds() throws -> FeedFolder {
        let folder = try make()
        try folder.publish(sampleEvents, as: "events.ics")
        try folder.publish(sampleTasks, as: "tasks.ics")
        return folder
    }

    func remove() {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    /// Replaces `name` atomically: temporary file, fsync, rename.
    func publish(_ content: Data, as name: String) throws {
        let temporary = url.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.write(contentsOf: content)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, url.appendingPathComponent(name).path) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    func setModificationDate(_ date: Date, of name: String) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.appendingPathComponent(name).path)
    }

    ///
    /// Connections stay open for two minutes, not the served 10 seconds: in a full parallel test
    /// run, the tests that run the `followup` binary and wait for it can keep a test client from
    /// resuming for seconds, and a server that closed the connection meanwhile would fail a test
    /// about something else. `ConnectionLimitTests` tests the timeouts with its own.
    func configuration(token: String, fileNames: [String] = FeedServerConfiguration.defaultFileNames) -> FeedServerConfiguration {
        var configuration = FeedServerConfiguration(feedDirectory: url, token: token, host: "127.0.0.1", port: 0, fileNames: fileNames)
        configuration.idleTimeout = .seconds(120)
        return configuration
    }
}

extension FeedServer {
    /// Starts `run` in a task and waits until the server listens: the URLs it reported (nil
    /// when it stopped first) and the task, which the caller cancels to stop it.
    func started() async -> (urls: [URL]?, task: Task<Void, any Error>) {
        let (ready, continuation) = AsyncStream.makeStream(of: [URL].self)
        let task = Task {
            defer { continuation.finish() }
            try await run { continuation.yield($0) }
        }
        var iterator = ready.makeAsyncIterator()
        return (await iterator.next(), task)
    }

    /// Runs the server until `body` returns; `body` gets the URLs it reported.
    func whileRunning<Value>(_ body: ([URL]) async throws -> Value) async throws -> Value {
        let (urls, task) = await started()
        defer { task.cancel() }
        return try await body(try #require(urls))
    }
}

/// Fri, 02 Jan 2026 03:04:05.678 GMT: a modification date with a fraction of a second.
let januarySecond = Date(timeIntervalSince1970: 1_767_323_045.678)
let januarySecondHTTPDate = "Fri, 02 Jan 2026 03:04:05 GMT"
