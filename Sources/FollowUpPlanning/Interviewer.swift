import Foundation
import VCardKit

/// Someone who interviewed the candidate, as their business card describes them.
public struct Interviewer: Sendable, Hashable {
    public var name: String
    /// The given name from the card's `N`, for a greeting; nil when the card has none.
    public var givenName: String?
    /// The family name from the card's `N`, for a formal greeting ("Dear Dr. Vogel").
    public var familyName: String?
    /// The card's honorific prefix ("Dr.", "Prof."), from `N`.
    public var honorificPrefix: String?
    public var organization: String?
    public var title: String?
    public var emails: [VCardContact]
    public var phones: [VCardContact]
    /// The interviewer's time zone: the card's `TZ`, else the one its address or phone number
    /// names; nil means "the interview's", which is the user's.
    public var timeZone: TimeZone?
    /// Where a zone that is not the card's `TZ` came from: "the card's address (Chicago)",
    /// "the card's phone number (+1 312)". Nil for the card's own `TZ` or no zone.
    public var timeZoneSource: String?
    /// The card's embedded picture, for the contact made of it (`contacts export`, `sync`); the
    /// plan never uses it. `init(card:)` leaves it out: a report of thousands of cards has no
    /// use for their pictures, so whoever keeps the person sets it (`card.photo`).
    public var photo: VCardPhoto?

    public init(name: String, givenName: String? = nil, familyName: String? = nil, honorificPrefix: String? = nil,
                organization: String? = nil, title: String? = nil,
                emails: [VCardContact] = [], phones: [VCardContact] = [], timeZone: TimeZone? = nil,
                timeZoneSource: String? = nil, photo: VCardPhoto? = nil) {
        self.name = name
        self.givenName = givenName
        self.familyName = familyName
        self.honorificPrefix = honorificPrefix
        self.organization = organization
        self.title = title
        self.emails = emails
        self.phones = phones
        self.timeZone = timeZone
        self.timeZoneSource = timeZoneSource
        self.photo = photo
    }

    public init(card: VCard) {
        self.init(
            name: Self.personName(card).singleLine,
            givenName: card.name.map(\.given.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            familyName: card.name.map(\.family.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            honorificPrefix: card.name.map(\.prefix.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            organization: card.organization.first.map(\.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            title: card.title?.singleLine,
            emails: card.emails.compactMap { email in
                var email = email
                email.value = Self.address(email.value)
                return email.value.isEmpty ? nil : email
            },
            phones: card.phones.map { phone in
                var phone = phone
                phone.value = Self.phoneNumber(phone.value)
                return phone
            },
            timeZone: card.timeZone)
        if timeZone == nil, let hint = Self.zoneHint(card) {
            timeZone = hint.zone
            timeZoneSource = hint.source
        }
    }

    /// The zone a card without `TZ` names through its addresses' cities and its phone numbers'
    /// prefixes, when they all name the same one; nil when they name none or disagree.
    static func zoneHint(_ card: VCard) -> (zone: TimeZone, source: String)? {
        var hints: [(zone: TimeZone, source: String)] = []
        for address in card.properties(named: "ADR") {
            let parts = address.components
            guard parts.count > 3 else { continue }
            let city = parts[3].singleLine
            if !city.isEmpty, let zone = ZoneLookup.zone(forCity: city) { hints.append((zone, "the card's address (\(city))")) }
        }
        for phone in card.phones {
            if let found = ZoneLookup.zone(forPhone: phone.value) { hints.append((found.zone, "the card's phone number (\(found.prefix))")) }
        }
        guard let first = hints.first,
              hints.allSatisfy({ $0.zone.identifier == first.zone.identifier }) else { return nil }
        return first
    }

    /// The card's name, except that a card Apple shows as a company (`X-ABShowAs:COMPANY`, its
    /// FN the company's name) still names the person in `N`: the interviewer is that person.
    private static func personName(_ card: VCard) -> String {
        let showsCompany = card.properties(named: "X-ABSHOWAS").first?.text.trimmingCharacters(in: .whitespaces)
            .caseInsensitiveCompare("COMPANY") == .orderedSame
        if showsCompany, let person = card.name?.displayName, !person.isEmpty { return person }
        return card.displayName
    }

    /// The bare address of an e-mail value as some writers and scanners fill it in: a `mailto:`
    /// URI, `Dana Diaz <dana@acme.example>`, or OCR text with its label (`E-mail: dana@acme.example`).
    /// A value with no one clear address in it is kept as written.
    static func address(_ value: String) -> String {
        var text = Substring(value)
        if text.prefix(7).lowercased() == "mailto:" { text = text.dropFirst(7) }
        guard text.contains(where: { $0 == " " || $0 == "<" || $0 == "\t" }) else { return String(text) }
        let words = text.split(whereSeparator: { " \t<>,;()\"'".contains($0) })
        let candidates = words.filter { $0.contains("@") }
        guard candidates.count == 1 else { return String(text) }
        var address = candidates[0]
        if address.prefix(7).lowercased() == "mailto:" { address = address.dropFirst(7) }
        return String(address)
    }

    /// A phone number in one written form whatever the card's: a `tel:` URI
    /// (`tel:+1-212-555-0123`) loses its scheme and its visual separators become spaces
    /// (`+1 212 555 0123`), as numbers written as text already are.
    static func phoneNumber(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("tel:") else { return trimmed }
        // RFC 3966: parameters follow a ';' ("tel:+1-212-555-0123;ext=45").
        let parts = trimmed.dropFirst(4).split(separator: ";", omittingEmptySubsequences: false)
        var number = parts.first.map { $0.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: ".", with: " ") } ?? ""
        if let ext = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("ext=") }) { number += " ext. " + ext.dropFirst(4) }
        return number.split(separator: " ").joined(separator: " ")
    }

    /// The address a thank-you goes to (rule 6 of docs/follow-up-guidance.md): the preferred one, else a work
    /// address, else the first.
    public var preferredEmail: String? { Self.preferred(emails)?.value }

    /// The number a check-in call goes to, chosen the same way; a mobile wins over a fax.
    public var preferredPhone: String? {
        let callable = phones.filter { !$0.types.contains("fax") && !$0.types.contains("pager") }
        return Self.preferred(callable.isEmpty ? phones : callable)?.value
    }

    static func preferred(_ contacts: [VCardContact]) -> VCardContact? {
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

    /// Whether `query` names this interviewer: a case-insensitive match on the name or an
    /// e-mail address.
    /// Whether `query` is exactly the name or an e-mail address (case aside).
    public func matchesExactly(_ query: String) -> Bool {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        return !needle.isEmpty && (name.lowercased() == needle || emails.contains { $0.value.lowercased() == needle })
    }

    public func matches(_ query: String) -> Bool {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { return false }
        return name.lowercased() == needle
            || name.lowercased().contains(needle)
            || emails.contains { $0.value.lowercased() == needle }
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
