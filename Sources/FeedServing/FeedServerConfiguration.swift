import FollowUpSupport
import Foundation
import HummingbirdTLS
import NIOSSL

/// Where the feeds are, the secret that guards them, and where to listen.
public struct FeedServerConfiguration: Sendable {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    /// The two files `followup feed` writes: events for every calendar app, to-dos for the
    /// task-aware ones.
    public static let defaultFileNames = ["events.ics", "tasks.ics"]
    /// How long a connection may stay silent, before its first request, between requests, or
    /// part-way through a request's headers, before the server closes it.
    public static let defaultIdleTimeout = Duration.seconds(10)
    /// Open connections at most; more wait in the kernel's queue until one closes. Enough for
    /// every calendar of a household many times over, and bounded memory whoever connects.
    public static let defaultMaxConnections = 4096

    /// The folder that holds the feed files, looked at (`stat`) on every request and read when a file changed.
    public var feedDirectory: URL
    /// The secret path segment: `http://host:port/<token>/<file>`. See ``FeedToken``.
    public var token: String
    /// The address to listen on. The default serves this machine only; `0.0.0.0` serves the
    /// network, to anyone who has the URL.
    public var host: String
    /// The TCP port; 0 picks a free one (``FeedServer/run(onReady:)`` reports which).
    public var port: Int
    /// The files served, each a single path segment under the token. No other file in
    /// ``feedDirectory`` is reachable.
    public var fileNames: [String]
    /// The certificate and key to serve HTTPS with; `nil` serves plain HTTP.
    public var tls: TLSFiles?
    public var idleTimeout: Duration
    public var maxConnections: Int

    public init(
        feedDirectory: URL,
        token: String,
        host: String = FeedServerConfiguration.defaultHost,
        port: Int = FeedServerConfiguration.defaultPort,
        fileNames: [String] = FeedServerConfiguration.defaultFileNames,
        tls: TLSFiles? = nil,
        idleTimeout: Duration = FeedServerConfiguration.defaultIdleTimeout,
        maxConnections: Int = FeedServerConfiguration.defaultMaxConnections
    ) {
        self.feedDirectory = feedDirectory
        self.token = token
        self.host = host
        self.port = port
        self.fileNames = fileNames
        self.tls = tls
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// The scheme of the URLs served: `https` with TLS, `http` without.
    public var scheme: String { tls == nil ? "http" : "https" }

    /// Whether the feed, and the token in its URL, would cross a network unencrypted: plain
    /// HTTP on an address other than this machine's loopback (`0.0.0.0` is every address).
    public var isInTheClear: Bool { tls == nil && !LoopbackHost.contains(host) }

    /// Throws the first problem that would make the server unsafe or its URLs unusable.
    public func validate() throws(FeedServerError) {
        guard FeedToken.isWellFormed(token) else { throw .malformedToken }
        guard !fileNames.isEmpty else { throw .noFeedFiles }
        for name in fileNames {
            // One URL path segment that needs no escaping and is a plain file name in the folder.
            guard !name.isEmpty, name.utf8.allSatisfy(FeedToken.isUnreserved), name != ".", name != ".." else {
                throw .invalidFileName(name)
            }
        }
        guard (0...65535).contains(port) else { throw .invalidPort(port) }
        guard !host.isEmpty else { throw .invalidHost(host) }
        guard maxConnections > 0 else { throw .invalidMaxConnections(maxConnections) }
        guard idleTimeout > .zero else { throw .invalidIdleTimeout }
        if let tls { _ = try tls.serverConfiguration() }
    }
}

/// The PEM files of an HTTPS server: its certificate (followed by any intermediate
/// certificates) and the private key that goes with it, not encrypted.
public struct TLSFiles: Sendable, Equatable {
    public var certificateChain: String
    public var privateKey: String

    public init(certificateChain: String, privateKey: String) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
    }

    /// Reads both files and checks that the key is the certificate's.
    func serverConfiguration() throws(FeedServerError) -> TLSConfiguration {
        func readable(_ path: String) throws(FeedServerError) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unusableTLSFile(path: path, reason: "no such file")
            }
            guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
                throw .unusableTLSFile(path: path, reason: isDirectory.boolValue ? "it is a directory" : "permission denied")
            }
        }
        try readable(certificateChain)
        try readable(privateKey)
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(certificateChain)
        } catch {
            throw .unusableTLSFile(path: certificateChain, reason: "not a PEM certificate")
        }
        guard !certificates.isEmpty else {
            throw .unusableTLSFile(path: certificateChain, reason: "no certificate in it (expected a PEM 'BEGIN CERTIFICATE' block)")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKey, format: .pem)
        } catch {
            throw .unusableTLSFile(path: privateKey, reason: "not an unencrypted PEM private key")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            // Building the context is where OpenSSL checks that the key belongs to the certificate.
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw .unusableTLSFile(path: privateKey, reason: "it is not the key of the certificate in \(certificateChain)")
        }
        return configuration
    }
}

/// Why the feed server cannot start. The messages never contain the token.
public enum FeedServerError: Error, Equatable, CustomStringConvertible {
    /// The token is too short or has characters a URL path would have to escape.
    case malformedToken
    case noFeedFiles
    case invalidFileName(String)
    case invalidPort(Int)
    case invalidHost(String)
    case invalidMaxConnections(Int)
    case invalidIdleTimeout
    /// A certificate or key file that is missing, unreadable or not what it should be.
    case unusableTLSFile(path: String, reason: String)
    /// Binding the address failed, for example because another program uses the port.
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .malformedToken:
            "the feed token must be at least \(FeedToken.minimumLength) characters of letters, digits, '-', '.', '_' or '~'"
        case .noFeedFiles:
            "no feed files to serve"
        case .invalidFileName(let name):
            "cannot serve the feed file '\(name)': a feed name is one file name of letters, digits, '-', '.', '_' or '~'"
        case .invalidPort(let port):
            "port \(port) is not between 0 and 65535"
        case .invalidHost(let host):
            "'\(host)' is not a host to listen on"
        case .invalidMaxConnections(let count):
            "the connection limit must be at least 1, not \(count)"
        case .invalidIdleTimeout:
            "the idle timeout must be longer than zero"
        case .unusableTLSFile(let path, let reason):
            "cannot use \(path) for TLS: \(reason)"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
