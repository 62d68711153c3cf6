import Foundation

/// What the tool read from a card, in the shape `followup card --json` prints: one entry of
/// `cards` in the corpus' `*.expected.json` files (Tests/VCardKitTests/Corpus).
public struct VCardSummary: Sendable, Hashable, Encodable {
    public struct Contact: Sendable, Hashable, Encodable {
        public var value: String
        public var types: [String]
        public var label: String?
    }

    public var version: String?
    public var fn: String?
    public var n: StructuredName?
    public var org: [String]
    public var title: String?
    public var emails: [Contact]
    public var tels: [Contact]
    public var tz: String?
    public var note: String?
    /// Every NOTE, present only when the card has more than one.
    public var notes: [String]?

    public init(_ card: VCard) {
        version = card.version
        fn = card.formattedName
        n = card.name
        org = card.organization
        title = card.title
        emails = card.emails.map { Contact(value: $0.value, types: $0.types, label: $0.label) }
        tels = card.phones.map { Contact(value: $0.value, types: $0.types, label: $0.label) }
        tz = card.timeZoneText
        note = card.note
        let allNotes = card.notes
        notes = allNotes.count > 1 ? allNotes : nil
    }

    enum CodingKeys: String, CodingKey {
        case version, fn, n, org, title, emails, tels, tz, note, notes
    }

    // Absent values are written as null (not left out), so every card has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(fn, forKey: .fn)
        try container.encode(n, forKey: .n)
        try container.encode(org, forKey: .org)
        try container.encode(title, forKey: .title)
        try container.encode(emails, forKey: .emails)
        try container.encode(tels, forKey: .tels)
        try container.encode(tz, forKey: .tz)
        try container.encode(note, forKey: .note)
        try container.encodeIfPresent(notes, forKey: .notes)
    }

    /// A JSON array of summaries, pretty-printed with sorted keys.
    public static func json(_ cards: [VCard]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(cards.map(VCardSummary.init))
        return String(decoding: data, as: UTF8.self)
    }
}
