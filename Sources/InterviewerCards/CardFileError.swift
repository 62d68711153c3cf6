import VCardKit

/// A card file that cannot be read, or a report that cannot be written: which file, and why.
public enum CardFileError: Error, Sendable, CustomStringConvertible {
    case missing(String)
    case unreadable(String, reason: String)
    /// A picture or a PDF given as a card: what it is (`a JPEG image`).
    case notACard(String, kind: String)
    case card(VCardError)
    /// The report's output (a file, `standard output`) refused what was written.
    case output(String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "card file '\(path)' does not exist"
        case .unreadable(let path, let reason):
            "cannot read card file '\(path)': \(reason)"
        case .notACard(let path, let kind):
            "'\(path)' is \(kind), not a vCard: export the contact as a .vcf file (your scanner app or address book can share it as a vCard)"
        case .card(let error):
            error.description
        case .output(let name, let reason):
            "cannot write '\(name)': \(reason)"
        }
    }
}
