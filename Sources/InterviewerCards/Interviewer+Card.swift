import FollowUpPlanning
import Foundation
import VCardKit

/// The edge between business cards and the domain: what the plan needs of a card, read once,
/// so that the planner knows nothing of vCard.
extension Interviewer {
    public init(card: VCard) {
        let phones = card.phones
        self.init(
            name: Self.personName(card).singleLine,
            givenName: card.name.map(\.given.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            familyName: card.name.map(\.family.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            honorificPrefix: card.name.map(\.prefix.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            additionalNames: card.name.map(\.additional.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            honorificSuffix: card.name.map(\.suffix.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            organization: card.organization.first.map(\.singleLine).flatMap { $0.isEmpty ? nil : $0 },
            title: card.title?.singleLine,
            emails: card.emails.compactMap { email in
                var email = ContactDetail(email)
                email.value = Self.address(email.value)
                return email.value.isEmpty ? nil : email
            },
            phones: phones.map { phone in
                var phone = ContactDetail(phone)
                phone.value = Self.phoneNumber(phone.value)
                return phone
            },
            timeZone: card.timeZone)
        if timeZone == nil, let hint = Self.zoneHint(card, phones: phones) {
            timeZone = hint.zone
            timeZoneSource = hint.source
        }
    }

    /// The zone a card without `TZ` names through its addresses' cities and its phone numbers'
    /// prefixes, when they all name the same one; nil when they name none or disagree.
    static func zoneHint(_ card: VCard, phones: [VCardContact]) -> (zone: TimeZone, source: String)? {
        var hints: [(zone: TimeZone, source: String)] = []
        for address in card.properties(named: "ADR") {
            let parts = address.components
            guard parts.count > 3 else { continue }
            let city = parts[3].singleLine
            if !city.isEmpty, let zone = ZoneLookup.zone(forCity: city) { hints.append((zone, "the card's address (\(city))")) }
        }
        for phone in phones {
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
        // Most numbers are already trimmed text: Foundation's trimming is left for the rest.
        let isTrimmed = value.utf8.first.map { (0x21..<0x80).contains($0) } == true
            && value.utf8.last.map { (0x21..<0x80).contains($0) } == true
        let trimmed = isTrimmed ? value : value.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.prefix(3).map({ $0 | 0x20 }) == Array("tel".utf8), trimmed.utf8.dropFirst(3).first == UInt8(ascii: ":") else {
            return trimmed
        }
        // RFC 3966: parameters follow a ';' ("tel:+1-212-555-0123;ext=45").
        let parts = trimmed.dropFirst(4).split(separator: ";", omittingEmptySubsequences: false)
        var number = parts.first.map { String($0.map { $0 == "-" || $0 == "." ? " " : $0 }) } ?? ""
        if let ext = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("ext=") }) { number += " ext. " + ext.dropFirst(4) }
        return number.split(separator: " ").joined(separator: " ")
    }
}

extension ContactDetail {
    /// A card's e-mail or phone entry as the domain keeps it.
    public init(_ contact: VCardContact) {
        self.init(value: contact.value, types: contact.types, preference: contact.preference, label: contact.label)
    }
}

extension Photo {
    /// A card's embedded picture as the domain keeps it.
    public init(_ photo: VCardPhoto) {
        self.init(data: photo.data, mediaType: photo.mediaType)
    }
}
