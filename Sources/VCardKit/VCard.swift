/// One business card as read from a vCard file (RFC 2426, RFC 6350 and the vCard 2.1 habits of
/// phones and scanners).
///
/// The typed fields are what the planner needs; `properties` keeps every content line of the
/// card, decoded, so nothing in the file is lost.
public struct VCard: Sendable, Hashable {
    /// The `VERSION` value (`"2.1"`, `"3.0"`, `"4.0"`), or nil when the card has none.
    public var version: String?
    /// Every property of the card in file order, `BEGIN`/`END` excluded.
    public var properties: [VCardProperty]
    /// The physical line of the file on which the card starts (1-based).
    public var line: Int
    /// What was repaired while reading this card.
    public var warnings: [VCardWarning]

    public init(version: String? = nil, properties: [VCardProperty] = [], line: Int = 1, warnings: [VCardWarning] = []) {
        self.version = version
        self.properties = properties
        self.line = line
        self.warnings = warnings
    }
}

/// One content line: `group.NAME;param=value:value`.
public struct VCardProperty: Sendable, Hashable {
    /// The group prefix (`item1` in `item1.EMAIL`), nil when absent.
    public var group: String?
    /// The property name, upper-cased (`EMAIL`, `X-ABLABEL`).
    public var name: String
    /// The parameters in file order; empty ones (`TEL;;WORK`) left out.
    public var parameters: [VCardParameter] {
        get {
            switch parameterStorage {
            case .list(let parameters): return parameters
            case .text(let text): return ContentLine.parameters(ofText: text)
            }
        }
        set { parameterStorage = .list(newValue) }
    }
    /// The value after unfolding, quoted-printable decoding and charset conversion, still
    /// escaped (`\,`, `\;`, `\n`) as the file wrote it. Base64 blobs stay base64 text.
    public var rawValue: String
    /// The physical line on which the property starts (1-based).
    public var line: Int

    /// The parser keeps a property's parameters as the text it read, and splits them when they
    /// are asked for: most never are (a photo's, a note's), and one string costs far less to
    /// make, keep and free than an array of parameters with arrays of values.
    private var parameterStorage: ParameterStorage

    private enum ParameterStorage: Sendable {
        case list([VCardParameter])
        /// The text between the name and the value's colon, without the first `;`.
        case text(String)
    }

    public init(group: String? = nil, name: String, parameters: [VCardParameter] = [], rawValue: String, line: Int = 0) {
        self.group = group
        self.name = name
        self.parameterStorage = .list(parameters)
        self.rawValue = rawValue
        self.line = line
    }

    /// A property whose parameters are still the text the parser read (valid UTF-8).
    init(group: String?, name: String, parameterText: String, rawValue: String, line: Int) {
        self.group = group
        self.name = name
        self.parameterStorage = parameterText.isEmpty ? .list([]) : .text(parameterText)
        self.rawValue = rawValue
        self.line = line
    }

    /// The parameters' text as the parser read it ("" for none), while they have not been
    /// split or set: whatever depends on the parameters alone, such as ``types``, is the same
    /// for every property with the same text, and a writer may keep it by this key.
    var parameterKey: String? {
        switch parameterStorage {
        case .text(let text): return text
        case .list(let parameters): return parameters.isEmpty ? "" : nil
        }
    }

    public static func == (lhs: VCardProperty, rhs: VCardProperty) -> Bool {
        guard lhs.group == rhs.group, lhs.name == rhs.name, lhs.rawValue == rhs.rawValue, lhs.line == rhs.line else {
            return false
        }
        if case .text(let left) = lhs.parameterStorage, case .text(let right) = rhs.parameterStorage, left == right {
            return true
        }
        return lhs.parameters == rhs.parameters
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(name)
        hasher.combine(rawValue)
        hasher.combine(line)
        hasher.combine(parameters)
    }
}

/// A parameter of a property. vCard 2.1's bare parameters (`TEL;WORK;VOICE:`) have no name.
public struct VCardParameter: Sendable, Hashable {
    /// Upper-cased name, or nil for a vCard 2.1 bare parameter.
    public var name: String?
    /// Almost every parameter has one value: it is stored without an array of its own, which
    /// saves the parser an allocation per parameter.
    private var storage: Storage

    private enum Storage: Sendable, Hashable {
        case one(String)
        case list([String])
    }

    /// The values, unquoted; a quoted or unquoted comma list is split at its commas.
    public var values: [String] {
        get {
            switch storage {
            case .one(let value): return [value]
            case .list(let values): return values
            }
        }
        set { storage = newValue.count == 1 ? .one(newValue[0]) : .list(newValue) }
    }

    /// The first value, nil when there is none (`TYPE=`).
    public var value: String? {
        switch storage {
        case .one(let value): return value
        case .list(let values): return values.first
        }
    }

    public init(name: String?, values: [String]) {
        self.name = name
        self.storage = values.count == 1 ? .one(values[0]) : .list(values)
    }

    public init(name: String?, value: String) {
        self.name = name
        self.storage = .one(value)
    }
}

/// The parts of the `N` property.
public struct StructuredName: Sendable, Hashable, Codable {
    public var family: String
    public var given: String
    public var additional: String
    public var prefix: String
    public var suffix: String

    public init(family: String = "", given: String = "", additional: String = "", prefix: String = "", suffix: String = "") {
        self.family = family
        self.given = given
        self.additional = additional
        self.prefix = prefix
        self.suffix = suffix
    }

    /// "Given Additional Family", skipping empty parts; prefixes and suffixes are left out
    /// because a greeting or a calendar entry reads better without them.
    public var displayName: String {
        [given, additional, family]
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

/// An e-mail address or phone number with its types.
public struct VCardContact: Sendable, Hashable {
    public var value: String
    /// Lower-cased, de-duplicated, sorted (`["pref", "work"]`).
    public var types: [String]
    /// The vCard 4.0 `PREF=1..100` value (1 is most preferred), when given.
    public var preference: Int?
    /// Apple's `X-ABLabel` of the property's group, unwrapped from `_$!<...>!$_`.
    public var label: String?

    public init(value: String, types: [String] = [], preference: Int? = nil, label: String? = nil) {
        self.value = value
        self.types = types
        self.preference = preference
        self.label = label
    }

    /// Marked preferred by `TYPE=pref`, a 2.1 bare `PREF`, or a 4.0 `PREF=` parameter.
    public var isPreferred: Bool { preference != nil || types.contains("pref") }
}
