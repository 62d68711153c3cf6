@testable import CalendarSync
import Foundation
import Hummingbird
import Synchronization

/// A CalDAV and CardDAV server inside the test process, on 127.0.0.1 and an ephemeral port, that
/// keeps its collections in memory and records every request, so a test can see what a sync sent
/// and change the server's side the way a phone would.
///
/// Written from the RFCs, shaped like the answers captured from Radicale and Xandikos in
/// `Responses/`: PROPFIND (RFC 4918 §9.1; current-user-principal of RFC 5397, the home sets of
/// RFC 4791 §6.2.1 and RFC 6352 §7.1.1), MKCALENDAR (RFC 4791 §5.3.1), extended MKCOL (RFC 5689),
/// REPORT sync-collection (RFC 6578), GET, PUT with `If-None-Match: *` and `If-Match` (RFC 4918
/// §10.4, RFC 7232: 412 when they fail) and DELETE. Only what `CalendarSync` asks is answered: no
/// locking, no calendar-query (the client lists ETags with PROPFIND Depth 1 instead).
final class FakeDAVServer: Sendable {
    /// Where the principal and the two homes are.
    struct Layout: Sendable {
        var principal: String
        var calendarHome: String
        var addressBookHome: String

        /// Radicale: the principal is both homes.
        static let radicale = Layout(principal: "/jobseeker/", calendarHome: "/jobseeker/", addressBookHome: "/jobseeker/")
        /// Xandikos: a home of each kind under the principal.
        static let xandikos = Layout(principal: "/jobseeker/", calendarHome: "/jobseeker/calendars/", addressBookHome: "/jobseeker/contacts/")
    }

    struct Options: Sendable {
        var layout = Layout.xandikos
        var user = "jobseeker"
        var password = "correct horse"
        /// Whether REPORT sync-collection is supported; without it the answer is 403 with the
        /// `DAV:supported-report` precondition (RFC 3253 §3.6).
        var syncCollection = true
        /// The status of a sync-collection with a token the server no longer knows (RFC 6578
        /// §3.2 names the `DAV:valid-sync-token` precondition; servers answer 403 or 409).
        var invalidTokenStatus = 403
        /// Whether `/` names the principal; if not, it answers 404 and only the well-known URIs
        /// of RFC 6764 lead to the principal, by redirect.
        var principalAtRoot = true
        /// Whether `/.well-known/caldav` and `/.well-known/carddav` redirect to the principal.
        var wellKnownRedirects = true
        /// Whether a PUT's answer carries the new ETag (RFC 4791 §5.3.4 lets a server that
        /// changed the body leave it out).
        var etagOnPut = true
        /// Whether the address books say they take vCard 4.0 besides 3.0.
        var vCard4 = false
    }

    /// One request as it arrived, and the status it was answered with.
    struct RecordedRequest: Sendable {
        var method: String
        var path: String
        /// Header names in lower case.
        var headers: [String: String]
        var body: String
        /// The how-many-th PUT this is, counting from 1, for faults that start after a number of PUTs.
        var putNumber: Int?
        var status: Int = 0
        /// The body it was answered with.
        var answer: String = ""
        /// The ETag it was answered with.
        var answerETag: String?

        var isWrite: Bool { ["PUT", "DELETE", "MKCOL", "MKCALENDAR", "PROPPATCH", "MOVE", "COPY"].contains(method) }
        var name: String { String(path.split(separator: "/").last ?? "") }
    }

    /// What a test's hook makes of a request instead of the usual answer.
    enum Fault: Sendable {
        /// Answer with this status and change nothing.
        case status(Int)
        /// Carry the request out, then close the connection before answering, as a server that
        /// crashed (or a network that failed) after the write.
        case carryOutThenDrop
        /// Close the connection without doing anything.
        case drop
    }

    enum Kind: Sendable { case calendar, addressBook }

    struct Member: Sendable {
        var body: String
        var etag: String
        var contentType: String
        /// The revisions at which it was made and last changed.
        var created: Int
        var changed: Int
    }

    struct Collection: Sendable {
        var kind: Kind
        var displayName: String
        var members: [String: Member] = [:]
        /// Members removed: their names with the revisions they were made and removed at.
        var removed: [String: (created: Int, removed: Int)] = [:]
    }

    private struct State {
        var revision = 0
        /// Tokens of an earlier epoch are no longer valid (`expireSyncTokens`).
        var epoch = 1
        var collections: [String: Collection] = [:]
        var requests: [RecordedRequest] = []
        var puts = 0
        var hook: (@Sendable (RecordedRequest) -> Fault?)?
    }

    let options: Options
    private let state = Mutex(State())

    init(_ options: Options = Options()) {
        self.options = options
    }

    /// Where `CalendarSync` makes its calendar and address book.
    var calendarPath: String { options.layout.calendarHome + "interview-follow-ups/" }
    var addressBookPath: String { options.layout.addressBookHome + "interviewers/" }

    // MARK: - Running

    /// Runs the server for the length of `body`, which gets its root URL; it stops when `body`
    /// returns or throws.
    func run<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        try await runOnLoopback(
            serverName: "fake-dav",
            responder: CallbackResponder<BasicRequestContext> { [self] (request: Request, _: BasicRequestContext) in
                try await self.respond(to: request)
            },
            body
        )
    }

    // MARK: - What a test sees and does

    var requests: [RecordedRequest] { state.withLock { $0.requests } }
    var writes: [RecordedRequest] { requests.filter(\.isWrite) }

    func forgetRequests() {
        state.withLock { $0.requests = [] }
    }

    /// Runs before each request is answered (outside the server's lock, so it may change the
    /// server); a fault it returns replaces the usual answer.
    func setHook(_ hook: (@Sendable (RecordedRequest) -> Fault?)?) {
        state.withLock { $0.hook = hook }
    }

    func collection(_ path: String) -> Collection? {
        state.withLock { $0.collections[path] }
    }

    /// The members of the collection at `path`: name to body.
    func bodies(in path: String) -> [String: String] {
        state.withLock { $0.collections[path]?.members.mapValues(\.body) ?? [:] }
    }

    func member(_ path: String) -> Member? {
        let (collection, name) = Self.split(path)
        return state.withLock { $0.collections[collection]?.members[name] }
    }

    /// Makes a collection, as another client would have.
    func addCollection(_ path: String, kind: Kind, displayName: String) {
        state.withLock { $0.collections[path] = Collection(kind: kind, displayName: displayName) }
    }

    /// Changes a member's body as a phone would: a new ETag, and a change the next sync-collection reports.
    func edit(_ path: String, _ change: (String) -> String) {
        let (collection, name) = Self.split(path)
        state.withLock { state in
            guard var member = state.collections[collection]?.members[name] else { return }
            state.revision += 1
            member.body = change(member.body)
            member.changed = state.revision
            member.etag = "\"\(state.revision)\""
            state.collections[collection]?.members[name] = member
        }
    }

    /// Deletes a member as a phone would.
    func remove(_ path: String) {
        let (collection, name) = Self.split(path)
        state.withLock { state in
            guard let member = state.collections[collection]?.members.removeValue(forKey: name) else { return }
            state.revision += 1
            state.collections[collection]?.removed[name] = (member.created, state.revision)
        }
    }

    /// Forgets every sync token handed out so far, as a server does that was restored from a
    /// backup or pruned its change log.
    func expireSyncTokens() {
        state.withLock { $0.epoch += 1 }
    }

    // MARK: - Answering

    private func respond(to request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 4 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        var recorded = RecordedRequest(method: request.method.rawValue, path: path, headers: headers, body: String(buffer: body))
        let (index, hook) = state.withLock { state in
            if recorded.method == "PUT" {
                state.puts += 1
                recorded.putNumber = state.puts
            }
            state.requests.append(recorded)
            return (state.requests.count - 1, state.hook)
        }
        let answer: Answer
        switch hook?(recorded) {
        case .status(let status):
            answer = Answer(status)
        case .drop:
            answer = Answer(0)
        case .carryOutThenDrop:
            _ = handle(recorded)
            answer = Answer(0)
        case nil:
            answer = handle(recorded)
        }
        state.withLock { state in
            state.requests[index].status = answer.status
            state.requests[index].answer = answer.body
            state.requests[index].answerETag = answer.headers.first { $0.0 == "ETag" }?.1
        }
        guard answer.status != 0 else {
            // The head goes out and then the connection closes in the middle of the body: the
            // client sees a connection lost, not an answer.
            return Response(status: .ok, headers: [.contentLength: "100"], body: ResponseBody { _ in throw ConnectionCut() })
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            switch name {
            case "ETag": fields[.eTag] = value
            case "Location": fields[.location] = value
            case "WWW-Authenticate": fields[.wwwAuthenticate] = value
            default: fields[.contentType] = value
            }
        }
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }

    private struct ConnectionCut: Error {}

    struct Answer {
        var status: Int
        var headers: [(String, String)] = []
        var body = ""

        init(_ status: Int, headers: [(String, String)] = [], body: String = "") {
            self.status = status
            self.headers = headers
            self.body = body
        }

        static func xml(_ status: Int, _ body: String) -> Answer {
            Answer(status, headers: [("Content-Type", "application/xml; charset=utf-8")], body: "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + body)
        }

        /// An error body naming the precondition that failed (RFC 4918 §16).
        static func precondition(_ status: Int, _ name: String) -> Answer {
            xml(status, "<d:error xmlns:d=\"DAV:\"><d:\(name)/></d:error>")
        }
    }

    private func handle(_ request: RecordedRequest) -> Answer {
        let expected = "Basic " + Data("\(options.user):\(options.password)".utf8).base64EncodedString()
        guard request.headers["authorization"] == expected else {
            return Answer(401, headers: [("WWW-Authenticate", "Basic realm=\"fake-dav\"")])
        }
        switch request.method {
        case "PROPFIND": return propfind(request)
        case "REPORT": return report(request)
        case "MKCALENDAR": return makeCollection(request, kind: .calendar)
        case "MKCOL": return makeCollection(request, kind: .addressBook)
        case "GET": return get(request)
        case "PUT": return put(request)
        case "DELETE": return delete(request)
        default: return Answer(405)
        }
    }

    // MARK: PROPFIND

    private struct PropertyName: Hashable {
        var namespace: String
        var name: String
    }

    /// The property names a PROPFIND asks for.
    private static func requestedProperties(_ body: String) -> [PropertyName] {
        guard let root = try? XMLNode.parse(Data(body.utf8)) else { return [] }
        return root.child(DAV.namespace, "prop")?.children.map { PropertyName(namespace: $0.namespace, name: $0.name) } ?? []
    }

    private func propfind(_ request: RecordedRequest) -> Answer {
        let layout = options.layout
        if request.path.hasPrefix("/.well-known/") && options.wellKnownRedirects {
            // RFC 6764 §5: the well-known URI redirects to where the service is.
            return Answer(301, headers: [("Location", layout.principal)])
        }
        if request.path == "/" && !options.principalAtRoot { return Answer(404) }
        let depth = request.headers["depth"] ?? "infinity"
        let wanted = Self.requestedProperties(request.body)
        return state.withLock { state -> Answer in
            var paths = [request.path]
            guard Self.exists(request.path, layout: layout, state: state) else { return Answer(404) }
            if depth == "1" { paths += Self.children(of: request.path, layout: layout, state: state) }
            let responses = paths.map { path in
                var found: [String] = []
                var missing: [String] = []
                for property in wanted {
                    if let value = Self.property(property, of: path, layout: layout, options: options, state: state) {
                        found.append(value)
                    } else {
                        missing.append("<x:\(property.name) xmlns:x=\"\(property.namespace)\"/>")
                    }
                }
                var response = "<d:response><d:href>\(Self.escaped(path))</d:href>"
                if !found.isEmpty { response += "<d:propstat><d:prop>\(found.joined())</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>" }
                if !missing.isEmpty {
                    response += "<d:propstat><d:prop>\(missing.joined())</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>"
                }
                return response + "</d:response>"
            }
            return .xml(207, Self.multistatus(responses.joined()))
        }
    }

    private static func multistatus(_ content: String) -> String {
        "<d:multistatus xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\" xmlns:card=\"urn:ietf:params:xml:ns:carddav\">"
            + "\(content)</d:multistatus>"
    }

    private static func exists(_ path: String, layout: Layout, state: State) -> Bool {
        if ["/", layout.principal, layout.calendarHome, layout.addressBookHome].contains(path) { return true }
        if state.collections[path] != nil { return true }
        let (collection, name) = split(path)
        return state.collections[collection]?.members[name] != nil
    }

    private static func children(of path: String, layout: Layout, state: State) -> [String] {
        if let collection = state.collections[path] { return collection.members.keys.sorted().map { path + $0 } }
        var children: [String] = []
        if path == "/" { children.append(layout.principal) }
        if path == layout.principal {
            children += [layout.calendarHome, layout.addressBookHome].filter { $0 != path }
        }
        // Collections directly inside this one.
        children += state.collections.keys.filter { $0.hasPrefix(path) && $0 != path && !$0.dropFirst(path.count).dropLast().contains("/") }.sorted()
        var seen = Set<String>()
        return children.filter { seen.insert($0).inserted }
    }

    private static func property(_ property: PropertyName, of path: String, layout: Layout, options: Options, state: State) -> String? {
        let collection = state.collections[path]
        let (parent, name) = split(path)
        let member = collection == nil ? state.collections[parent]?.members[name] : nil
        let isContainer = member == nil
        switch (property.namespace, property.name) {
        case (DAV.namespace, "current-user-principal"):
            return "<d:current-user-principal><d:href>\(layout.principal)</d:href></d:current-user-principal>"
        case (DAV.namespace, "resourcetype"):
            guard isContainer else { return "<d:resourcetype/>" }
            var types = "<d:collection/>"
            if path == layout.principal { types += "<d:principal/>" }
            switch collection?.kind {
            case .calendar: types += "<c:calendar/>"
            case .addressBook: types += "<card:addressbook/>"
            case nil: break
            }
            return "<d:resourcetype>\(types)</d:resourcetype>"
        case (DAV.caldav, "calendar-home-set") where path == layout.principal:
            return "<c:calendar-home-set><d:href>\(layout.calendarHome)</d:href></c:calendar-home-set>"
        case (DAV.carddav, "addressbook-home-set") where path == layout.principal:
            return "<card:addressbook-home-set><d:href>\(layout.addressBookHome)</d:href></card:addressbook-home-set>"
        case (DAV.namespace, "displayname"):
            return collection.map { "<d:displayname>\(escaped($0.displayName))</d:displayname>" }
        case (DAV.namespace, "getetag"):
            return member.map { "<d:getetag>\(escaped($0.etag))</d:getetag>" }
        case (DAV.namespace, "getcontenttype"):
            return member.map { "<d:getcontenttype>\($0.contentType)</d:getcontenttype>" }
        case (DAV.carddav, "supported-address-data") where collection?.kind == .addressBook:
            let four = options.vCard4 ? "<card:address-data-type content-type=\"text/vcard\" version=\"4.0\"/>" : ""
            return "<card:supported-address-data><card:address-data-type content-type=\"text/vcard\" version=\"3.0\"/>"
                + "\(four)</card:supported-address-data>"
        default:
            return nil
        }
    }

    // MARK: REPORT sync-collection

    private func report(_ request: RecordedRequest) -> Answer {
        guard let root = try? XMLNode.parse(Data(request.body.utf8)) else { return Answer(400) }
        guard root.namespace == DAV.namespace, root.name == "sync-collection", options.syncCollection else {
            return .precondition(403, "supported-report")
        }
        let token = root.child(DAV.namespace, "sync-token")?.trimmedText ?? ""
        return state.withLock { state -> Answer in
            guard let collection = state.collections[request.path] else { return Answer(404) }
            var since = 0
            if !token.isEmpty {
                // Tokens read "http://fake-dav.test/sync/EPOCH-REVISION".
                let parts = token.replacingOccurrences(of: Self.tokenPrefix, with: "").split(separator: "-").compactMap { Int($0) }
                guard token.hasPrefix(Self.tokenPrefix), parts.count == 2, parts[0] == state.epoch, parts[1] <= state.revision else {
                    return .precondition(options.invalidTokenStatus, "valid-sync-token")
                }
                since = parts[1]
            }
            var responses = ""
            for (name, member) in collection.members.sorted(by: { $0.key < $1.key }) where member.changed > since {
                responses += "<d:response><d:href>\(Self.escaped(request.path + name))</d:href><d:propstat><d:prop>"
                    + "<d:getetag>\(Self.escaped(member.etag))</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
            }
            if since > 0 {
                // A member made and removed since the token is in no report, as Xandikos leaves it out.
                for (name, revisions) in collection.removed.sorted(by: { $0.key < $1.key })
                where revisions.removed > since && revisions.created <= since && collection.members[name] == nil {
                    responses += "<d:response><d:href>\(Self.escaped(request.path + name))</d:href>"
                        + "<d:status>HTTP/1.1 404 Not Found</d:status></d:response>"
                }
            }
            let newToken = "\(Self.tokenPrefix)\(state.epoch)-\(state.revision)"
            return .xml(207, Self.multistatus(responses + "<d:sync-token>\(newToken)</d:sync-token>"))
        }
    }

    static let tokenPrefix = "http://fake-dav.test/sync/"

    /// The token a sync-collection would hand out now.
    var currentSyncToken: String {
        state.withLock { "\(Self.tokenPrefix)\($0.epoch)-\($0.revision)" }
    }

    // MARK: MKCALENDAR, MKCOL

    private func makeCollection(_ request: RecordedRequest, kind: Kind) -> Answer {
        let root = try? XMLNode.parse(Data(request.body.utf8))
        let properties = root?.child(DAV.namespace, "set")?.child(DAV.namespace, "prop")
        let displayName = properties?.child(DAV.namespace, "displayname")?.trimmedText ?? ""
        if kind == .addressBook {
            // Extended MKCOL (RFC 5689): the resource type in the body says what to make.
            guard properties?.child(DAV.namespace, "resourcetype")?.child(DAV.carddav, "addressbook") != nil else { return Answer(403) }
        }
        let layout = options.layout
        return state.withLock { state -> Answer in
            let path = request.path.hasSuffix("/") ? request.path : request.path + "/"
            if Self.exists(path, layout: layout, state: state) { return Answer(405) }
            let (parent, _) = Self.split(String(path.dropLast()))
            guard [layout.calendarHome, layout.addressBookHome, layout.principal].contains(parent) else { return Answer(409) }
            state.collections[path] = Collection(kind: kind, displayName: displayName)
            return Answer(201)
        }
    }

    // MARK: GET, PUT, DELETE

    private func get(_ request: RecordedRequest) -> Answer {
        guard let member = member(request.path) else { return Answer(404) }
        return Answer(200, headers: [("ETag", member.etag), ("Content-Type", member.contentType)], body: member.body)
    }

    private func put(_ request: RecordedRequest) -> Answer {
        let (path, name) = Self.split(request.path)
        let etagOnPut = options.etagOnPut
        return state.withLock { state -> Answer in
            guard state.collections[path] != nil else { return Answer(409) }
            let existing = state.collections[path]?.members[name]
            if request.headers["if-none-match"] == "*", existing != nil { return Answer(412) }
            if let condition = request.headers["if-match"], existing?.etag != condition { return Answer(412) }
            state.revision += 1
            let etag = "\"\(state.revision)\""
            state.collections[path]?.members[name] = Member(body: request.body, etag: etag, contentType: request.headers["content-type"] ?? "",
                                                            created: existing?.created ?? state.revision, changed: state.revision)
            state.collections[path]?.removed[name] = nil
            return Answer(existing == nil ? 201 : 204, headers: etagOnPut ? [("ETag", etag)] : [])
        }
    }

    private func delete(_ request: RecordedRequest) -> Answer {
        let (path, name) = Self.split(request.path)
        return state.withLock { state -> Answer in
            guard let existing = state.collections[path]?.members[name] else { return Answer(404) }
            if let condition = request.headers["if-match"], existing.etag != condition { return Answer(412) }
            state.revision += 1
            state.collections[path]?.members[name] = nil
            state.collections[path]?.removed[name] = (existing.created, state.revision)
            return Answer(204)
        }
    }

    // MARK: Helpers

    /// `/a/b/c.ics` → (`/a/b/`, `c.ics`).
    static func split(_ path: String) -> (collection: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("/", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
