import Foundation
import Synchronization
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FeedServing

/// What a subscribed calendar app gets: the feed, its validators, and 304 when nothing changed.
/// Most of these run a live server on 127.0.0.1 and talk to it over TCP.
struct SubscriptionTests {
    let token = FeedToken.generate()

    /// Runs `body` against a server of `folder`, live unless told otherwise.
    func withServer<Value>(
        _ folder: FeedFolder,
        _ setup: TestingSetup = .live,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let server = FeedServer(configuration: folder.configuration(token: token))
        return try await server.makeApplication().test(setup, body)
    }

    func get(_ client: some TestClientProtocol, _ path: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: headers)
    }

    @Test func getServesTheFeedAsACalendar() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let response = try await withServer(folder) { try await get($0, "/\(token)/events.ics") }
        #expect(response.status == .ok)
        #expect(response.bytes == FeedFolder.sampleEvents)
        #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
        #expect(response.headers[.contentLength] == String(FeedFolder.sampleEvents.count))
        #expect(response.headers[.cacheControl] == "private, no-cache")
    }

    @Test func bothFeedsAreServedEachWithItsOwnContent() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (events, tasks) = try await withServer(folder) { client in
            (try await get(client, "/\(token)/events.ics"), try await get(client, "/\(token)/tasks.ics"))
        }
        #expect(events.bytes == FeedFolder.sampleEvents)
        #expect(tasks.bytes == FeedFolder.sampleTasks)
        #expect(events.headers[.eTag] != tasks.headers[.eTag])
    }

    @Test func entityTagIsTheHashOfTheContent() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let response = try await withServer(folder) { try await get($0, "/\(token)/events.ics") }
        #expect(response.headers[.eTag] == EntityTag.strong(forContent: FeedFolder.sampleEvents).fieldValue)
        #expect(response.headers[.eTag]?.wholeMatch(of: /"[0-9a-f]{16}-[0-9a-f]+"/) != nil)
    }

    @Test func lastModifiedIsTheFileDateToTheSecond() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        try folder.setModificationDate(januarySecond, of: "events.ics")
        let response = try await withServer(folder) { try await get($0, "/\(token)/events.ics") }
        #expect(response.headers[.lastModified] == januarySecondHTTPDate)
    }

    @Test func fileDatedInTheFutureIsAnnouncedAsModifiedNow() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        try folder.setModificationDate(Date(timeIntervalSince1970: 4_102_444_800), of: "events.ics")  // 2100
        let response = try await withServer(folder) { try await get($0, "/\(token)/events.ics") }
        let lastModified = try #require(response.headers[.lastModified].flatMap { HTTPDate.parse($0) })
        #expect(lastModified <= Date())
    }

    // MARK: Conditional requests (RFC 9110 §13)

    @Test func matchingETagGivesNotModified() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (first, second) = try await withServer(folder) { client in
            let first = try await get(client, "/\(token)/events.ics")
            let second = try await get(client, "/\(token)/events.ics", [.ifNoneMatch: first.headers[.eTag] ?? ""])
            return (first, second)
        }
        #expect(second.status == .notModified)
        #expect(second.body.readableBytes == 0)
        #expect(second.headers[.eTag] == first.headers[.eTag])
        #expect(second.headers[.cacheControl] == "private, no-cache")
        #expect(second.headers[.contentLength] == nil)
    }

    @Test func weakOrListedMatchingETagGivesNotModified() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let tag = EntityTag.strong(forContent: FeedFolder.sampleEvents).fieldValue
        let statuses = try await withServer(folder) { client in
            var statuses: [HTTPResponse.Status] = []
            for condition in ["W/\(tag)", "\"older\", \(tag)", "\"a,b\",W/\(tag)", "*"] {
                statuses.append(try await get(client, "/\(token)/events.ics", [.ifNoneMatch: condition]).status)
            }
            return statuses
        }
        #expect(statuses == [.notModified, .notModified, .notModified, .notModified])
    }

    @Test func staleOrMalformedETagGivesTheFeed() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let tag = EntityTag.strong(forContent: FeedFolder.sampleEvents)
        let responses = try await withServer(folder) { client in
            var responses: [TestResponse] = []
            for condition in ["\"0000000000000000-0\"", tag.opaque, "\"\(tag.opaque)"] {
                responses.append(try await get(client, "/\(token)/events.ics", [.ifNoneMatch: condition]))
            }
            return responses
        }
        #expect(responses.map(\.status) == [.ok, .ok, .ok])
        #expect(responses.allSatisfy { $0.bytes == FeedFolder.sampleEvents })
    }

    @Test func ifModifiedSinceTheModificationSecondGivesNotModified() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        try folder.setModificationDate(januarySecond, of: "events.ics")  // 03:04:05.678
        let statuses = try await withServer(folder) { client in
            var statuses: [HTTPResponse.Status] = []
            for date in [
                januarySecondHTTPDate,  // the same second: the fraction does not count
                "Fri, 02 Jan 2026 03:04:06 GMT",  // later
                "Friday, 02-Jan-26 03:04:05 GMT",  // obsolete rfc850-date
                "Fri Jan  2 03:04:05 2026",  // obsolete asctime-date
            ] {
                statuses.append(try await get(client, "/\(token)/events.ics", [.ifModifiedSince: date]).status)
            }
            return statuses
        }
        #expect(statuses == [.notModified, .notModified, .notModified, .notModified])
    }

    @Test func ifModifiedSinceAnEarlierSecondGivesTheFeed() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        try folder.setModificationDate(januarySecond, of: "events.ics")
        let response = try await withServer(folder) {
            try await get($0, "/\(token)/events.ics", [.ifModifiedSince: "Fri, 02 Jan 2026 03:04:04 GMT"])
        }
        #expect(response.status == .ok)
        #expect(response.bytes == FeedFolder.sampleEvents)
    }

    @Test func invalidIfModifiedSinceIsIgnored() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        try folder.setModificationDate(januarySecond, of: "events.ics")
        let statuses = try await withServer(folder) { client in
            var statuses: [HTTPResponse.Status] = []
            for value in ["yesterday", "Fri, 31 Feb 2026 03:04:05 GMT", "\(januarySecondHTTPDate), \(januarySecondHTTPDate)"] {
                statuses.append(try await get(client, "/\(token)/events.ics", [.ifModifiedSince: value]).status)
            }
            return statuses
        }
        #expect(statuses == [.ok, .ok, .ok])
    }

    @Test func ifNoneMatchOverridesIfModifiedSince() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        try folder.setModificationDate(januarySecond, of: "events.ics")
        let response = try await withServer(folder) {
            try await get($0, "/\(token)/events.ics", [.ifNoneMatch: "\"older\"", .ifModifiedSince: "Sat, 03 Jan 2026 00:00:00 GMT"])
        }
        #expect(response.status == .ok)
    }

    // MARK: HEAD

    /// Live, NIO drops a body sent to a HEAD; straight to the router, nothing would.
    @Test(arguments: [TestingSetup.live, .router])
    func headGivesTheHeadersOfGetWithoutTheBody(setup: TestingSetup) async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (full, head) = try await withServer(folder, setup) { client in
            (try await get(client, "/\(token)/events.ics"), try await client.execute(uri: "/\(token)/events.ics", method: .head))
        }
        #expect(head.status == .ok)
        #expect(head.body.readableBytes == 0)
        #expect(head.headers[.contentLength] == String(FeedFolder.sampleEvents.count))
        #expect(head.headers[.contentType] == "text/calendar; charset=utf-8")
        #expect(head.headers[.eTag] == full.headers[.eTag])
        #expect(head.headers[.lastModified] == full.headers[.lastModified])
    }

    @Test func headWithMatchingETagGivesNotModified() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let tag = EntityTag.strong(forContent: FeedFolder.sampleTasks).fieldValue
        let head = try await withServer(folder) {
            try await $0.execute(uri: "/\(token)/tasks.ics", method: .head, headers: [.ifNoneMatch: tag])
        }
        #expect(head.status == .notModified)
    }

    // MARK: Regeneration without restart

    @Test func regeneratedFeedIsServedWithoutRestart() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (before, after, again) = try await withServer(folder) { client in
            let before = try await get(client, "/\(token)/events.ics")
            try folder.publish(FeedFolder.regeneratedEvents, as: "events.ics")
            let after = try await get(client, "/\(token)/events.ics", [.ifNoneMatch: before.headers[.eTag] ?? ""])
            let again = try await get(client, "/\(token)/events.ics", [.ifNoneMatch: after.headers[.eTag] ?? ""])
            return (before, after, again)
        }
        #expect(before.bytes == FeedFolder.sampleEvents)
        #expect(after.status == .ok)
        #expect(after.bytes == FeedFolder.regeneratedEvents)
        #expect(after.headers[.eTag] != before.headers[.eTag])
        #expect(again.status == .notModified)
    }

    @Test func regenerationWithTheSameContentKeepsTheETag() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (before, after) = try await withServer(folder) { client in
            let before = try await get(client, "/\(token)/events.ics")
            try folder.publish(FeedFolder.sampleEvents, as: "events.ics")  // a new file, the same bytes
            let after = try await get(client, "/\(token)/events.ics", [.ifNoneMatch: before.headers[.eTag] ?? ""])
            return (before, after)
        }
        #expect(before.status == .ok)
        #expect(after.status == .notModified)
    }

    @Test func entityTagIsTheSameFromAnotherServer() async throws {
        // What a restart looks like to a client: the same file, a new process.
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let first = try await withServer(folder) { try await get($0, "/\(token)/events.ics") }
        let second = try await withServer(folder) {
            try await get($0, "/\(token)/events.ics", [.ifNoneMatch: first.headers[.eTag] ?? ""])
        }
        #expect(second.status == .notModified)
    }

    @Test func readersNeverSeeHalfAFeedWhileItIsRegenerated() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let versions = [FeedFolder.sampleEvents, FeedFolder.regeneratedEvents]
        let stop = StopFlag()
        // The writer replaces the feed over and over (a bounded number of times) while the
        // client reads it; every response must be one whole version with its own tag.
        let writer = Task.detached {
            var count = 0
            while !stop.isSet, count < 20_000 {
                try folder.publish(versions[count % 2], as: "events.ics")
                count += 1
            }
            return count
        }
        let responses = try await withServer(folder) { client in
            var responses: [TestResponse] = []
            for _ in 0..<100 {
                responses.append(try await get(client, "/\(token)/events.ics"))
            }
            stop.set()
            return responses
        }
        stop.set()
        let writes = try await writer.value
        #expect(writes > 0)
        for response in responses {
            let body = response.bytes
            #expect(versions.contains(body))
            #expect(response.headers[.eTag] == EntityTag.strong(forContent: body).fieldValue)
        }
    }

    @Test func feedLargerThanOneReadIsServedWhole() async throws {
        let folder = try FeedFolder.make()
        defer { folder.remove() }
        // A feed of many interviews: well over the 64 KiB read at a time.
        let text = String(decoding: FeedFolder.sampleEvents, as: UTF8.self)
        let event = text[text.range(of: "BEGIN:VEVENT")!.lowerBound..<text.range(of: "END:VEVENT\r\n")!.upperBound]
        let large = Data((text.replacingOccurrences(of: "END:VCALENDAR", with: String(repeating: String(event), count: 500) + "END:VCALENDAR")).utf8)
        #expect(large.count > 3 * 64 * 1024)
        try folder.publish(large, as: "events.ics")
        let response = try await withServer(folder) { try await get($0, "/\(token)/events.ics") }
        #expect(response.bytes == large)
    }

    // MARK: Missing and unreadable feeds

    @Test func feedNotWrittenYetIsServiceUnavailableUntilItIs() async throws {
        let folder = try FeedFolder.make()
        defer { folder.remove() }
        try folder.publish(FeedFolder.sampleEvents, as: "events.ics")
        let (missing, head, written) = try await withServer(folder) { client in
            let missing = try await get(client, "/\(token)/tasks.ics")
            let head = try await client.execute(uri: "/\(token)/tasks.ics", method: .head)
            try folder.publish(FeedFolder.sampleTasks, as: "tasks.ics")
            return (missing, head, try await get(client, "/\(token)/tasks.ics"))
        }
        #expect(missing.status == .serviceUnavailable)
        #expect(missing.headers[.retryAfter] == "300")
        #expect(String(decoding: missing.bytes, as: UTF8.self) == "the feed tasks.ics has not been written yet\n")
        #expect(head.status == .serviceUnavailable)
        #expect(head.body.readableBytes == 0)
        #expect(written.status == .ok)
        #expect(written.bytes == FeedFolder.sampleTasks)
    }

    @Test func missingFeedWithAWrongTokenIsNotFound() async throws {
        let folder = try FeedFolder.make()
        defer { folder.remove() }
        let response = try await withServer(folder) { try await get($0, "/\(FeedToken.generate())/tasks.ics") }
        #expect(response.status == .notFound)
    }

    @Test func unreadableFeedIsAServerErrorAndTheOtherFeedStillWorks() async throws {
        let folder = try FeedFolder.make()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("events.ics"), withIntermediateDirectories: false)
        try folder.publish(FeedFolder.sampleTasks, as: "tasks.ics")
        let (events, tasks) = try await withServer(folder) { client in
            (try await get(client, "/\(token)/events.ics"), try await get(client, "/\(token)/tasks.ics"))
        }
        #expect(events.status == .internalServerError)
        #expect(tasks.status == .ok)
    }
}

extension TestResponse {
    var bytes: Data { Data(body.readableBytesView) }
}

/// Tells the writer of the regeneration test to stop.
final class StopFlag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
