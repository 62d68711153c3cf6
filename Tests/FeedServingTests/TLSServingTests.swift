import Foundation
import Hummingbird
import HummingbirdTesting
import NIOSSL
import Testing
import FollowUpTestSupport

@testable import FeedServing

/// `serve --tls-cert FILE --tls-key FILE`: the feed over HTTPS, with a self-signed certificate
/// made for the test by the `openssl` command.
struct TLSServingTests {
    let token = FeedToken.generate()

    /// A new self-signed certificate for `localhost` and 127.0.0.1, and its key, as PEM files.
    static func makeCertificate(in folder: ScratchFolder, name: String = "server") throws -> TLSFiles {
        let files = TLSFiles(certificateChain: folder.url("\(name).crt").path, privateKey: folder.url("\(name).key").path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", files.privateKey, "-out", files.certificateChain, "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return files
    }

    func clientConfiguration(trusting files: TLSFiles) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(files.certificateChain))
        return configuration
    }

    /// A server of the sample feeds over HTTPS with a new certificate, running during `body`,
    /// which gets its URLs, the certificate's files and the scratch folder they are in.
    func whileServingOverHTTPS(_ body: ([URL], TLSFiles, ScratchFolder) async throws -> Void) async throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let files = try Self.makeCertificate(in: scratch)
        let folder = try FeedFolder.withSampleFeeds()
        defer { folder.remove() }
        var configuration = folder.configuration(token: token)
        configuration.tls = files
        try await FeedServer(configuration: configuration).whileRunning { urls in try await body(urls, files, scratch) }
    }

    @Test func theFeedIsServedOverHTTPSWithTheGivenCertificate() async throws {
        try await whileServingOverHTTPS { urls, files, _ in
            #expect(urls.map(\.scheme) == ["webcals", "https", "webcals", "https"])
            let port = try #require(urls.first?.port)
            // The client checks the chain against the test's certificate and the name against
            // "localhost": a real handshake, as a calendar app makes it.
            let tls = TestClient.Configuration(tlsConfiguration: try clientConfiguration(trusting: files), serverName: "localhost")
            let response = try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: tls) { client in
                try await client.execute(TestClient.Request("/\(token)/events.ics", method: .get, authority: "localhost:\(port)"))
            }
            #expect(response.status == .ok)
            #expect(response.body.map { Data($0.readableBytesView) } == FeedFolder.sampleEvents)
        }
    }

    @Test func aPlainHTTPRequestToTheHTTPSPortGetsNoFeed() async throws {
        try await whileServingOverHTTPS { urls, _, _ in
            let port = try #require(urls.first?.port)
            let connection = try RawConnection(port: port)
            try connection.send("GET /\(token)/events.ics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let received = await connection.receiveUntilClosed(within: .seconds(5)) ?? []
            #expect(!String(decoding: received, as: UTF8.self).contains("BEGIN:VCALENDAR"))
        }
    }

    @Test func aClientThatDoesNotTrustTheCertificateFails() async throws {
        try await whileServingOverHTTPS { urls, _, scratch in
            let other = try Self.makeCertificate(in: scratch, name: "other")
            let port = try #require(urls.first?.port)
            let tls = TestClient.Configuration(tlsConfiguration: try clientConfiguration(trusting: other), serverName: "localhost")
            await #expect(throws: (any Error).self) {
                try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: tls) { client in
                    try await client.execute(TestClient.Request("/\(token)/events.ics", method: .get, authority: "localhost:\(port)"))
                }
            }
        }
    }

    @Test func aMissingCertificateIsAnErrorNamingIt() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let files = try Self.makeCertificate(in: scratch)
        let missing = scratch.url("missing.crt").path
        var configuration = FeedServerConfiguration(feedDirectory: scratch.url, token: token)
        configuration.tls = TLSFiles(certificateChain: missing, privateKey: files.privateKey)
        let error = #expect(throws: FeedServerError.self) { try configuration.validate() }
        #expect(error?.description == "cannot use \(missing) for TLS: no such file")
    }

    @Test func aFileThatIsNoCertificateIsAnErrorNamingIt() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let files = try Self.makeCertificate(in: scratch)
        let notACertificate = try scratch.file("notes.txt", Array("not a certificate\n".utf8))
        var configuration = FeedServerConfiguration(feedDirectory: scratch.url, token: token)
        configuration.tls = TLSFiles(certificateChain: notACertificate, privateKey: files.privateKey)
        let error = #expect(throws: FeedServerError.self) { try configuration.validate() }
        #expect(error?.description.hasPrefix("cannot use \(notACertificate) for TLS: ") == true)
    }

    @Test func aKeyOfAnotherCertificateIsRefused() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let files = try Self.makeCertificate(in: scratch)
        let other = try Self.makeCertificate(in: scratch, name: "other")
        var configuration = FeedServerConfiguration(feedDirectory: scratch.url, token: token)
        configuration.tls = TLSFiles(certificateChain: files.certificateChain, privateKey: other.privateKey)
        #expect(throws: FeedServerError.unusableTLSFile(
            path: other.privateKey, reason: "it is not the key of the certificate in \(files.certificateChain)")) {
            try configuration.validate()
        }
    }
}
