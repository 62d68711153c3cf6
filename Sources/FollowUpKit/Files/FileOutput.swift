import FollowUpSupport
import Foundation

/// The files a command writes, atomically (FollowUpSupport's `AtomicFile`), with a failure
/// phrased as every other error of a command.
enum FileOutput {
    static func createFolder(_ folder: URL) throws(FollowUpError) {
        do { try AtomicFile.createFolder(folder) } catch { throw FollowUpError(error) }
    }

    static func replace(_ files: [(text: String, url: URL)]) throws(FollowUpError) {
        do { try AtomicFile.replace(files) } catch { throw FollowUpError(error) }
    }
}

extension FollowUpError {
    init(_ error: FileError) {
        switch error.operation {
        case .write: self = .cannotWrite(error.path, reason: error.reason)
        case .createFolder: self = .cannotCreateFolder(error.path, reason: error.reason)
        }
    }
}
