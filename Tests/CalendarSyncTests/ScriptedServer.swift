import Foundation
import Hummingbird

/// An HTTP server inside the test process, on 127.0.0.1 and an ephemeral port, that answers every
/// request with what its script says: for a server that misbehaves in one precise way (a
/// redirect elsewhere, an href to another host), which `FakeDAVServer` has no reason to do.
struct ScriptedServer: Sendable {
    struct Answer: Sendable {
        var status: Int
        var location: String?
        var contentType: String?
        var body: String = ""
    }

    /// The method and path of a request to the answer it gets.
    let script: @Sendable (_ method: String, _ path: String) -> Answer

    /// Runs the server for the length of `body`, which gets its root URL.
    func run<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        let script = self.script
        return try await runOnLoopback(
            serverName: "scripted",
            responder: CallbackResponder<BasicRequestContext> { (request: Request, _: BasicRequestContext) in
                var request = request
                _ = try await request.collectBody(upTo: 1 << 20)
                let answer = script(request.method.rawValue, request.uri.path)
                var fields = HTTPFields()
                if let location = answer.location { fields[.location] = location }
                if let contentType = answer.contentType { fields[.contentType] = contentType }
                return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: answer.body)))
            },
            body
        )
    }
}
