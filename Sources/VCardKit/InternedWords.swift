/// The words that fill most of a vCard's names and parameters (`EMAIL`, `TYPE`, `WORK`,
/// `QUOTED-PRINTABLE` ...), made into strings once.
///
/// Building a `String` from bytes validates and copies them; for the few dozen words that make
/// up most property and parameter names and values, looking them up is several times cheaper,
/// and every card shares the same strings.
struct InternedWords: Sendable {
    private struct Entry: Sendable {
        var low: UInt64
        var high: UInt64
        var string: String
    }

    /// Entries by length in bytes (1 to 16).
    private let buckets: [[Entry]]

    init(_ words: [String]) {
        var buckets = [[Entry]](repeating: [], count: 17)
        precondition(words.allSatisfy { (1...16).contains($0.utf8.count) }, "interned words are 1 to 16 bytes")
        for word in words where !buckets[word.utf8.count].contains(where: { $0.string == word }) {
            let bytes = Array(word.utf8)
            let (low, high) = bytes.withUnsafeBufferPointer { Self.pack($0, 0..<$0.count, upperCasing: false) }
            buckets[bytes.count].append(Entry(low: low, high: high, string: word))
        }
        self.buckets = buckets
    }

    /// The interned string spelled by `bytes[range]` (ASCII letters upper-cased first when
    /// `upperCasing`), nil when it is not one of the words.
    @inline(__always)
    func lookUp(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, upperCasing: Bool) -> String? {
        guard range.count <= 16, range.count > 0 else { return nil }
        let (low, high) = Self.pack(bytes, range, upperCasing: upperCasing)
        for entry in buckets[range.count] where entry.low == low && entry.high == high {
            return entry.string
        }
        return nil
    }

    @inline(__always)
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, upperCasing: Bool) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        var shift: UInt64 = 0
        for index in range {
            var byte = bytes[index]
            if upperCasing, byte &- UInt8(ascii: "a") < 26 { byte -= 0x20 }
            if shift < 64 {
                low |= UInt64(byte) << shift
            } else {
                high |= UInt64(byte) << (shift - 64)
            }
            shift += 8
        }
        return (low, high)
    }

    /// Property and parameter names, upper-case (RFC 6350, RFC 2426, vCard 2.1 and the
    /// extensions Apple, Google and Android write).
    static let names = InternedWords([
        "BEGIN", "END", "VERSION", "FN", "N", "NICKNAME", "PHOTO", "BDAY", "ANNIVERSARY", "GENDER",
        "ADR", "LABEL", "TEL", "EMAIL", "IMPP", "LANG", "TZ", "GEO", "TITLE", "ROLE", "LOGO", "ORG",
        "MEMBER", "RELATED", "CATEGORIES", "NOTE", "PRODID", "REV", "SOUND", "UID", "CLIENTPIDMAP",
        "URL", "KEY", "FBURL", "CALADRURI", "CALURI", "XML", "KIND", "SOURCE", "NAME", "AGENT",
        "MAILER", "CLASS", "SORT-STRING", "PROFILE",
        "X-ABLABEL", "X-ABUID", "X-ABADR", "X-ABDATE", "X-ABRELATEDNAMES", "X-ABSHOWAS",
        "X-SOCIALPROFILE", "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME", "X-ANDROID-CUSTOM",
        "X-AIM", "X-ICQ", "X-JABBER", "X-MSN", "X-YAHOO", "X-SKYPE", "X-GTALK",
        "TYPE", "PREF", "VALUE", "CHARSET", "ENCODING", "LANGUAGE", "ALTID", "PID", "MEDIATYPE",
        "CALSCALE", "SORT-AS", "CONTEXT",
    ].filter { $0.utf8.count <= 16 })

    /// Parameter values as writers spell them (case kept: `WORK`, `work` and `Work` are
    /// different strings).
    static let values = InternedWords(
        ["WORK", "HOME", "VOICE", "CELL", "FAX", "PAGER", "MSG", "BBS", "MODEM", "CAR", "ISDN", "VIDEO",
         "PCS", "MAIN", "OTHER", "IPHONE", "TEXT", "TEXTPHONE", "PREF", "INTERNET", "X400", "AOL",
         "DOM", "INTL", "POSTAL", "PARCEL", "JPEG", "PNG", "GIF", "URI", "URL", "INLINE", "BASE64", "B",
         "QUOTED-PRINTABLE", "QP", "8BIT", "7BIT", "UTF-8", "US-ASCII", "ISO-8859-1", "WINDOWS-1252",
         "SHIFT_JIS", "DATE", "DATE-TIME", "UTC-OFFSET", "LANGUAGE-TAG", "X-MOBILE", "X-OTHER"]
            .flatMap { [$0, $0.lowercased(), $0.prefix(1) + $0.dropFirst().lowercased()] }
            + ["1", "2", "3", "4", "5", "utf8", "Shift_JIS"]
    )
}
