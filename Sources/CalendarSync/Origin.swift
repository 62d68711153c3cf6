import FollowUpSupport
import Foundation

/// The scheme, host and port of a URL (RFC 6454): the one place an account's password may go.
///
/// A server the user named can point anywhere, by a redirect or an href in an answer; comparing
/// origins is what keeps the password from following it to another host or port.
public struct Origin: Hashable, Sendable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int

    /// Nil for a URL that is not http or https, or has no host.
    public init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = url.port ?? (scheme == "https" ? 443 : 80)
    }

    public var description: String { "\(scheme)://\(host):\(port)" }

    /// Whether what is sent here crosses a network unencrypted: plain http to another machine.
    public var isInTheClear: Bool {
        scheme == "http" && !isLoopback
    }

    /// Whether the host is this machine: a name or address a packet to which never leaves it
    /// (127.0.0.0/8, ::1, localhost), so plain http to it crosses no network.
    public var isLoopback: Bool {
        LoopbackHost.contains(host)
    }
}
