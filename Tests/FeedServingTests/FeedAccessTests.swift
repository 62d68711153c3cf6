import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FeedServing

/// Only the two feeds, and only with the token: everything else is 404, the same 404 whatever
/// was wrong, and nothing outside the feed folder can be reached.
struct FeedAccessTests {
    let token = FeedToken.generate()

    /// The status and body of GET `path` for each path, from a live server of a folder that
    /// holds the feeds, the store's database and notes, and a secret file beside it.
    func responses(to paths: [String], method: HTTPRequest.Method = .get) async throws -> [(status: HTTPResponse.Status, body: String)] {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        try Data("SQLite format 3\0".utf8).write(to: folder.url.appendingPathComponent("followup.sqlite"))
        try Data("notes\n".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))
        let server = FeedServer(configuration: folder.configuration(token: token))
        return try await server.makeApplication().test(.live) { client in
            var results: [(status: HTTPResponse.Status, body: String)] = []
            for path in paths {
                let response = try await client.execute(uri: path, method: method)
                results.append((response.status, String(decoding: response.bytes, as: UTF8.self)))
            }
            return results
        }
    }

    @Test func theRightTokenServesTheFeed() async throws {
        // The control for every test below: the same server, the right path.
        let results = try await responses(to: ["/\(token)/events.ics", "/\(token)/tasks.ics"])
        #expect(results.map(\.status) == [.ok, .ok])
    }

    @Test func wrongTokenIsNotFound() async throws {
        let lastChanged = String(token.dropLast()) + (token.last == "A" ? "B" : "A")
        let results = try await responses(to: [
            "/\(FeedToken.generate())/events.ics",
            "/\(lastChanged)/events.ics",  // right but for one character
            "/\(token.dropLast())/events.ics",  // a prefix
            "/\(token)x/events.ics",  // longer
            "/\(token.uppercased())/events.ics",
        ])
        #expect(results.map(\.status) == Array(repeating: .notFound, count: 5))
    }

    @Test func missingTokenIsNotFound() async throws {
        let results = try await responses(to: ["/events.ics", "/tasks.ics", "/", "//events.ics", "/\(token)"])
        #expect(results.map(\.status) == Array(repeating: .notFound, count: 5))
    }

    @Test func filesBesideTheFeedsAreNotFound() async throws {
        let results = try await responses(to: [
            "/\(token)/followup.sqlite",
            "/\(token)/notes.txt",
            "/\(token)/",
            "/\(token)/events.ics/extra",
            "/\(token)/EVENTS.ICS",
            "/\(token)/events.ics.tmp",
        ])
        #expect(results.map(\.status) == Array(repeating: .notFound, count: 6))
        #expect(!results.contains { $0.body.contains("SQLite") || $0.body.contains("notes") })
    }

    @Test func pathTraversalIsNotFound() async throws {
        let results = try await responses(to: [
            "/\(token)/../secret.txt",
            "/\(token)/..%2Fsecret.txt",
            "/\(token)/%2e%2e/secret.txt",
            "/\(token)/%2E%2E%2Fsecret.txt",
            "/\(token)/..",
            "/\(token)/.",
            "/\(token)/./events.ics",
            "/\(token)/../feeds/events.ics",
            "/../\(token)/events.ics",
            "/\(token)/%2Fetc%2Fpasswd",
        ])
        #expect(results.map(\.status) == Array(repeating: .notFound, count: 10))
        #expect(!results.contains { $0.body.contains("secret") || $0.body.contains("root:") })
    }

    @Test func wrongTokenAndWrongFileGetTheSameAnswer() async throws {
        let results = try await responses(to: ["/\(FeedToken.generate())/events.ics", "/\(token)/notes.txt"])
        #expect(results[0].status == results[1].status)
        #expect(results[0].body == results[1].body)
    }

    @Test func requestsThatWouldChangeAFeedAreNotFound() async throws {
        for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
            let results = try await responses(to: ["/\(token)/events.ics"], method: method)
            #expect(results.map(\.status) == [.notFound], "\(method)")
        }
    }

    @Test func aFeedReplacedByASymbolicLinkIsNotFollowed() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let events = folder.url.appendingPathComponent("events.ics").path
        let secret = folder.url.deletingLastPathComponent().appendingPathComponent("secret.txt").path
        let server = FeedServer(configuration: folder.configuration(token: token))
        let bodies = try await server.makeApplication().test(.live) { client in
            // Served once as the regular file it was, so the cache knows it, then a link.
            let before = try await client.execute(uri: "/\(token)/events.ics", method: .get)
            #expect(before.status == .ok)
            #expect(unlink(events) == 0)
            #expect(symlink(secret, events) == 0)
            var bodies: [(HTTPResponse.Status, String)] = []
            for uri in ["/\(token)/events.ics", "/\(token)/events.ics"] {
                let response = try await client.execute(uri: uri, method: .get)
                bodies.append((response.status, String(decoding: response.bytes, as: UTF8.self)))
            }
            return bodies
        }
        #expect(bodies.allSatisfy { $0.0 != .ok && !$0.1.contains("secret") })
    }

    @Test func aSymbolicLinkIsNotReadEvenWhereItsTargetIsARegularFile() throws {
        let folder = try FeedFolder.make()
        defer { folder.remove() }
        let link = folder.url.appendingPathComponent("events.ics").path
        #expect(symlink(folder.url.deletingLastPathComponent().appendingPathComponent("secret.txt").path, link) == 0)
        #expect(throws: FeedSnapshot.ReadError.notARegularFile) { try FeedSnapshot.load(path: link) }
        #expect(throws: FeedSnapshot.ReadError.notARegularFile) { try FeedCache().feed(named: "events.ics", path: link) }
    }
}
