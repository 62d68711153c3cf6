import Foundation
import FollowUpTestSupport

/// Runs the built `followup` executable the way a user does.
struct FollowUpBinary {
    static let packageRoot = Repository.root

    static var url: URL {
        // The test bundle and the executable are built into the same products folder.
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory = directory.deletingLastPathComponent() }
        return directory.appendingPathComponent("followup")
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// 2026-12-02 00:00 UTC: after the sample interview, so plans do not depend on the day the
    /// tests run.
    static let afterSampleInterview = "1796169600"

    /// `environment` is added to the test process's own (`FOLLOWUP_STORE`, say).
    static func run(_ arguments: [String], in directory: URL? = nil, now epoch: String = afterSampleInterview,
                    environment extra: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = epoch
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = directory ?? packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A fresh folder for one test; removed when the test process ends.
    static func temporaryDirectory() throws -> URL {
        try ScratchFolder().url
    }

    static func sample(_ name: String) -> String {
        packageRoot.appendingPathComponent("Samples/cards/\(name)").path
    }
}
