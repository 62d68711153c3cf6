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
        emails = Self.contacts(named: "EMAIL", of: card)
        tels = Self.contacts(named: "TEL", of: card)
        tz = card.timeZoneText
        note = card.note
        // Most cards have one NOTE at most: count before decoding them all.
        notes = card.properties.lazy.filter { $0.name == "NOTE" }.count > 1 ? card.notes : nil
    }

    /// What `card.emails` or `card.phones` hold, without the preference a summary does not
    /// show (reading it parses the parameters once more per contact).
    private static func contacts(named name: String, of card: VCard) -> [Contact] {
        var contacts: [Contact] = []
        for property in card.properties where property.name == name {
            let value = property.text.trimmingWhitespace()
            guard !value.isEmpty else { continue }
            contacts.append(Contact(value: value, types: property.types, label: property.group.flatMap(card.label(ofGroup:))))
        }
        return contacts
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

/// Contacts' ``VCardProperty/types``, as the JSON array ``VCardJSONWriter`` writes for
/// them, kept by the text of their parameters. Splitting the parameters, lower-casing,
/// sorting and sifting out 2.1's encoding words cost more than the rest of a contact's
/// summary, and a file's thousands of contacts share a few dozen texts (`WORK;VOICE`,
/// `type=INTERNET;type=WORK;type=pref`).
struct ContactTypes: Sendable {
    private var known: [String: [UInt8]] = [:]
    /// How many texts are kept at most: past it they are forgotten and learnt again, so a file
    /// of ever-different parameters costs a lookup more per contact, never memory.
    private let limit = 256

    /// The JSON of a property's types (`types`, read only when needed), made by `render` when
    /// the text of its parameters (`key`, ``VCardProperty/parameterKey``) is new.
    mutating func json(key: String?, types: @autoclosure () -> [String], render: ([String]) -> [UInt8]) -> [UInt8] {
        guard let key else { return render(types()) }
        if let json = known[key] { return json }
        let json = render(types())
        if known.count >= limit { known.removeAll(keepingCapacity: true) }
        known[key] = json
        return json
    }
}
