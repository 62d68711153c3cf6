/// A file or folder that could not be written, with the system's reason.
package struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Operation: Sendable, Hashable {
        case write
        case createFolder
    }

    package var operation: Operation
    package var path: String
    /// The system's words ("Permission denied", "No space left on device").
    package var reason: String

    package init(_ operation: Operation, _ path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    package var description: String {
        switch operation {
        case .write: "cannot write '\(path)': \(reason)"
        case .createFolder: "cannot create the folder '\(path)': \(reason)"
        }
    }
}
