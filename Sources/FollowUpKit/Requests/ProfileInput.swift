import FollowUpPlanning
import Foundation

/// A change to the candidate's profile as typed (`followup profile --name ... --email ...`):
/// nil leaves a part as it is, an empty text clears it; `--email` given replaces every address.
public struct ProfileInput: Sendable {
    public var name: String?
    public var emailAddresses: [String]?
    public var phone: String?
    public var signature: String?
    /// A text file whose contents are the signature.
    public var signatureFile: String?

    public init(name: String? = nil, emailAddresses: [String]? = nil, phone: String? = nil, signature: String? = nil,
                signatureFile: String? = nil) {
        self.name = name
        self.emailAddresses = emailAddresses
        self.phone = phone
        self.signature = signature
        self.signatureFile = signatureFile
    }

    /// Whether it changes nothing: `followup profile` alone shows the profile.
    public var isEmpty: Bool {
        name == nil && emailAddresses == nil && phone == nil && signature == nil && signatureFile == nil
    }

    /// `profile` with these changes; a malformed address or an unreadable signature file is an
    /// error and changes nothing.
    public func applied(to profile: Profile) throws(FollowUpError) -> Profile {
        var profile = profile
        if let name { profile.name = Optional(name.singleLine).nonEmpty }
        if let emailAddresses {
            var addresses: [String] = []
            for text in emailAddresses {
                let address = text.trimmingCharacters(in: .whitespaces)
                if address.isEmpty { continue }
                guard Self.isAddress(address) else {
                    throw .invalidValue(option: "--email", value: text, expected: "an e-mail address such as you@example.com")
                }
                addresses.append(address)
            }
            profile.emailAddresses = addresses
        }
        if let phone { profile.phone = Optional(phone.singleLine).nonEmpty }
        if signature != nil, signatureFile != nil {
            throw .invalidValue(option: "--signature-file", value: signatureFile ?? "", expected: "either --signature or --signature-file, not both")
        }
        if let signature { profile.signature = Optional(signature).nonEmpty }
        if let signatureFile { profile.signature = Optional(try Self.read(signatureFile)).nonEmpty }
        return profile
    }

    /// One `@`, something on each side, no spaces or angle brackets: enough to refuse a typo
    /// such as a missing `@` without guessing at what mail servers accept.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) })
    }

    static func read(_ path: String) throws(FollowUpError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .invalidValue(option: "--signature-file", value: path, expected: "a text file that exists")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw .invalidValue(option: "--signature-file", value: path, expected: "a readable text file, not a folder")
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw .invalidValue(option: "--signature-file", value: path, expected: "UTF-8 text")
        }
        return text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The profile as `followup profile` shows it.
public enum ProfileReport {
    public static func text(_ profile: Profile?) -> String {
        guard let profile, !profile.isEmpty else {
            return "no profile yet: the drafts end without your name\n" + hint
        }
        var lines = [
            "name:      \(profile.name ?? "(none)")",
            "e-mail:    \(profile.emailAddresses.isEmpty ? "(none)" : profile.emailAddresses.joined(separator: ", "))",
            "phone:     \(profile.phone ?? "(none)")",
        ]
        if let signature = profile.signature {
            lines.append("signature:")
            lines += signature.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        } else {
            lines.append("signature: (your name and phone)")
        }
        return lines.joined(separator: "\n")
    }

    /// How to add a profile, said once by a command whose drafts go unsigned.
    public static let hint = "sign the drafts with 'followup profile --name \"Your Name\" --email you@example.com --phone \"+1 555 0100\"'"
}
