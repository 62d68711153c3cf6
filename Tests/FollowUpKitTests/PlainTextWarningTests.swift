import FeedServing
import Foundation
import Testing
@testable import FollowUpKit

/// Where the password or the feed's token would cross a network unencrypted, `followup` says so;
/// on this machine's own loopback nothing leaves it, and nothing is said.
struct PlainTextWarningTests {
    func configuration(host: String, tls: TLSFiles? = nil) -> FeedServerConfiguration {
        FeedServerConfiguration(feedDirectory: URL(fileURLWithPath: "/nonexistent"), token: "t", host: host, tls: tls)
    }

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.20", "feeds.example"])
    func servingPlainHTTPToTheNetworkWarnsOfTheToken(host: String) throws {
        let warning = try #require(JobSearch.servingWarning(for: configuration(host: host)))
        #expect(warning.contains("serving on \(host) without TLS"))
        #expect(warning.contains("the feed and its token cross the network in the clear"))
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
    func servingOnLoopbackSaysNothing(host: String) {
        #expect(JobSearch.servingWarning(for: configuration(host: host)) == nil)
    }

    @Test func servingHTTPSToTheNetworkSaysNothing() {
        let tls = TLSFiles(certificateChain: "cert.pem", privateKey: "key.pem")
        #expect(JobSearch.servingWarning(for: configuration(host: "0.0.0.0", tls: tls)) == nil)
    }

    @Test func aRemoteOverPlainHTTPElsewhereIsWarnedOfAndOneOnThisMachineIsNot() {
        #expect(JobSearch.plainHTTPWarning(for: URL(string: "http://dav.example/")!)?.contains("unencrypted") == true)
        #expect(JobSearch.plainHTTPWarning(for: URL(string: "https://dav.example/")!) == nil)
        #expect(JobSearch.plainHTTPWarning(for: URL(string: "http://127.0.0.1:5232/")!) == nil)
        #expect(JobSearch.plainHTTPWarning(for: URL(string: "http://[::1]:5232/")!) == nil)
    }
}
