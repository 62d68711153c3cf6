/// A spreadsheet that cannot be imported: the file, and where a row is at fault its line, its
/// column (1-based, with its header name when it has one; 0 for the whole row) and what is wrong.
public enum SpreadsheetError: Error, Sendable, Hashable, CustomStringConvertible {
    case file(String, reason: String)
    case row(String, line: Int, column: Int, name: String?, reason: String)

    public var description: String {
        switch self {
        case .file(let path, let reason):
            return "cannot import '\(path)': \(reason); nothing was imported"
        case .row(let path, let line, let column, let name, let reason):
            let place = column == 0 ? "" : name.map { " column \(column) (\($0)):" } ?? " column \(column):"
            return "\(path):\(line):\(place) \(reason); nothing was imported"
        }
    }
}
