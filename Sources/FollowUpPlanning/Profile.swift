import Foundation

/// The candidate: who signs the drafts, and whose addresses are "you" among an invitation's
/// attendees. Every part is optional; without a profile the drafts end with the closing alone.
public struct Profile: Sendable, Hashable {
    public var name: String?
    /// The candidate's addresses; the first is the one drafts are sent from.
    public var emailAddresses: [String]
    public var phone: String?
    /// Text that signs every draft under the closing, in place of the name and phone.
    public var signature: String?

    public init(name: String? = nil, emailAddresses: [String] = [], phone: String? = nil, signature: String? = nil) {
        self.name = name
        self.emailAddresses = emailAddresses
        self.phone = phone
        self.signature = signature
    }

    /// Whether nothing is set: such a profile signs nothing.
    public var isEmpty: Bool {
        name == nil && emailAddresses.isEmpty && phone == nil && signature == nil
    }

    /// The address a draft is sent from.
    public var senderAddress: String? { emailAddresses.first }

    /// Whether `address` is one of the candidate's own (case aside): an invitation's attendee
    /// with it is the candidate, not an interviewer.
    public func isOwnAddress(_ address: String) -> Bool {
        let needle = address.trimmingCharacters(in: .whitespaces).lowercased()
        return emailAddresses.contains { $0.lowercased() == needle }
    }

    /// The lines under an e-mail's closing: the signature as written, else the name and phone.
    var signatureLines: [String] {
        if let signature {
            let lines = signature.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
                String($0).trimmingTrailingWhitespace
            }
            let trimmed = lines.drop(while: \.isEmpty).reversed().drop(while: \.isEmpty).reversed()
            if !trimmed.isEmpty { return Array(trimmed) }
        }
        return [name, phone].compactMap { $0 }
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
