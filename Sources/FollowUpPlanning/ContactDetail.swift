import Foundation

/// One e-mail address or phone number of a person, with what its source said about it: the
/// domain's own form, whatever the person came from (a card, a spreadsheet row, an invitation).
public struct ContactDetail: Sendable, Hashable {
    public var value: String
    /// Lower-cased, de-duplicated, sorted (`["cell", "pref"]`).
    public var types: [String]
    /// A ranking where the source gives one (vCard 4.0's `PREF=1..100`; 1 is most preferred).
    public var preference: Int?
    /// A label the source gave the value ("Diensttelefon", Apple's `X-ABLabel`).
    public var label: String?

    public init(value: String, types: [String] = [], preference: Int? = nil, label: String? = nil) {
        self.value = value
        self.types = types
        self.preference = preference
        self.label = label
    }

    /// Marked preferred by a ranking or a `pref` type.
    public var isPreferred: Bool { preference != nil || types.contains("pref") }
}

/// A person's picture as bytes and their media type (`image/jpeg`, `image/png`, `image/gif`).
public struct Photo: Sendable, Hashable, Codable {
    public var data: Data
    public var mediaType: String

    public init(data: Data, mediaType: String) {
        self.data = data
        self.mediaType = mediaType
    }
}
