import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// An HTTP answer, whole.
struct DAVResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    var etag: String? { headers.first(name: "ETag")?.nonEmpty }
    var isSuccess: Bool { (200..<300).contains(status) }
}

/// The requests of one account, over AsyncHTTPClient: Basic authentication, retries with
/// backoff on 5xx answers and network failures, and counted writes (for `--dry-run` checks).
///
/// HTTPS uses the system's trust store; redirects are followed only where discovery asks.
/// The password goes only to the origin of the account's URL: a request anywhere else, where a
/// redirect or an href of the server may lead, is sent without it.
final class DAVClient: Sendable {
    let account: String
    /// Where the account lives, the one origin that gets the Authorization header.
    let origin: Origin?
    private let http: HTTPClient
    private let authorization: String?
    /// How often a request that failed with a 5xx or a network error is sent again.
    private let attempts = 6
    let limits: SyncLimits
    /// The request last sent ("PROPFIND https://…/"), which a sync that runs out of time names.
    private let lastRequest = Mutex<String?>(nil)

    init(account: String, url: URL, user: String?, password: String?, limits: SyncLimits = SyncLimits()) {
        self.account = account
        self.origin = Origin(url)
        self.limits = limits
        let connect = TimeAmount.nanoseconds(Int64(limits.connect.wholeSeconds) * 1_000_000_000)
        // Past the bound on the whole answer, so that it is that bound that says what happened.
        let read = TimeAmount.nanoseconds(Int64(limits.request.wholeSeconds + 1) * 1_000_000_000)
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: connect, read: read))
        configuration.httpVersion = .http1Only
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 8)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        if let password {
            authorization = "Basic " + Data("\(user ?? ""):\(password)".utf8).base64EncodedString()
        } else {
            authorization = nil
        }
    }

    func shutdown() async {
        try? await http.shutdown()
    }

    /// Sends a request; 401 is an error naming the account, and so is 403 unless `allowing` it.
    func send(_ method: String, _ url: URL, headers: [(String, String)] = [], body: String? = nil,
              contentType: String = "application/xml; charset=utf-8", allowing allowed: Set<Int> = []) async throws(SyncError) -> DAVResponse {
        var delay: UInt64 = 200_000_000
        for attempt in 1...attempts {
            let outcome = await sendOnce(method, url, headers: headers, body: body, contentType: contentType)
            switch outcome {
            case .success(let response):
                if response.status == 401 || (response.status == 403 && !allowed.contains(403)) {
                    throw .unauthorized(account: account, status: response.status, url: url.absoluteString)
                }
                // 5xx but "not implemented" and "out of space", and 423: Xandikos locks a
                // collection while another write to it commits.
                let transient = (response.status >= 500 && response.status != 501 && response.status != 507) || response.status == 423
                if transient && attempt < attempts && !asksTooLongAWait(response) {
                    try? await Task.sleep(nanoseconds: delay)
                    delay *= 2
                    continue
                }
                return response
            case .failure(let error):
                switch error {
                case .certificate, .timedOut, .answerTooLarge: throw error
                default: break
                }
                // AsyncHTTPClient already waits out the connect timeout on a refused
                // connection: one more try, not five, before telling the user.
                if attempt >= 2 { throw error }
                try? await Task.sleep(nanoseconds: delay)
                delay *= 2
            }
        }
        throw .unreachable(account: account, url: url.absoluteString, detail: "no answer")
    }

    /// Whether a 5xx answer's `Retry-After` (in seconds) asks for a longer wait than
    /// `SyncLimits.retryAfter`: a server that says it is down for a day is not tried again.
    private func asksTooLongAWait(_ response: DAVResponse) -> Bool {
        guard let text = response.headers.first(name: "Retry-After"), let seconds = Int(text.trimmingCharacters(in: .whitespaces)) else {
            return false
        }
        return seconds > limits.retryAfter.wholeSeconds
    }

    /// The request last sent, as messages name it.
    var waitingFor: String? { lastRequest.withLock { $0 } }

    private func sendOnce(_ method: String, _ url: URL, headers: [(String, String)], body: String?,
                          contentType: String) async -> Result<DAVResponse, SyncError> {
        let name = "\(method) \(url.absoluteString)"
        lastRequest.withLock { $0 = name }
        let http = self.http
        let limit = limits.answerBytes
        // Past the bound below, so that it is the bound that says what happened.
        let executeTimeout = TimeAmount.seconds(Int64(limits.request.wholeSeconds + limits.connect.wholeSeconds + 1))
        let request = self.request(method, url, headers: headers, body: body, contentType: contentType)
        do {
            // The whole exchange is bounded, not only each read: a server that trickles a byte
            // every two seconds never trips AsyncHTTPClient's read timeout.
            let answer = try await withinLimit(limits.request) {
                let response = try await http.execute(request, timeout: executeTimeout)
                let buffer = try await response.body.collect(upTo: limit)
                return DAVResponse(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
            }
            guard let answer else { return .failure(.timedOut(account: account, request: name, seconds: limits.request.wholeSeconds)) }
            return .success(answer)
        } catch is NIOTooManyBytesError {
            return .failure(.answerTooLarge(account: account, request: name, limit: limit))
        } catch {
            let detail = String(describing: error)
            if detail.contains("certificate") || detail.contains("handshake") || detail.contains("NIOSSL") || detail.contains("SSL") {
                return .failure(.certificate(account: account, host: url.host ?? url.absoluteString, detail: Self.certificateProblem(detail)))
            }
            return .failure(.unreachable(account: account, url: url.absoluteString, detail: Self.shortened(detail)))
        }
    }

    private func request(_ method: String, _ url: URL, headers: [(String, String)], body: String?, contentType: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        if let authorization, let origin, Origin(url) == origin { request.headers.add(name: "Authorization", value: authorization) }
        request.headers.add(name: "User-Agent", value: "followup")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        return request
    }

    /// BoringSSL's reason in words; its whole error (with source paths) helps no user.
    private static func certificateProblem(_ detail: String) -> String {
        if detail.contains("CERTIFICATE_VERIFY_FAILED") { return "it is self-signed or from an authority the system does not know" }
        if detail.contains("hostname") || detail.contains("Hostname") { return "it is for another host name" }
        if detail.contains("expired") { return "it has expired" }
        return "the TLS handshake failed"
    }

    private static func shortened(_ text: String) -> String {
        text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// PROPFIND with `depth`, read as a Multi-Status.
    func propfind(_ url: URL, depth: Int, properties: String,
                  allowing allowed: Set<Int> = []) async throws(SyncError) -> (DAVResponse, Multistatus?) {
        let response = try await send("PROPFIND", url, headers: [("Depth", String(depth))], body: DAV.propfind(properties), allowing: allowed)
        guard response.status == 207 else { return (response, nil) }
        return (response, try multistatus(response, from: url))
    }

    func multistatus(_ response: DAVResponse, from url: URL) throws(SyncError) -> Multistatus {
        do {
            return try Multistatus(response.body)
        } catch {
            throw .badResponse(account: account, url: url.absoluteString, detail: "\(error)")
        }
    }
}

/// Runs `body` on every item with at most `width` running at once.
func forEachConcurrently<Item: Sendable>(_ items: [Item], width: Int, _ body: @escaping @Sendable (Item) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var iterator = items.makeIterator()
        for _ in 0..<max(1, width) {
            guard let item = iterator.next() else { break }
            group.addTask { try await body(item) }
        }
        while try await group.next() != nil {
            if let item = iterator.next() { group.addTask { try await body(item) } }
        }
    }
}
