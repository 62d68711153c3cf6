import FollowUpSupport
import Foundation
import Synchronization
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves the feed files over HTTP, for calendar apps to subscribe to.
///
/// Each file of the configuration is at `/<token>/<file>`; every other path, and every path
/// with a wrong token, is 404. The files are read anew on each request, so a feed regenerated
/// by `followup feed` (temporary file, then rename) is served at once, without a restart.
///
/// | request | response |
/// | --- | --- |
/// | `GET /<token>/events.ics` | 200, `text/calendar; charset=utf-8`, `ETag`, `Last-Modified` |
/// | the same with a matching `If-None-Match`, or an `If-Modified-Since` not older than the file | 304 |
/// | `HEAD` | the headers of the `GET`, no body |
/// | a wrong or missing token, another file name, `..`, another method | 404 |
/// | a feed file that has not been written yet | 503 with `Retry-After`, so apps keep the subscription |
/// | a feed file that cannot be read (permissions, a directory) | 500, and a warning in the log |
///
/// Other methods get 404 rather than 405: without the token, nothing about a path is told.
/// `Last-Modified` has a precision of one second, so a feed rewritten twice within a second
/// keeps its date; its entity tag changes all the same, and `If-None-Match`, when a client
/// sends it, decides over `If-Modified-Since`.
///
/// ```swift
/// let server = FeedServer(configuration: .init(feedDirectory: feeds, token: token))
/// try await server.run { urls in urls.forEach { print($0) } }
/// ```
public struct FeedServer: Sendable {
    public let configuration: FeedServerConfiguration

    public init(configuration: FeedServerConfiguration) {
        self.configuration = configuration
    }

    /// The logger of the server: warnings only. No message names the token.
    static let logger: Logger = {
        var logger = Logger(label: "followup.feed-server")
        logger.logLevel = .warning
        return logger
    }()

    /// Builds the Hummingbird application (routes under `/<token>/<file>`), for tests and for ``run(onReady:)``.
    public func makeApplication() -> some ApplicationProtocol {
        makeApplication(onServerRunning: { _ in })
    }

    func makeApplication(
        onServerRunning: @escaping @Sendable (any Channel) async -> Void
    ) -> Application<RouterResponder<BasicRequestContext>> {
        let endpoint = FeedEndpoint(
            directory: configuration.feedDirectory,
            token: configuration.token,
            fileNames: Set(configuration.fileNames),
            logger: Self.logger
        )
        let router = Router(context: BasicRequestContext.self)
        router.get("{token}/{file}") { request, context in try endpoint.respond(to: request, context: context) }
        router.head("{token}/{file}") { request, context in try endpoint.respond(to: request, context: context) }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: onServerRunning,
            logger: Self.logger
        )
    }

    /// Runs until the task is cancelled or the process gets SIGINT or SIGTERM, then shuts down
    /// gracefully (requests in flight are answered) and returns.
    ///
    /// `onReady` receives ``subscriptionURLs(host:port:token:fileNames:)`` once the server
    /// listens, with the real port when the configuration asks for port 0.
    ///
    /// - Throws: ``FeedServerError`` when the configuration is not valid or the address
    ///   cannot be bound (the port is taken, the host is unknown).
    public func run(onReady: @escaping @Sendable ([URL]) -> Void) async throws {
        try configuration.validate()
        warnAboutMissingFeeds()
        let configuration = configuration
        let listening = ListeningFlag()
        let application = makeApplication { channel in
            listening.set()
            let port = channel.localAddress?.port ?? configuration.port
            onReady(Self.subscriptionURLs(host: configuration.host, port: port, token: configuration.token, fileNames: configuration.fileNames))
        }
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: Self.logger)
        )
        // Cancelling the caller's task shuts down the way a signal does: the listener closes,
        // requests in flight are answered. Hence the group runs in a task of its own, which the
        // caller's cancellation does not reach directly.
        let running = Task { try await group.run() }
        do {
            try await withTaskCancellationHandler {
                try await running.value
            } onCancel: {
                Task { await group.triggerGracefulShutdown() }
            }
        } catch let error where !listening.isSet {
            throw FeedServerError.cannotListen(host: configuration.host, port: configuration.port, reason: Self.reason(error))
        }
    }

    /// The URLs to subscribe to, for each file in order: `webcal://` (which opens the
    /// subscription dialog of Apple Calendar, Outlook and others), then `http://` (for apps
    /// that ask for a plain URL, such as Thunderbird, Evolution and ICSx5).
    ///
    /// ```swift
    /// FeedServer.subscriptionURLs(host: "127.0.0.1", port: 8080, token: "T", fileNames: ["events.ics"])
    /// // [webcal://127.0.0.1:8080/T/events.ics, http://127.0.0.1:8080/T/events.ics]
    /// ```
    /// An IPv6 address is put in brackets; a segment with characters a URL path cannot hold is
    /// percent-encoded. A server listening on every address (`0.0.0.0`, `::`) is reached by
    /// the machine's name, `machineName`, since a calendar cannot subscribe to `0.0.0.0`.
    public static func subscriptionURLs(host: String, port: Int, token: String, fileNames: [String],
                                        machineName: @autoclosure () -> String = FeedServer.machineName()) -> [URL] {
        let reachable = ["0.0.0.0", "::", "[::]", "*"].contains(host) ? machineName() : host
        let authority = (reachable.contains(":") && !reachable.hasPrefix("[") ? "[\(reachable)]" : reachable) + ":\(port)"
        func segment(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: unreservedCharacters) ?? text
        }
        return fileNames.flatMap { file in
            ["webcal", "http"].compactMap { scheme in
                URL(string: "\(scheme)://\(authority)/\(segment(token))/\(segment(file))")
            }
        }
    }

    /// This machine's host name, as other machines on the network may know it.
    public static func machineName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    private static let unreservedCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private func warnAboutMissingFeeds() {
        for file in configuration.fileNames {
            let path = configuration.feedDirectory.appendingPathComponent(file).path
            if !FileManager.default.fileExists(atPath: path) {
                Self.logger.warning("no feed at \(path) yet: it is answered with 503 until it is written")
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let ioError = error as? IOError {
            let message = systemErrorMessage(ioError.errnoCode)
            return message.prefix(1).lowercased() + message.dropFirst()
        }
        return String(describing: error)
    }
}

/// Set once the server listens: an error before that is a failure to start.
private final class ListeningFlag: Sendable {
    private let value = Atomic(false)

    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
