/// One value of an IMAP reply (RFC 3501, section 4): an atom (numbers and flags among them), a
/// string (quoted or a literal, as bytes), NIL, or a parenthesized list.
indirect enum IMAPValue: Sendable, Hashable {
    case atom(String)
    case string([UInt8])
    case nothing
    case list([IMAPValue])

    var atom: String? {
        if case .atom(let text) = self { return text }
        return nil
    }

    var number: UInt32? { atom.flatMap { UInt32($0) } }

    var list: [IMAPValue]? {
        if case .list(let values) = self { return values }
        return nil
    }

    /// A string's or an atom's text (UTF-8, invalid bytes replaced), nil for NIL and lists.
    var text: String? {
        switch self {
        case .atom(let text): return text
        case .string(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .nothing, .list: return nil
        }
    }

    var bytes: [UInt8]? {
        switch self {
        case .string(let bytes): return bytes
        case .atom(let text): return Array(text.utf8)
        case .nothing, .list: return nil
        }
    }
}

/// One response line of a reply: untagged (`* ...`), tagged (`A004 OK ...`) or a continuation.
struct IMAPResponse: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case untagged
        case tagged(String)
        case continuation
    }

    var kind: Kind
    /// The values after the tag; for a status (OK, NO, BAD, BYE, PREAUTH) only the status word
    /// and, when given, its bracketed code.
    var values: [IMAPValue]
    /// A status response's human-readable text.
    var text: String
}
