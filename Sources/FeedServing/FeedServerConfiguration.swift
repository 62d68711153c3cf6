import Foundation

/// Where the feeds are, the secret that guards them, and where to listen.
public struct FeedServerConfiguration: Sendable {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    /// The two files `followup feed` writes: events for every calendar app, to-dos for the
    /// task-aware ones.
    public static let defaultFileNames = ["events.ics", "tasks.ics"]

    /// The folder that holds the feed files, read anew on every request.
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

    public init(
        feedDirectory: URL,
        token: String,
        host: String = FeedServerConfiguration.defaultHost,
        port: Int = FeedServerConfiguration.defaultPort,
        fileNames: [String] = FeedServerConfiguration.defaultFileNames
    ) {
        self.feedDirectory = feedDirectory
        self.token = token
        self.host = host
        self.port = port
        self.fileNames = fileNames
    }

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
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
