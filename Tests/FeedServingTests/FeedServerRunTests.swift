import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FeedServing

/// `followup serve` as the CLI runs it: `FeedServer.run(onReady:)` on 127.0.0.1.
struct FeedServerRunTests {
    let token = FeedToken.generate()

    func get(port: Int, path: String) async throws -> TestClient.Response {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(TestClient.Request(path, method: .get, authority: "127.0.0.1:\(port)"))
        }
    }

    @Test func runReportsTheURLsWithTheRealPortAndServesThem() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (reported, task) = await FeedServer(configuration: folder.configuration(token: token)).started()
        defer { task.cancel() }
        let urls = try #require(reported)
        let port = try #require(urls.first?.port)
        #expect(port != 0)
        #expect(urls.map(\.absoluteString) == [
            "webcal://127.0.0.1:\(port)/\(token)/events.ics",
            "http://127.0.0.1:\(port)/\(token)/events.ics",
            "webcal://127.0.0.1:\(port)/\(token)/tasks.ics",
            "http://127.0.0.1:\(port)/\(token)/tasks.ics",
        ])
        let response = try await get(port: port, path: urls[3].path)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
        #expect(response.body.map { Data($0.readableBytesView) } == FeedFolder.sampleTasks)
    }

    @Test func runReturnsWhenCancelled() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (reported, task) = await FeedServer(configuration: folder.configuration(token: token)).started()
        let port = try #require(reported?.first?.port)
        task.cancel()
        try await task.value
        // Nobody listens on the port any more.
        await #expect(throws: (any Error).self) { try await get(port: port, path: "/\(token)/events.ics") }
    }

    @Test func portInUseIsAnErrorThatSaysSo() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let (reported, first) = await FeedServer(configuration: folder.configuration(token: token)).started()
        defer { first.cancel() }
        let port = try #require(reported?.first?.port)
        var configuration = folder.configuration(token: token)
        configuration.port = port
        let error = await #expect(throws: FeedServerError.self) {
            try await FeedServer(configuration: configuration).run { _ in Issue.record("a second server listens on \(port)") }
        }
        #expect(error == .cannotListen(host: "127.0.0.1", port: port, reason: "address already in use"))
        #expect(error?.description == "cannot listen on 127.0.0.1:\(port): address already in use")
    }

    @Test func malformedTokenIsRefusedBeforeListening() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        await #expect(throws: FeedServerError.malformedToken) {
            try await FeedServer(configuration: folder.configuration(token: "secret")).run { _ in Issue.record("listening") }
        }
    }

    @Test func errorsNeverShowTheToken() async throws {
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        let shortToken = "tooshort-but-secret"
        let error = await #expect(throws: FeedServerError.self) {
            try await FeedServer(configuration: folder.configuration(token: shortToken)).run { _ in }
        }
        #expect(error.map { !"\($0)".contains(shortToken) } == true)
    }
}

/// What a configuration must hold before a server starts.
struct FeedServerConfigurationTests {
    let folder = URL(fileURLWithPath: "/nonexistent/feeds")
    let token = FeedToken.generate()

    @Test func defaultsServeBothFeedsOnThisMachineOnly() throws {
        let configuration = FeedServerConfiguration(feedDirectory: folder, token: token)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.fileNames == ["events.ics", "tasks.ics"])
        try configuration.validate()
    }

    @Test func feedNamesMustBeOnePlainFileName() {
        for name in ["", ".", "..", "../events.ics", "feeds/events.ics", "/etc/passwd", "my events.ics", "events%2Eics"] {
            let configuration = FeedServerConfiguration(feedDirectory: folder, token: token, fileNames: ["events.ics", name])
            #expect(throws: FeedServerError.invalidFileName(name)) { try configuration.validate() }
        }
    }

    @Test func thereIsAtLeastOneFeed() {
        let configuration = FeedServerConfiguration(feedDirectory: folder, token: token, fileNames: [])
        #expect(throws: FeedServerError.noFeedFiles) { try configuration.validate() }
    }

    @Test func portIsATCPPort() {
        for port in [-1, 65_536] {
            let configuration = FeedServerConfiguration(feedDirectory: folder, token: token, port: port)
            #expect(throws: FeedServerError.invalidPort(port)) { try configuration.validate() }
        }
    }

    @Test func subscriptionURLsPutEachFeedAsWebcalThenHTTP() {
        let urls = FeedServer.subscriptionURLs(host: "192.0.2.7", port: 8080, token: "T0k-en_", fileNames: ["events.ics", "tasks.ics"])
        #expect(urls.map(\.absoluteString) == [
            "webcal://192.0.2.7:8080/T0k-en_/events.ics",
            "http://192.0.2.7:8080/T0k-en_/events.ics",
            "webcal://192.0.2.7:8080/T0k-en_/tasks.ics",
            "http://192.0.2.7:8080/T0k-en_/tasks.ics",
        ])
    }

    @Test(arguments: ["0.0.0.0", "::"])
    func subscriptionURLsOfEveryAddressNameTheMachine(host: String) {
        let urls = FeedServer.subscriptionURLs(host: host, port: 8080, token: "t", fileNames: ["events.ics"], machineName: "laptop.local")
        #expect(urls.map(\.absoluteString) == ["webcal://laptop.local:8080/t/events.ics", "http://laptop.local:8080/t/events.ics"])
    }

    @Test func machineNameIsNeverEmpty() {
        #expect(!FeedServer.machineName().isEmpty)
    }

    @Test func subscriptionURLsBracketAnIPv6Address() {
        let urls = FeedServer.subscriptionURLs(host: "::1", port: 8080, token: "t", fileNames: ["events.ics"])
        #expect(urls.map(\.absoluteString) == ["webcal://[::1]:8080/t/events.ics", "http://[::1]:8080/t/events.ics"])
    }
}
