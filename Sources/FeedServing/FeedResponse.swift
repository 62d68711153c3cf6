import Foundation
import Hummingbird

/// The answer to a GET or HEAD of a feed that exists: 200 with the calendar, or 304.
enum FeedResponse {
    static let contentType = "text/calendar; charset=utf-8"
    /// Every client must revalidate before reusing its copy (the entity tag makes that a 304),
    /// and no shared cache may keep a response whose URL holds the secret token.
    static let cacheControl = "private, no-cache"
    /// Whether the body is gzip-coded depends on the request's `Accept-Encoding`, so a cache
    /// must key a stored response on it (RFC 9110 §12.5.5).
    static let vary = "Accept-Encoding"

    /// The response to `method` (GET or HEAD) with the request's `headers`, for `feed`: its
    /// gzip variant when the request accepts gzip and `gzip` gives it, the content as it is
    /// otherwise.
    ///
    /// `now` is the server's clock: a file dated in the future is announced as modified now,
    /// because a `Last-Modified` later than the response's `Date` is not allowed (RFC 9110
    /// §8.8.2.1) and would make a client's `If-Modified-Since` mean nothing.
    static func make(
        for feed: CachedFeed, method: HTTPRequest.Method, headers: HTTPFields, now: Date,
        gzip: () -> FeedRepresentation? = { nil }
    ) -> Response {
        let variant = AcceptEncoding.allowsGzip(headers[.acceptEncoding]) ? gzip() : nil
        let representation = variant ?? feed.identity
        let lastModified = HTTPDate.truncated(min(feed.modificationDate, now))

        if isNotModified(entityTag: representation.entityTag, lastModified: lastModified, request: headers, now: now) {
            // A 304 repeats the validators and caching fields a 200 would carry, and no
            // Content-Length (RFC 9110 §15.4.5; §8.6 forbids one that is not the 200's).
            var response = Response(status: .notModified)
            response.headers[.eTag] = representation.entityTag.fieldValue
            response.headers[.cacheControl] = cacheControl
            response.headers[.vary] = vary
            response.headers[.contentLength] = nil
            return response
        }

        var fields = HTTPFields()
        fields[.contentType] = contentType
        if variant != nil { fields[.contentEncoding] = "gzip" }
        fields[.contentLength] = String(representation.body.readableBytes)
        fields[.eTag] = representation.entityTag.fieldValue
        fields[.lastModified] = HTTPDate.format(lastModified)
        fields[.cacheControl] = cacheControl
        fields[.vary] = vary
        // HEAD gets the headers of the GET, Content-Length included, and no body (§9.3.2).
        let body = method == .head ? ResponseBody() : ResponseBody(byteBuffer: representation.body)
        return Response(status: .ok, headers: fields, body: body)
    }

    /// The preconditions of RFC 9110 §13.2.2 that apply to reading a feed, in their order:
    /// `If-None-Match` first; `If-Modified-Since` only when the request has no `If-None-Match`
    /// and holds exactly one valid HTTP-date (§13.1.3), compared at one-second precision.
    static func isNotModified(entityTag: EntityTag, lastModified: Date, request headers: HTTPFields, now: Date) -> Bool {
        if let ifNoneMatch = headers[.ifNoneMatch] {
            // A value that is not valid syntax matches nothing: the client gets the full feed.
            return EntityTagCondition(fieldValue: ifNoneMatch)?.matches(entityTag) ?? false
        }
        // Several If-Modified-Since lines come joined by commas, which no HTTP-date parses as.
        if let ifModifiedSince = headers[.ifModifiedSince], let date = HTTPDate.parse(ifModifiedSince, now: now) {
            return lastModified <= date
        }
        return false
    }
}
