import FollowUpKit
import Foundation

enum Terminal {
    /// `SOURCE_DATE_EPOCH` read once: the reproducible-builds convention, so a script or a test
    /// can make the same plan on any day. `main` refuses a value that is no time before any
    /// command runs.
    static let fixedNow = Result { () throws(FollowUpError) -> Date? in
        try InterviewInput.sourceDateEpoch(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
    }

    /// The current time, or `SOURCE_DATE_EPOCH` when it is set.
    static var now: Date {
        if case .success(let fixed?) = fixedNow { return fixed }
        return Date()
    }

    /// Warnings go to standard error, so the output stays clean for pipes.
    static func warn(_ lines: [String]) {
        for line in lines {
            FileHandle.standardError.write(Data("followup: \(line)\n".utf8))
        }
    }

    /// A path relative to the working directory when it is inside it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}
