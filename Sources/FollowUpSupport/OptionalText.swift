import Foundation

extension Optional where Wrapped == String {
    /// The text without surrounding white space; nil when nothing is left, or there was none.
    package var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
