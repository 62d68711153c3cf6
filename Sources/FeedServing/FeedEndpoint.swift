import Foundation
import Hummingbird
import Logging

/// The handler of `GET|HEAD /<token>/<file>`: checks the token and the file name, reads the
/// file anew, and answers with the calendar, 304, 404 or 503.
struct FeedEndpoint: Sendable {
    static let retryAfterSeconds = 300

    let directory: URL
    let token: String
    let fileNames: Set<String>
    let logger: Logger

    func respond(to request: Request, context: some RequestContext) throws -> Response {
        // The token is compared in constant time before anything else, and a wrong token and
        // a file that is not a feed get the same 404: nothing tells a guess what was wrong.
        let tokenMatches = FeedToken.matches(context.parameters.get("token") ?? "", token)
        let file = context.parameters.get("file") ?? ""
        guard tokenMatches, fileNames.contains(file) else { throw HTTPError(.notFound) }

        let snapshot: FeedSnapshot
        do throws(FeedSnapshot.ReadError) {
            snapshot = try FeedSnapshot.load(path: directory.appendingPathComponent(file).path)
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
            logger.warning("cannot read feed \(directory.appendingPathComponent(file).path): \(error.message)")
            throw HTTPError(.internalServerError)
        }
        return FeedResponse.make(for: snapshot, method: request.method, headers: request.headers, now: Date())
    }
}
