import CalendarSync
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Hummingbird
import Synchronization
import Testing

/// Issue 25: a server that accepts and never answers, or trickles a byte every two seconds, kept
/// `sync` running silently; 500, 503 with `Retry-After: 100000` and a redirect loop ended, after
/// 18 s, as "found no calendar home"; a 100 MB answer as a raw `NIOTooManyBytesError`. Each now
/// ends within its bound (set small here) saying what the server did, with the account's name.
/// Bounded by counts and the limits given, never by a clock the test reads.
struct HostileServerTests {
    enum Behaviour: Sendable {
        case answer(status: Int, location: String? = nil, retryAfter: String? = nil, body: String = "")
        /// Holds the request without answering, for at most 10 s.
        case stall
        /// Answers 207 and sends its body a byte every 0.3 s, 40 bytes at most.
        case trickle
        /// Waits 0.3 s, then answers 503 with `Retry-After: 0`.
        case slowFailure
    }

    /// Runs a server whose every request gets `behaviour`, and returns the sync's error and how
    /// many requests the server saw.
    func syncError(_ behaviour: Behaviour, limits: SyncLimits) async throws -> (error: SyncError?, requests: Int) {
        let count = Mutex(0)
        let responder = CallbackResponder<BasicRequestContext> { (request: Request, _: BasicRequestContext) in
            var request = request
            _ = try await request.collectBody(upTo: 1 << 20)
            count.withLock { $0 += 1 }
            switch behaviour {
            case .answer(let status, let location, let retryAfter, let body):
                var fields = HTTPFields()
                if let location { fields[.location] = location }
                if let retryAfter { fields[.retryAfter] = retryAfter }
                return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
            case .stall:
                try await Task.sleep(for: .seconds(10))
                return Response(status: .noContent)
            case .trickle:
                return Response(status: .init(code: 207), headers: [.contentType: "application/xml"], body: ResponseBody { writer in
                    for _ in 0..<40 {
                        try await writer.write(ByteBuffer(string: " "))
                        try await Task.sleep(for: .milliseconds(300))
                    }
                    try await writer.finish(nil)
                })
            case .slowFailure:
                try await Task.sleep(for: .milliseconds(300))
                return Response(status: .serviceUnavailable, headers: [.retryAfter: "0"])
            }
        }
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let store = try InterviewStore(path: scratch.url("store.sqlite"))
        let error: SyncError? = try await runOnLoopback(serverName: "hostile", responder: responder) { root in
            try store.addRemote(RemoteAccount(name: "home", url: root), now: Date(timeIntervalSince1970: 1_764_540_000))
            let sync = CalendarSync(store: store, account: try store.remote(named: "home")!, password: nil,
                                    now: Date(timeIntervalSince1970: 1_764_540_000), dryRun: false, limits: limits)
            do {
                _ = try await sync.run()
                return nil
            } catch let error as SyncError {
                return error
            }
        }
        return (error, count.withLock { $0 })
    }

    @Test func aServerThatNeverAnswersIsGivenUpOnNamingTheAccountAndTheRequest() async throws {
        let (error, requests) = try await syncError(.stall, limits: SyncLimits(request: .seconds(1)))
        let message = try #require(error).description
        #expect(message.hasPrefix("remote 'home': waited 1 s for the whole answer to PROPFIND http://127.0.0.1:"), "\(message)")
        // Not sent again: a request that timed out would time out again.
        #expect(requests == 1)
    }

    @Test func aServerThatTricklesItsAnswerIsGivenUpOnAtTheRequestsBound() async throws {
        let (error, requests) = try await syncError(.trickle, limits: SyncLimits(request: .seconds(1)))
        #expect(try #require(error).description.contains("waited 1 s for the whole answer to PROPFIND"))
        #expect(requests == 1)
    }

    @Test func a503AskingToWaitADaySaysSoAtOnce() async throws {
        let (error, requests) = try await syncError(.answer(status: 503, retryAfter: "100000"), limits: SyncLimits())
        let message = try #require(error).description
        #expect(message.contains("the server answered PROPFIND http://127.0.0.1:"), "\(message)")
        #expect(message.hasSuffix("with HTTP 503 Service Unavailable"), "\(message)")
        #expect(requests == 1)
    }

    @Test func aRedirectLoopEndsAtTheBoundSayingSo() async throws {
        let loop = Behaviour.answer(status: 301, location: "/.well-known/caldav")
        let (error, requests) = try await syncError(loop, limits: SyncLimits(redirects: 3))
        let message = try #require(error).description
        #expect(message.contains("the server redirected PROPFIND http://127.0.0.1:"), "\(message)")
        #expect(message.hasSuffix("/.well-known/caldav more than 3 times"), "\(message)")
        // The account's URL, then three requests of the well-known URI.
        #expect(requests == 4)
    }

    @Test func anAnswerLongerThanTheBoundIsRefusedSayingHowLong() async throws {
        let (error, _) = try await syncError(.answer(status: 207, body: String(repeating: " ", count: 5_000)),
                                             limits: SyncLimits(answerBytes: 4_096))
        let message = try #require(error).description
        #expect(message.contains("the server sent more than 4096 bytes in answer to PROPFIND http://127.0.0.1:"), "\(message)")
    }

    @Test func aSyncThatOutlastsItsBoundStopsNamingWhatItWaitedFor() async throws {
        let (error, _) = try await syncError(.slowFailure, limits: SyncLimits(request: .seconds(5), sync: .seconds(1)))
        let message = try #require(error).description
        #expect(message.hasPrefix("remote 'home': the sync did not end within 1 s (it was waiting for the answer to PROPFIND http://127.0.0.1:"),
                "\(message)")
    }
}
