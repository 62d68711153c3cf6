import FollowUpSupport
import Foundation

/// Where a mail account lives and how to reach it safely: `imaps://HOST[:PORT]` (TLS from the
/// first byte, port 993) or `imap://HOST[:PORT]` (port 143, upgraded with STARTTLS).
public struct MailServer: Sendable, Hashable {
    /// The account's name, which every message about it carries.
    public var account: String
    public var host: String
    public var port: Int
    public var usesImplicitTLS: Bool
    /// Whether a connection without TLS is refused: always, but for this machine's loopback
    /// addresses and an account the user allowed in the clear.
    public var requiresTLS: Bool
    /// A file of certificates to trust instead of the system's store (`SSL_CERT_FILE`).
    public var certificateAuthorities: String?

    /// The server of an `imap://` or `imaps://` URL, else nil.
    public init?(account: String, url: URL, allowPlain: Bool = false, certificateAuthorities: String? = nil) {
        guard let scheme = url.scheme?.lowercased(), scheme == "imap" || scheme == "imaps",
              let host = url.host, !host.isEmpty
        else { return nil }
        self.account = account
        self.host = host
        usesImplicitTLS = scheme == "imaps"
        port = url.port ?? (usesImplicitTLS ? 993 : 143)
        requiresTLS = !(allowPlain || LoopbackHost.contains(host))
        self.certificateAuthorities = certificateAuthorities
    }

    /// Whether `url` names a mail account (IMAP, or local Maildir folders) rather than a CalDAV server.
    public static func isMailURL(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased() else { return false }
        return scheme == "imap" || scheme == "imaps" || scheme == "maildir"
    }

    /// The folder of a `maildir:PATH` account, else nil.
    public static func maildirRoot(_ url: URL) -> URL? {
        guard url.scheme?.lowercased() == "maildir", !url.path.isEmpty else { return nil }
        return URL(fileURLWithPath: url.path)
    }

    /// `maildir:PATH` with PATH made absolute (`~` is the home folder), else nil.
    public static func maildirURL(_ text: String, home: String = NSHomeDirectory()) -> URL? {
        guard text.lowercased().hasPrefix("maildir:") else { return nil }
        var path = String(text.dropFirst("maildir:".count))
        if path.hasPrefix("~/") || path == "~" { path = home + path.dropFirst() }
        guard !path.isEmpty else { return nil }
        var components = URLComponents()
        components.scheme = "maildir"
        components.path = URL(fileURLWithPath: path).standardizedFileURL.path
        return components.url
    }

    /// Whether a plain `imap://` URL would reach another machine (STARTTLS then required).
    public static func isInTheClear(_ url: URL) -> Bool {
        url.scheme?.lowercased() == "imap" && !LoopbackHost.contains(url.host ?? "")
    }

    /// What to tell the user of a plain `imap://` account on another machine, else nil.
    public static func plainWarning(for url: URL) -> String? {
        guard isInTheClear(url) else { return nil }
        return "\(url.absoluteString) is plain imap:// to another machine: STARTTLS is required unless you allowed it off"
    }

    /// curl's URL of `folder` (or of the server), `uid` for a whole message. Folder names are
    /// percent-encoded but for their `/` separators, which curl passes on as they are.
    func url(folder: String? = nil, uid: UInt32? = nil) -> String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var text = "\(usesImplicitTLS ? "imaps" : "imap")://\(hostPart):\(port)/"
        if let folder {
            text += folder.addingPercentEncoding(withAllowedCharacters: Self.folderCharacters) ?? folder
        }
        if let uid { text += "/;UID=\(uid)" }
        return text
    }

    private static let folderCharacters: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "/-_.")
        return set
    }()
}

/// The bounds of talking to a mail server: every wait and every reply is limited, so a server
/// that stalls or floods ends the sync with a message instead of hanging it.
public enum MailLimits {
    /// Seconds to wait for the connection (and its TLS handshake).
    public static let connectTimeoutSeconds = 20
    /// Seconds a reply may send nothing before the request is given up.
    public static let stallTimeoutSeconds = 30
    /// Seconds one request may take in all.
    public static let requestTimeoutSeconds = 300
    /// The largest reply to one command (the headers of every new message in a folder).
    public static let maximumReplyBytes = 256 << 20
    /// The largest message read whole (one holding an invitation); a bigger one is skipped.
    public static let maximumMessageBytes = 16 << 20
    /// Messages whose envelopes one FETCH asks for (`IMAPSession.stream`): a bound on one
    /// reply's memory, not on the round trips, which this makes few.
    public static let fetchBatch = 2_000
    /// Messages read between two saves of a folder's mark when they say nothing.
    public static let messagesPerMark = 2_000
    /// How far back the first sync looks, by the messages' `Date:`.
    public static let firstSyncDays = 60
}
