import FollowUpSupport
/// An entity tag (RFC 9110 §8.8.3): `"opaque"` or, when weak, `W/"opaque"`.
struct EntityTag: Equatable, Sendable {
    /// The characters between the quotes.
    var opaque: String
    var isWeak: Bool

    /// The field value: `"opaque"` or `W/"opaque"`.
    var fieldValue: String { (isWeak ? "W/" : "") + "\"" + opaque + "\"" }

    /// A strong tag derived from the bytes alone, so it is the same after a restart, on another
    /// machine, and whenever the feed is regenerated with the same content: the 64-bit FNV-1a
    /// hash of the bytes and their length, in hex (`"3f5a…-1c2"`).
    ///
    /// FNV-1a is not a cryptographic hash; it need not be: it only has to change when a feed
    /// changes, and nobody gains anything from making two calendars collide.
    static func strong(forContent bytes: some Sequence<UInt8>) -> EntityTag {
        var hash = FNV1a()
        var count: UInt64 = 0
        for byte in bytes {
            hash.add(byte)
            count += 1
        }
        return EntityTag(opaque: "\(hash.value.hex16)-\(String(count, radix: 16))", isWeak: false)
    }

    /// Weak comparison (§8.8.3.2): the opaque tags are equal, whether either is weak or not.
    /// `If-None-Match` always compares this way.
    func weaklyMatches(_ other: EntityTag) -> Bool {
        opaque == other.opaque
    }
}

/// The value of an `If-None-Match` field (RFC 9110 §13.1.2): `*` or a list of entity tags.
enum EntityTagCondition: Equatable, Sendable {
    /// `*`: any current representation.
    case any
    case tags([EntityTag])

    /// Reads `"a", W/"b"` or `*`; `nil` when the value is not valid syntax.
    ///
    /// A comma may appear inside the quotes of a tag, so the list is read tag by tag rather
    /// than split at commas; empty list elements are allowed (§5.6.1).
    init?(fieldValue: some StringProtocol) {
        let bytes = Array(fieldValue.utf8)
        var index = 0
        func skipSeparators() {
            while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ",")].contains(bytes[index]) {
                index += 1
            }
        }
        skipSeparators()
        if index < bytes.count, bytes[index] == UInt8(ascii: "*") {
            index += 1
            skipSeparators()
            guard index == bytes.count else { return nil }
            self = .any
            return
        }
        var tags: [EntityTag] = []
        while index < bytes.count {
            var isWeak = false
            if bytes.count - index >= 2, bytes[index] == UInt8(ascii: "W"), bytes[index + 1] == UInt8(ascii: "/") {
                isWeak = true
                index += 2
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            // etagc = %x21 / %x23-7E / obs-text: any visible byte but the quote.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                guard bytes[index] >= 0x21, bytes[index] != 0x7F else { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }  // no closing quote
            tags.append(EntityTag(opaque: String(decoding: bytes[start..<index], as: UTF8.self), isWeak: isWeak))
            index += 1
            // After a tag only optional whitespace, then a comma or the end.
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                index += 1
            }
            guard index == bytes.count || bytes[index] == UInt8(ascii: ",") else { return nil }
            skipSeparators()
        }
        guard !tags.isEmpty else { return nil }
        self = .tags(tags)
    }

    /// Whether the condition names the current representation, whose tag is `current`; then
    /// a GET or HEAD is answered with 304 Not Modified.
    func matches(_ current: EntityTag) -> Bool {
        switch self {
        case .any: true
        case .tags(let tags): tags.contains { $0.weaklyMatches(current) }
        }
    }
}
