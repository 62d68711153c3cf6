import Foundation
import Hummingbird

/// Runs a Hummingbird server on 127.0.0.1 and an ephemeral port for the length of `body`, which
/// gets its root URL; the server stops when `body` returns or throws. What `FakeDAVServer` and
/// `ScriptedServer` share.
func runOnLoopback<T: Sendable>(
    serverName: String,
    responder: CallbackResponder<BasicRequestContext>,
    _ body: (URL) async throws -> T
) async throws -> T {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
        responder: responder,
        server: .http1(configuration: .init(idleTimeout: .seconds(10))),
        configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: serverName),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        }
    )
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { portContinuation.finish() }
            try await application.runService()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            try await group.next()
            throw NotListening()
        }
        defer { group.cancelAll() }
        return try await body(URL(string: "http://127.0.0.1:\(port)/")!)
    }
}

/// The server stopped before it listened.
private struct NotListening: Error {}
