import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element of a WebDAV answer, its namespace resolved.
struct XMLNode: Sendable {
    var namespace: String
    var name: String
    var children: [XMLNode] = []
    var text: String = ""

    func child(_ namespace: String, _ name: String) -> XMLNode? {
        children.first { $0.namespace == namespace && $0.name == name }
    }

    func children(_ namespace: String, _ name: String) -> [XMLNode] {
        children.filter { $0.namespace == namespace && $0.name == name }
    }

    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The `DAV:href` values inside this element (a principal, a home set).
    var hrefs: [String] { children(DAV.namespace, "href").map(\.trimmedText).filter { !$0.isEmpty } }

    /// Parses a whole document with Foundation's XMLParser, namespaces resolved.
    static func parse(_ data: Data) throws -> XMLNode {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLFailure(reason: parser.parserError.map { "\($0.localizedDescription)" } ?? "not XML")
        }
        return root
    }

    struct XMLFailure: Error, CustomStringConvertible {
        var reason: String
        var description: String { "malformed XML: \(reason)" }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(XMLNode(namespace: namespaceURI ?? "", name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard let node = stack.popLast() else { return }
            if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
        }
    }
}

/// Namespaces and request bodies of WebDAV (RFC 4918), CalDAV (RFC 4791), CardDAV (RFC 6352)
/// and collection sync (RFC 6578).
enum DAV {
    static let namespace = "DAV:"
    static let caldav = "urn:ietf:params:xml:ns:caldav"
    static let carddav = "urn:ietf:params:xml:ns:carddav"

    static func propfind(_ properties: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:card="urn:ietf:params:xml:ns:carddav">\
        <d:prop>\(properties)</d:prop></d:propfind>
        """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// One `DAV:response` of a 207 Multi-Status.
struct MultistatusResponse: Sendable {
    var href: String
    /// The response's own status (a member removed since a sync token: 404), when it has one.
    var status: Int?
    /// The properties found (their propstat said 200).
    var properties: [XMLNode]

    func property(_ namespace: String, _ name: String) -> XMLNode? {
        properties.first { $0.namespace == namespace && $0.name == name }
    }

    var etag: String? { property(DAV.namespace, "getetag")?.trimmedText.nonEmpty }

    var resourceTypes: [String] { property(DAV.namespace, "resourcetype")?.children.map(\.name) ?? [] }
}

struct Multistatus: Sendable {
    var responses: [MultistatusResponse]
    /// The new token of a sync-collection REPORT.
    var syncToken: String?

    init(_ data: Data) throws {
        let root = try XMLNode.parse(data)
        guard root.namespace == DAV.namespace, root.name == "multistatus" else {
            throw XMLNode.XMLFailure(reason: "expected a DAV:multistatus, found \(root.name)")
        }
        syncToken = root.child(DAV.namespace, "sync-token")?.trimmedText.nonEmpty
        responses = root.children(DAV.namespace, "response").compactMap { response in
            guard let href = response.child(DAV.namespace, "href")?.trimmedText, !href.isEmpty else { return nil }
            var found: [XMLNode] = []
            for propstat in response.children(DAV.namespace, "propstat") {
                let status = propstat.child(DAV.namespace, "status").flatMap { Self.statusCode($0.trimmedText) } ?? 200
                guard (200..<300).contains(status) else { continue }
                found += propstat.child(DAV.namespace, "prop")?.children ?? []
            }
            let status = response.child(DAV.namespace, "status").flatMap { Self.statusCode($0.trimmedText) }
            return MultistatusResponse(href: href, status: status, properties: found)
        }
    }

    /// `HTTP/1.1 404 Not Found` → 404.
    static func statusCode(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
