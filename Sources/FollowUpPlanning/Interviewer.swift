import Foundation

/// Someone who interviewed the candidate, as their business card describes them.
public struct Interviewer: Sendable, Hashable {
    public var name: String
    /// The given name from the card's `N`, for a greeting; nil when the card has none.
    public var givenName: String?
    /// The family name from the card's `N`, for a formal greeting ("Dear Dr. Vogel").
    public var familyName: String?
    /// The card's honorific prefix ("Dr.", "Prof."), from `N`.
    public var honorificPrefix: String?
    /// The card's additional (middle) names, from `N`; several are separated by commas, as `N` lists them.
    public var additionalNames: String?
    /// The card's honorific suffix ("jr.", "PhD"), from `N`.
    public var honorificSuffix: String?
    public var organization: String?
    public var title: String?
    public var emails: [ContactDetail]
    public var phones: [ContactDetail]
    /// The interviewer's time zone: the card's `TZ`, else the one its address or phone number
    /// names; nil means "the interview's", which is the user's.
    public var timeZone: TimeZone?
    /// Where a zone that is not the card's `TZ` came from: "the card's address (Chicago)",
    /// "the card's phone number (+1 312)". Nil for the card's own `TZ` or no zone.
    public var timeZoneSource: String?
    /// The card's embedded picture, for the contact made of it (`contacts export`, `sync`); the
    /// plan never uses it. A card's reader leaves it out: a report of thousands of cards has no
    /// use for their pictures, so whoever keeps the person sets it (`card.photo`).
    public var photo: Photo?

    public init(name: String, givenName: String? = nil, familyName: String? = nil, honorificPrefix: String? = nil,
                additionalNames: String? = nil, honorificSuffix: String? = nil, organization: String? = nil, title: String? = nil,
                emails: [ContactDetail] = [], phones: [ContactDetail] = [], timeZone: TimeZone? = nil,
                timeZoneSource: String? = nil, photo: Photo? = nil) {
        self.name = name
        self.givenName = givenName
        self.familyName = familyName
        self.honorificPrefix = honorificPrefix
        self.additionalNames = additionalNames
        self.honorificSuffix = honorificSuffix
        self.organization = organization
        self.title = title
        self.emails = emails
        self.phones = phones
        self.timeZone = timeZone
        self.timeZoneSource = timeZoneSource
        self.photo = photo
    }

    /// The address a thank-you goes to (rule 6 of docs/follow-up-guidance.md): the preferred one, else a work
    /// address, else the first.
    public var preferredEmail: String? { Self.preferred(emails)?.value }

    /// The number a check-in call goes to, chosen the same way; a mobile wins over a fax.
    /// An entry without a digit ("Diensttelefon", a label a scanner put in the value) is no
    /// number: it is never called.
    public var preferredPhone: String? {
        let dialable = phones.filter { $0.value.contains { $0.isASCII && $0.isNumber } }
        let callable = dialable.filter { !$0.types.contains("fax") && !$0.types.contains("pager") }
        return Self.preferred(callable.isEmpty ? dialable : callable)?.value
    }

    package static func preferred(_ contacts: [ContactDetail]) -> ContactDetail? {
        if let ranked = contacts.filter({ $0.preference != nil }).min(by: { $0.preference! < $1.preference! }) {
            return ranked
        }
        return contacts.first(where: { $0.types.contains("pref") })
            ?? contacts.first(where: { $0.types.contains("work") })
            ?? contacts.first
    }

    /// How a message greets them: "Dr. Vogel" when the card carries an honorific prefix, else
    /// the given name; a name written "Last, First" (Outlook's CN) gives its first name; else
    /// the full name, never a bare family name.
    public var greetingName: String {
        if let prefix = honorificPrefix, let family = familyName {
            return "\(prefix) \(family)"
        }
        if let givenName { return givenName }
        if let first = Self.firstNameOfReversedName(name) { return first }
        return name
    }

    /// "Chen, Lee" gives "Lee"; "Lee Chen, PhD" or "Chen, Jr." give nil: after the comma comes
    /// a credential or a generational suffix, not a first name.
    static func firstNameOfReversedName(_ name: String) -> String? {
        let parts = name.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let family = parts[0].trimmingCharacters(in: .whitespaces)
        let rest = parts[1].trimmingCharacters(in: .whitespaces)
        guard !family.isEmpty, let first = rest.split(separator: " ").first.map(String.init) else { return nil }
        let bare = first.lowercased().filter { $0 != "." }
        let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "msc", "bsc", "esq", "cpa", "pe", "dds", "rn", "ma", "ba"]
        if suffixes.contains(bare) { return nil }
        // An acronym after the comma ("Chen, CFA") is a credential.
        if first.count > 1, first.allSatisfy({ $0.isUppercase || $0 == "." }) { return nil }
        return first
    }

    /// Whether `query` is exactly the name or an e-mail address (case aside).
    public func matchesExactly(_ query: String) -> Bool {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        return !needle.isEmpty && (name.lowercased() == needle || emails.contains { $0.value.lowercased() == needle })
    }

    /// Whether `query` names this interviewer: a case-insensitive match on the name or part of it,
    /// an e-mail address or its local part. Accents aside, and "oe" for "ö" (German's spelling
    /// without umlauts, also the usual one in addresses): `joerg` and `jorg` find "Jörg".
    public func matches(_ query: String) -> Bool {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return false }
        if name.lowercased().contains(needle) || emails.contains(where: { $0.value.lowercased() == needle }) { return true }
        let foldedNeedle = needle.folded
        if Self.spellings(of: name).contains(where: { $0.contains(foldedNeedle) }) { return true }
        return emails.contains { email in
            email.value.split(separator: "@").first.map { Self.spellings(of: String($0)).contains(foldedNeedle) } == true
        }
    }

    /// A name as it may be typed on a keyboard without its letters: accents dropped
    /// ("jorg weber"), and German's umlauts and ß spelled out ("joerg weber").
    static func spellings(of text: String) -> Set<String> {
        let lower = text.lowercased()
        let spelledOut = lower.replacingOccurrences(of: "ä", with: "ae").replacingOccurrences(of: "ö", with: "oe")
            .replacingOccurrences(of: "ü", with: "ue").replacingOccurrences(of: "ß", with: "ss")
        return [lower.folded, spelledOut.folded]
    }
}

extension String {
    /// The text on one line: line breaks and tabs become spaces, runs of spaces collapse.
    public var singleLine: String {
        if isSingleLine { return self }
        // Other control characters (a NUL a writer left in a name) separate words too: they
        // have no place on a line of text.
        return split(whereSeparator: { $0.isNewline || $0 == " " || $0.unicodeScalars.allSatisfy { $0.value < 0x20 || $0.value == 0x7F } })
            .joined(separator: " ")
    }

    /// Whether the text is already on one line: no control characters, no Unicode line or
    /// paragraph separators, no doubled or surrounding spaces. Checked on bytes, because
    /// summaries pass through here for every entry of a feed.
    private var isSingleLine: Bool {
        var previous: UInt8 = UInt8(ascii: " ")
        var count = 0
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == UInt8(ascii: " ") && previous == UInt8(ascii: " ") { return false }
            // U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9) are line breaks too.
            if (previous == 0xC2 && byte == 0x85) || (previous == 0x80 && (byte == 0xA8 || byte == 0xA9)) { return false }
            previous = byte
            count += 1
        }
        return previous != UInt8(ascii: " ") || count == 0
    }
}
