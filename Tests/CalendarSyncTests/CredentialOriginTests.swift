import CalendarSync
import Foundation
import Testing

/// The password goes only to the origin (scheme, host, port) of the account's URL, wherever the
/// server the user named points the client: a redirect or an href to another port of the same
/// machine stands for another host.
@Suite(.timeLimit(.minutes(1)))
struct CredentialOriginTests {
    @Test func aWellKnownRedirectToAnotherPortIsNotFollowedWithThePassword() async throws {
        let elsewhere = FakeDAVServer()
        try await elsewhere.run { elsewhereRoot in
            let redirecting = ScriptedServer { _, path in
                path.hasPrefix("/.well-known/")
                    ? .init(status: 301, location: elsewhereRoot.absoluteString + "jobseeker/")
                    : .init(status: 404)
            }
            try await redirecting.run { root in
                let setup = try SyncSetup(server: elsewhere, root: root)
                defer { setup.scratch.remove() }
                try setup.addInterview()
                await #expect(throws: SyncError.self) { try await setup.sync() }
            }
            #expect(elsewhere.requests.allSatisfy { $0.headers["authorization"] == nil })
        }
    }

    @Test func anHrefToAnotherOriginIsAskedWithoutThePassword() async throws {
        let elsewhere = FakeDAVServer()
        try await elsewhere.run { elsewhereRoot in
            let pointing = ScriptedServer { _, path in
                guard path == "/" else { return .init(status: 404) }
                return .init(status: 207, contentType: "application/xml; charset=utf-8", body: """
                    <?xml version="1.0" encoding="utf-8"?>
                    <d:multistatus xmlns:d="DAV:"><d:response><d:href>/</d:href><d:propstat><d:prop>\
                    <d:current-user-principal><d:href>\(elsewhereRoot.absoluteString)jobseeker/</d:href></d:current-user-principal>\
                    </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>
                    """)
            }
            try await pointing.run { root in
                let setup = try SyncSetup(server: elsewhere, root: root)
                defer { setup.scratch.remove() }
                try setup.addInterview()
                _ = try? await setup.sync()
            }
            // The client did go there (the href is followed), but without the password.
            #expect(!elsewhere.requests.isEmpty)
            #expect(elsewhere.requests.allSatisfy { $0.headers["authorization"] == nil })
        }
    }

    @Test func anOriginIsTheSchemeHostAndPortWithTheDefaultPortSpelledOut() {
        #expect(Origin(URL(string: "https://DAV.example/")!) == Origin(URL(string: "https://dav.example:443/x/")!))
        #expect(Origin(URL(string: "https://dav.example/")!) != Origin(URL(string: "http://dav.example/")!))
        #expect(Origin(URL(string: "http://127.0.0.1:8080/")!) != Origin(URL(string: "http://127.0.0.1:8081/")!))
        #expect(Origin(URL(string: "ftp://dav.example/")!) == nil)
    }

    @Test(arguments: ["127.0.0.1", "127.200.1.9", "::1", "[::1]", "localhost", "LOCALHOST"])
    func thisMachinesAddressesAreLoopback(host: String) {
        #expect(Origin(URL(string: "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)/")!)?.isLoopback == true)
    }

    @Test(arguments: ["128.0.0.1", "10.0.0.1", "0.0.0.0", "::", "::2", "127.0.0.1.example", "localhost.example", "127.1", "dav.example"])
    func otherHostsAreNotLoopback(host: String) {
        #expect(Origin(URL(string: "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)/")!)?.isLoopback == false)
    }
}
