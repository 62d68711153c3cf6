import Foundation

enum Terminal {
    /// The current time, or `SOURCE_DATE_EPOCH` when it is set: the reproducible-builds
    /// convention, so a script or a test can make the same plan on any day.
    static var now: Date {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text) {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
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
