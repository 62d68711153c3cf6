import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `followup serve` as a process, fetched over loopback HTTP like a subscribed calendar.
@Suite(.serialized)
struct ServeCommandTests {
    final class Server {
        let process = Process()
        var urls: [URL] = []

        init(store: String, extra: [String] = []) throws {
            process.executableURL = FollowUpBinary.url
            process.arguments = ["serve", "--store", store, "--port", "0"] + extra
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The URLs are printed once the server listens.
            var text = ""
            let handle = out.fileHandleForReading
            while urls.count < 4 {
                let data = handle.availableData
                if data.isEmpty { break }
                text += String(decoding: data, as: UTF8.self)
                urls = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { $0.hasPrefix("http://") || $0.hasPrefix("webcal://") }.compactMap(URL.init(string:))
            }
        }

        var events: URL? { urls.first { $0.scheme == "http" && $0.lastPathComponent == "events.ics" } }

        func stop() -> Int32 {
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    func fetch(_ url: URL, headers: [String: String] = [:]) async throws -> (Int, Data, [AnyHashable: Any]) {
        var request = URLRequest(url: url)
        request.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return (http.statusCode, data, http.allHeaderFields)
    }

    func storeWithFeed() throws -> (store: String, feed: URL, interview: String) {
        let folder = try FollowUpBinary.temporaryDirectory()
        let store = folder.appendingPathComponent("store.sqlite").path
        let add = try FollowUpBinary.run(["add", "--store", store, "--card", FollowUpBinary.sample("dana-diaz.vcf"),
                                          "--at", "2026-12-01 14:00", "--tz", "UTC", "--company", "Acme"])
        let id = String(add.stdout.split(separator: "\n")[0].split(separator: " ").last!)
        _ = try FollowUpBinary.run(["feed", "--store", store, "--out", folder.appendingPathComponent("feed").path])
        return (store, folder.appendingPathComponent("feed"), id)
    }

    @Test func servesTheFeedBehindTheTokenAndPicksUpRegeneratedFiles() async throws {
        let setup = try storeWithFeed()
        let server = try Server(store: setup.store)
        #expect(server.urls.count == 4)
        #expect(server.urls.contains { $0.scheme == "webcal" })

        let events = try #require(server.events, "serve printed no address")
        let (status, body, headers) = try await fetch(events)
        #expect(status == 200)
        #expect(body == (try Data(contentsOf: setup.feed.appendingPathComponent("events.ics"))))
        #expect((headers["Content-Type"] as? String)?.hasPrefix("text/calendar") == true)
        let etag = try #require(headers["Etag"] as? String ?? headers["ETag"] as? String)

        let (notModified, _, _) = try await fetch(events, headers: ["If-None-Match": etag])
        #expect(notModified == 304)

        var wrong = events.deletingLastPathComponent().deletingLastPathComponent()
        wrong.appendPathComponent("not-the-token/events.ics")
        #expect(try await fetch(wrong).0 == 404)

        _ = try FollowUpBinary.run(["done", setup.interview, "--step", "thank-you", "--store", setup.store])
        let (after, newBody, _) = try await fetch(events, headers: ["If-None-Match": etag])
        #expect(after == 200)
        #expect(String(decoding: newBody, as: UTF8.self).contains("SUMMARY:Done: Thank-you e-mail to Dana Díaz"))
        #expect(server.stop() == 0)
    }

    @Test func tokenStaysTheSameUntilRotated() throws {
        let setup = try storeWithFeed()
        let first = try Server(store: setup.store)
        let firstURL = try #require(first.events)
        _ = first.stop()
        let second = try Server(store: setup.store)
        #expect(second.events?.path == firstURL.path)
        _ = second.stop()
        let rotated = try Server(store: setup.store, extra: ["--rotate-token"])
        #expect(rotated.events != nil && rotated.events?.path != firstURL.path)
        _ = rotated.stop()
    }

    @Test func serveWithoutAFeedSaysHowToMakeOne() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["serve", "--store", folder.appendingPathComponent("s.sqlite").path, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("followup feed --out DIR"))
    }

    @Test func aMissingCertificateIsAnErrorNamingIt() throws {
        let setup = try storeWithFeed()
        let missing = setup.feed.appendingPathComponent("missing.crt").path
        let result = try FollowUpBinary.run(["serve", "--store", setup.store, "--port", "0",
                                             "--tls-cert", missing, "--tls-key", missing])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot use \(missing) for TLS: no such file"))
    }
}
