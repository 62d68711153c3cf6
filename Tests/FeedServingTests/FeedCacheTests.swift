import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import FollowUpTestSupport

@testable import FeedServing

/// Validators and bodies kept per file version: a poll that finds nothing new costs a `stat`,
/// and the gzip variant is made once per version.
struct FeedCacheTests {
    let token = FeedToken.generate()

    /// Runs `body` against a live server of `folder` and returns its result with the cache's
    /// statistics afterwards.
    func withServer<Value: Sendable>(
        _ folder: FeedFolder,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> (Value, FeedCache.Statistics) {
        let server = FeedServer(configuration: folder.configuration(token: token))
        let value = try await server.makeApplication().test(.live, body)
        return (value, server.cache.statistics)
    }

    func get(_ client: some TestClientProtocol, _ path: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: headers)
    }

    @Test func conditionalGetsOfAnUnchangedFeedReadNoContent() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let path = "/\(token)/events.ics"
        let (statuses, statistics) = try await withServer(folder) { client in
            let first = try await get(client, path)
            let tag = try #require(first.headers[.eTag])
            var statuses = [first.status]
            for _ in 0..<5 {
                statuses.append(try await get(client, path, [.ifNoneMatch: tag]).status)
            }
            return statuses
        }
        #expect(statuses == [.ok] + Array(repeating: .notModified, count: 5))
        #expect(statistics.contentReads == 1)
    }

    @Test func fullResponsesOfAnUnchangedFeedShareOneRead() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (bodies, statistics) = try await withServer(folder) { client in
            var bodies: [Data] = []
            for _ in 0..<3 { bodies.append(Data(try await get(client, "/\(token)/events.ics").bytes)) }
            return bodies
        }
        #expect(bodies == Array(repeating: FeedFolder.sampleEvents, count: 3))
        #expect(statistics.contentReads == 1)
    }

    @Test func aRegeneratedFeedIsReadAgainAndGetsANewTag() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let path = "/\(token)/events.ics"
        let ((before, after, revalidated), statistics) = try await withServer(folder) { client in
            let before = try await get(client, path)
            try folder.publish(FeedFolder.regeneratedEvents, as: "events.ics")
            let after = try await get(client, path, [.ifNoneMatch: before.headers[.eTag] ?? ""])
            let revalidated = try await get(client, path, [.ifNoneMatch: after.headers[.eTag] ?? ""])
            return (before, after, revalidated)
        }
        #expect(after.status == .ok)
        #expect(Data(after.bytes) == FeedFolder.regeneratedEvents)
        #expect(after.headers[.eTag] != before.headers[.eTag])
        #expect(revalidated.status == .notModified)
        #expect(statistics.contentReads == 2)
    }

    @Test func aFeedRewrittenInPlaceIsSeenByItsModificationTime() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let path = "/\(token)/events.ics"
        let (dates, statistics) = try await withServer(folder) { client in
            let before = try await get(client, path).headers[.lastModified]
            try folder.setModificationDate(januarySecond, of: "events.ics")
            let after = try await get(client, path).headers[.lastModified]
            return [before, after]
        }
        #expect(dates[1] == januarySecondHTTPDate)
        #expect(dates[0] != dates[1])
        #expect(statistics.contentReads == 2)
    }

    @Test func gzipIsSentToClientsThatAcceptItAndDecompressesToTheFeed() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let path = "/\(token)/events.ics"
        let ((plain, zipped, again), statistics) = try await withServer(folder) { client in
            let plain = try await get(client, path)
            let zipped = try await get(client, path, [.acceptEncoding: "gzip, deflate, br"])
            let again = try await get(client, path, [.acceptEncoding: "gzip"])
            return (plain, zipped, again)
        }
        #expect(plain.headers[.contentEncoding] == nil)
        #expect(plain.headers[.vary] == "Accept-Encoding")
        #expect(zipped.status == .ok)
        #expect(zipped.headers[.contentEncoding] == "gzip")
        #expect(zipped.headers[.vary] == "Accept-Encoding")
        #expect(zipped.headers[.contentLength] == String(zipped.bytes.count))
        #expect(zipped.bytes.count < FeedFolder.sampleEvents.count / 2)
        // Another representation, another strong tag.
        let plainTag = try #require(plain.headers[.eTag])
        let zippedTag = try #require(zipped.headers[.eTag])
        #expect(zippedTag != plainTag)
        #expect(!zippedTag.hasPrefix("W/"))
        #expect(try gunzip(Data(zipped.bytes)) == FeedFolder.sampleEvents)
        #expect(Data(again.bytes) == Data(zipped.bytes))
        #expect(statistics.compressions == 1)
        #expect(statistics.contentReads == 1)
    }

    @Test func theGzipTagRevalidatesOnlyTheGzipVariant() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let path = "/\(token)/events.ics"
        let (statuses, encodings) = try await withServer(folder) { client in
            let zippedTag = try await get(client, path, [.acceptEncoding: "gzip"]).headers[.eTag] ?? ""
            let zipped = try await get(client, path, [.acceptEncoding: "gzip", .ifNoneMatch: zippedTag])
            // A client that no longer accepts gzip has not got the plain feed: it gets it now.
            let plain = try await get(client, path, [.ifNoneMatch: zippedTag])
            return ([zipped.status, plain.status], [zipped.headers[.eTag] == zippedTag, plain.headers[.contentEncoding] == nil])
        }.0
        #expect(statuses == [.notModified, .ok])
        #expect(encodings == [true, true])
    }

    @Test func headOfTheGzipVariantHasItsLengthAndNoBody() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let path = "/\(token)/events.ics"
        let (head, get) = try await withServer(folder) { client in
            let head = try await client.execute(uri: path, method: .head, headers: [.acceptEncoding: "gzip"])
            let get = try await self.get(client, path, [.acceptEncoding: "gzip"])
            return (head, get)
        }.0
        #expect(head.status == .ok)
        #expect(head.bytes.isEmpty)
        #expect(head.headers[.contentEncoding] == "gzip")
        #expect(head.headers[.contentLength] == String(get.bytes.count))
        #expect(head.headers[.eTag] == get.headers[.eTag])
    }

    @Test(arguments: [
        ("gzip", true), ("GZIP", true), ("x-gzip", true), ("deflate, gzip;q=0.5", true), ("*", true),
        ("gzip;q=0", false), ("identity", false), ("", false), ("br, deflate", false), ("*, gzip;q=0", false),
        ("gzip; q=0.000", false), ("*;q=0", false), ("gzip;q=abc", false),
    ])
    func acceptEncodingDecidesOnGzip(field: String, accepted: Bool) {
        #expect(AcceptEncoding.allowsGzip(field) == accepted)
    }

    @Test func noAcceptEncodingMeansNoGzip() {
        #expect(!AcceptEncoding.allowsGzip(nil))
    }
}

/// `data` decompressed by the system's `gzip`, a decoder other than the server's zlib calls.
func gunzip(_ data: Data) throws -> Data {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let input = folder.url("feed.gz")
    try data.write(to: input)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["--decompress", "--stdout", input.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let bytes = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
    return bytes
}

