import FollowUpSupport

/// How long a sync waits and how much it reads (docs/limits.md), from `InputLimits`; tests set
/// them smaller, to see a server that never answers given up on in a moment.
public struct SyncLimits: Sendable {
    /// For a connection to open.
    public var connect: Duration
    /// For one request's whole answer, from sending it to its last byte.
    public var request: Duration
    /// For the whole sync.
    public var sync: Duration
    /// The most bytes of one answer read.
    public var answerBytes: Int
    /// The redirects of a well-known URI followed.
    public var redirects: Int
    /// The longest `Retry-After` a 5xx answer may ask for and still be tried again: a server that
    /// asks for more is down, and saying so now serves the user better than waiting.
    public var retryAfter: Duration

    /// Each bound left out is `InputLimits`' (a public default may not name a package value).
    public init(connect: Duration? = nil, request: Duration? = nil, sync: Duration? = nil, answerBytes: Int? = nil,
                redirects: Int? = nil, retryAfter: Duration = .seconds(10)) {
        self.connect = connect ?? .seconds(InputLimits.syncConnectSeconds)
        self.request = request ?? .seconds(InputLimits.syncRequestSeconds)
        self.sync = sync ?? .seconds(InputLimits.syncSeconds)
        self.answerBytes = answerBytes ?? InputLimits.syncAnswerBytes
        self.redirects = redirects ?? InputLimits.syncRedirects
        self.retryAfter = retryAfter
    }
}

extension Duration {
    /// Whole seconds, rounded up, as messages give them.
    var wholeSeconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }
}

/// The value of `body`, or nil when it has not ended within `limit`: then it is cancelled, and
/// its end waited for (an AsyncHTTPClient request ends at once when cancelled).
func withinLimit<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return nil }
        return first
    }
}
