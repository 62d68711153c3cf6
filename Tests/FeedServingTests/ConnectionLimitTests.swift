import Foundation
import Testing

@testable import FeedServing

/// Whoever connects, the server stays bounded: silent and half-finished connections are
/// closed after the idle timeout, and no more than the limit are open at once.
struct ConnectionLimitTests {
    let token = FeedToken.generate()

    /// A live server of the sample feeds with `idleTimeout` and `maxConnections`, its port
    /// passed to `body`; stopped after.
    func withServer<Value>(
        idleTimeout: Duration, maxConnections: Int = FeedServerConfiguration.defaultMaxConnections,
        _ body: (Int) async throws -> Value
    ) async throws -> Value {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        var configuration = folder.configuration(token: token)
        configuration.idleTimeout = idleTimeout
        configuration.maxConnections = maxConnections
        return try await FeedServer(configuration: configuration).whileRunning { urls in
            try await body(try #require(urls.first?.port))
        }
    }

    var request: String { "GET /\(token)/events.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" }

    @Test func headersThatNeverEndAreClosedAfterTheTimeout() async throws {
        try await withServer(idleTimeout: .seconds(1)) { port in
            let connection = try RawConnection(port: port)
            let start = ContinuousClock.now
            try connection.send("GET /\(token)/events.ics HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
            let received = await connection.receiveUntilClosed(within: .seconds(8))
            #expect(received == [], "closed without an answer")
            #expect(ContinuousClock.now - start >= .milliseconds(900))
        }
    }

    @Test func headersTrickledByteByByteAreClosedAfterTheTimeout() async throws {
        try await withServer(idleTimeout: .seconds(1)) { port in
            let connection = try RawConnection(port: port)
            let start = ContinuousClock.now
            var closed = false
            // A header byte every 100 ms keeps the socket busy but never finishes the request.
            for byte in "GET /\(token)/events.ics HTTP/1.1\r\nX-Padding: ".utf8 + Array(repeating: UInt8(ascii: "a"), count: 100) {
                let received = await connection.receive(within: .milliseconds(100))
                if received == .closed || (try? connection.send(String(decoding: [byte], as: UTF8.self))) == nil {
                    closed = true
                    break
                }
            }
            #expect(closed)
            // The whole trickle takes over 15 s: closing well before its end is the timeout at
            // work, with room for a machine busy with other tests.
            #expect(ContinuousClock.now - start < .seconds(12))
        }
    }

    @Test func aSilentConnectionIsClosedAfterTheTimeout() async throws {
        try await withServer(idleTimeout: .seconds(1)) { port in
            let connection = try RawConnection(port: port)
            let received = await connection.receiveUntilClosed(within: .seconds(8))
            #expect(received == [])
        }
    }

    @Test func anIdleKeptAliveConnectionIsClosedAfterItsResponse() async throws {
        try await withServer(idleTimeout: .seconds(1)) { port in
            let connection = try RawConnection(port: port)
            try connection.send(request)
            let answer = await connection.receiveUntilClosed(within: .seconds(8))
            let received = try #require(answer)
            #expect(String(decoding: received, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK\r\n"))
        }
    }

    @Test func aConnectionBeyondTheLimitWaitsUntilAnotherCloses() async throws {
        try await withServer(idleTimeout: .seconds(30), maxConnections: 2) { port in
            var held = [try RawConnection(port: port), try RawConnection(port: port)]
            // Both held connections are served: the server has accepted them.
            for connection in held {
                try connection.send(request)
                guard case .bytes(let bytes) = await connection.receive(within: .seconds(5)) else {
                    Issue.record("a connection within the limit got no answer")
                    return
                }
                #expect(String(decoding: bytes.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
            }
            let third = try RawConnection(port: port)  // the kernel's queue takes it
            try third.send(request)
            let early = await third.receive(within: .seconds(1))
            #expect(early == .nothing)
            held.removeFirst()  // closes it
            guard case .bytes(let bytes) = await third.receive(within: .seconds(5)) else {
                Issue.record("the waiting connection got no answer after another closed")
                return
            }
            #expect(String(decoding: bytes.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
        }
    }

    @Test func aLimitBelowOneIsRefused() {
        var configuration = FeedServerConfiguration(feedDirectory: URL(fileURLWithPath: "/tmp"), token: token)
        configuration.maxConnections = 0
        #expect(throws: FeedServerError.invalidMaxConnections(0)) { try configuration.validate() }
    }
}
