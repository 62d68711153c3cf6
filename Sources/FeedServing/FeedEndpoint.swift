import Foundation
import Hummingbird
import Logging

/// The handler of `GET|HEAD /<token>/<file>`: checks the token and the file name, finds the
/// file's current version (a `stat`, the content only when it changed), and answers with the
/// calendar, 304, 404 or 503.
struct FeedEndpoint: Sendable {
    static let retryAfterSeconds = 300

    let token: String
    /// The path of each file served, by its name.
    let paths: [String: String]
    let logger: Logger
    let cache: FeedCache

    func respond(to request: Request, context: some RequestContext) throws -> Response {
        // The token is compared in constant time before anything else, and a wrong token and
        // a file that is not a feed get the same 404: nothing tells a guess what was wrong.
        let tokenMatches = FeedToken.matches(context.parameters.get("token") ?? "", token)
        let file = context.parameters.get("file") ?? ""
        guard tokenMatches, let path = paths[file] else { throw HTTPError(.notFound) }

        let feed: CachedFeed
        do throws(FeedSnapshot.ReadError) {
            feed = try cache.feed(named: file, path: path)
        } catch .missing {
            // Known feed, not written yet: a temporary condition, not "no such calendar", so
            // that a subscribed app keeps its subscription and retries.
            var fields = HTTPFields()
            fields[.retryAfter] = String(Self.retryAfterSeconds)
            fields[.contentType] = "text/plain; charset=utf-8"
            fields[.cacheControl] = "no-store"
            let message = "the feed \(file) has not been written yet\n"
            let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: message))
            var response = Response(status: .serviceUnavailable, headers: fields, body: body)
            response.headers[.contentLength] = String(message.utf8.count)
            return response
        } catch {
            // The path holds the folder and the file name, never the token.
            logger.warning("cannot read feed \(path): \(error.message)")
            throw HTTPError(.internalServerError)
        }
        return FeedResponse.make(for: feed, method: request.method, headers: request.headers, now: Date()) {
            do throws(Gzip.Failure) {
                return try cache.gzipVariant(of: feed, named: file)
            } catch {
                // The content as it is is a correct answer too.
                logger.warning("cannot compress feed \(path): zlib error \(error.code)")
                return nil
            }
        }
    }
}
