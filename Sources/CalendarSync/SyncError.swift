import Foundation
import NIOHTTP1

/// What went wrong talking to a calendar server, said so the user can act. No message ever
/// holds a password or an Authorization header, nor names a command: the program over the sync
/// says what to type (FollowUpKit's `FollowUpError` does for `followup`).
public enum SyncError: Error, Sendable, CustomStringConvertible {
    case noPassword(account: String)
    case passwordFile(path: String, reason: String)
    case unauthorized(account: String, status: Int, url: String)
    case certificate(account: String, host: String, detail: String)
    case unreachable(account: String, url: String, detail: String)
    case server(account: String, method: String, url: String, status: Int)
    case badResponse(account: String, url: String, detail: String)
    case notFound(account: String, what: String)
    case invalidURL(String)
    /// A plain http:// URL of another machine, which would carry the password in the clear.
    case plainHTTP(String)
    /// No whole answer to `request` ("PROPFIND https://…/") within `seconds`.
    case timedOut(account: String, request: String, seconds: Int)
    /// The whole sync took longer than `seconds`; `request` is what it was waiting for then.
    case syncTimedOut(account: String, request: String?, seconds: Int)
    /// The answer to `request` was longer than `limit` bytes.
    case answerTooLarge(account: String, request: String, limit: Int)
    /// `request` was redirected more than `limit` times.
    case tooManyRedirects(account: String, request: String, limit: Int)

    public var description: String {
        switch self {
        case .noPassword(let account):
            return "no password for remote '\(account)'"
        case .passwordFile(let path, let reason):
            return "cannot use the password file '\(path)': \(reason)"
        case .unauthorized(let account, let status, let url):
            return "remote '\(account)' refused the user name or password (HTTP \(status) from \(url)); "
                + "check the account's user and its password (file, ~/.netrc or FOLLOWUP_PASSWORD)"
        case .certificate(let account, let host, let detail):
            return "remote '\(account)': the certificate of \(host) is not trusted (\(detail)); the server needs a certificate the system trusts"
        case .unreachable(let account, let url, let detail):
            return "remote '\(account)': cannot reach \(url): \(detail)"
        case .server(let account, let method, let url, let status):
            return "remote '\(account)': the server answered \(method) \(url) with HTTP \(status)\(HTTPStatusNames.suffix(status))"
        case .badResponse(let account, let url, let detail):
            return "remote '\(account)': cannot read the server's answer from \(url): \(detail)"
        case .notFound(let account, let what):
            return "remote '\(account)': \(what)"
        case .invalidURL(let text):
            return "'\(text)' is not an http:// or https:// URL"
        case .plainHTTP(let text):
            return "'\(text)' is plain http:// to another machine: the password and the job search would cross the network "
                + "unencrypted; use https://"
        case .timedOut(let account, let request, let seconds):
            return "remote '\(account)': waited \(seconds) s for the whole answer to \(request), and gave up"
        case .syncTimedOut(let account, let request, let seconds):
            let waiting = request.map { " (it was waiting for the answer to \($0))" } ?? ""
            return "remote '\(account)': the sync did not end within \(seconds) s\(waiting), and was stopped"
        case .answerTooLarge(let account, let request, let limit):
            let size = limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
            return "remote '\(account)': the server sent more than \(size) in answer to \(request); nothing of it was read"
        case .tooManyRedirects(let account, let request, let limit):
            return "remote '\(account)': the server redirected \(request) more than \(limit) times"
        }
    }
}

/// HTTP's names for its status codes (NIOHTTP1's), so that a message says "503 Service
/// Unavailable" and not a bare number.
enum HTTPStatusNames {
    /// " Service Unavailable" for 503; nothing for a code HTTP gives no name.
    static func suffix(_ status: Int) -> String {
        let name = HTTPResponseStatus(statusCode: status).reasonPhrase
        return name.isEmpty ? "" : " " + name
    }
}
