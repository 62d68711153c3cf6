import Foundation

/// What went wrong talking to a mail account. Every message names the account; none holds the
/// password or names a command of the CLI.
public enum MailSyncError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case loginDenied(String)
    case certificate(String, reason: String)
    /// `imap://` to another machine and the server offers no STARTTLS.
    case noTLS(String)
    case connection(String, reason: String)
    case timedOut(String, waitingFor: String)
    case tooLarge(String, what: String, limit: Int)
    /// The server answered NO or BAD.
    case refused(String, command: String, reply: String)
    /// A reply that does not parse as IMAP.
    case malformedReply(String, reason: String)
    case noFolder(String, role: String, tried: [String])

    public var description: String {
        switch self {
        case .invalidURL(let text):
            return "'\(text)' is not a mail account's URL: give imaps://HOST[:PORT] or imap://HOST[:PORT]"
        case .loginDenied(let account):
            return "mail account '\(account)': the server refused the user name or password; nothing was changed"
        case .certificate(let account, let reason):
            return "mail account '\(account)': the server's certificate is not trusted (\(reason)); nothing was changed"
        case .noTLS(let account):
            return "mail account '\(account)': the server offers no STARTTLS, and the password would cross the network unencrypted"
        case .connection(let account, let reason):
            return "mail account '\(account)': could not talk to the server: \(reason)"
        case .timedOut(let account, let what):
            return "mail account '\(account)': the server did not answer in time (waiting for \(what))"
        case .tooLarge(let account, let what, let limit):
            return "mail account '\(account)': the server sent more than \(limit >> 20) MiB for \(what)"
        case .refused(let account, let command, let reply):
            return "mail account '\(account)': the server refused \(command): \(reply)"
        case .malformedReply(let account, let reason):
            return "mail account '\(account)': the server's reply could not be read: \(reason)"
        case .noFolder(let account, let role, let tried):
            return "mail account '\(account)': found no \(role) folder (no SPECIAL-USE flag, none of \(tried.joined(separator: ", ")))"
        }
    }
}
