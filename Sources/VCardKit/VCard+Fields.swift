import Foundation

extension VCardProperty {
    /// The value as text: backslash escapes removed.
    public var text: String { TextDecoding.unescape(rawValue) }

    /// The parts of a structured value (N, ADR, ORG), split at unescaped semicolons.
    public var components: [String] { TextDecoding.structuredComponents(rawValue) }

    /// The first value of the named parameter.
    public func parameter(_ name: String) -> String? {
        let upper = name.utf8.contains(where: { $0 &- UInt8(ascii: "a") < 26 || $0 >= 0x80 }) ? name.uppercased() : name
        return parameters.first { $0.name == upper }?.value
    }

    /// Types from `TYPE=` lists, vCard 2.1 bare parameters and a 4.0 `PREF=` (as `pref`),
    /// lower-cased, de-duplicated and sorted. Encoding, charset, value-kind and language words
    /// that 2.1 writers put in bare parameters are not types.
    public var types: [String] { Self.types(in: parameters) }

    static func types(in parameters: [VCardParameter]) -> [String] {
        // A card's few types are de-duplicated in an array: cheaper than hashing into a set.
        var types: [String] = []
        func insert(_ type: String) {
            if !types.contains(type) { types.append(type) }
        }
        for parameter in parameters {
            switch parameter.name {
            case "TYPE":
                for value in parameter.values { insert(value.lowercased()) }
            case nil:
                for value in parameter.values where Self.isBareType(value) { insert(value.lowercased()) }
            case "PREF":
                insert("pref")
            default:
                break
            }
        }
        return types.count > 1 ? types.sorted() : types
    }

    /// The card an `AGENT` property holds, whether written as vCard 3.0 does (one escaped text
    /// value, `AGENT:BEGIN:VCARD\\nFN:...`) or as vCard 2.1 does (the card's own lines after
    /// `AGENT:`); nil when the value is not a card (a URI, or free text).
    public var embeddedCard: VCard? {
        let text = self.text
        guard matchesMarker(ArraySlice(text.utf8.prefix(while: { $0 != 0x0A && $0 != 0x0D })), "BEGIN", "VCARD") else {
            return nil
        }
        return try? VCardParser(options: .init(recoversTruncatedCards: true)).parse(text).first
    }

    /// The bytes of a binary value (`PHOTO`, `LOGO`, `SOUND`, `KEY`): base64 as vCard 2.1 and 3.0
    /// write it (`ENCODING=b`), or a vCard 4.0 `data:` URI with `;base64,`. Nil for a URL or
    /// for text that is not base64.
    public var binaryValue: Data? {
        if rawValue.hasPrefix("data:") {
            guard let comma = rawValue.firstIndex(of: ","), rawValue[..<comma].hasSuffix(";base64") else { return nil }
            return Data(base64Encoded: String(rawValue[rawValue.index(after: comma)...]), options: .ignoreUnknownCharacters)
        }
        let encoding = parameters.first { $0.name == "ENCODING" || $0.name == nil && $0.value.map(Self.isBase64Word) == true }
        guard let word = encoding?.value, Self.isBase64Word(word) else { return nil }
        return Data(base64Encoded: rawValue, options: .ignoreUnknownCharacters)
    }

    /// Whether `line`, which is not a property, is more of this property's base64 value: the
    /// property is base64-encoded and the line holds nothing but base64 characters. Only asked
    /// of lines that failed to parse, so it costs nothing on well-formed cards.
    func continuesAsBase64(_ line: ArraySlice<UInt8>) -> Bool {
        guard !line.isEmpty, line.allSatisfy(Self.isBase64Byte) else { return false }
        if rawValue.hasPrefix("data:") { return false }
        return parameters.contains { parameter in
            guard let word = parameter.value, parameter.name == "ENCODING" || parameter.name == nil else { return false }
            return Self.isBase64Word(word)
        }
    }

    private static func isBase64Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: "\t"):
            return true
        default:
            return false
        }
    }

    private static func isBase64Word(_ word: String) -> Bool {
        word.equalsIgnoringASCIICase("B") || word.equalsIgnoringASCIICase("BASE64")
    }

    /// The vCard 4.0 `PREF=n` value, when it is a number.
    public var preference: Int? { Self.preference(in: parameters) }

    static func preference(in parameters: [VCardParameter]) -> Int? {
        parameters.first { $0.name == "PREF" }?.value.flatMap { Int($0.trimmingWhitespace()) }
    }

    private static let nonTypeWords: Set<String> = [
        "quoted-printable", "qp", "base64", "b", "8bit", "7bit",
        "inline", "url", "uri", "content-id", "cid", "vcard", "text",
    ]

    static func isBareType(_ word: String) -> Bool {
        let lower = word.lowercased()
        if lower.isEmpty || nonTypeWords.contains(lower) || ContentLine.isCharsetName(lower) { return false }
        // A language tag such as `de-DE` (a 2-3 letter language and a 2 letter region).
        guard lower.utf8.contains(UInt8(ascii: "-")) else { return true }
        let parts = lower.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, (2...3).contains(parts[0].count), parts[1].count == 2,
           parts.allSatisfy({ $0.allSatisfy(\.isLetter) }) {
            return false
        }
        return true
    }
}

extension VCard {
    /// All properties with this (upper-case) name, in file order.
    public func properties(named name: String) -> [VCardProperty] {
        properties.filter { $0.name == name }
    }

    private func firstText(_ name: String) -> String? {
        for property in properties where property.name == name {
            let text = property.text
            return text.isEmpty ? nil : text
        }
        return nil
    }

    /// The `FN` property, nil when absent or empty.
    public var formattedName: String? { firstText("FN") }

    /// The `N` property split into its five parts, nil when absent.
    public var name: StructuredName? {
        guard let property = properties.first(where: { $0.name == "N" }) else { return nil }
        var parts = property.components
        while parts.count < 5 { parts.append("") }
        return StructuredName(family: parts[0], given: parts[1], additional: parts[2], prefix: parts[3], suffix: parts[4])
    }

    /// The components of the first `ORG`, trailing empty ones dropped.
    public var organization: [String] {
        guard let property = properties.first(where: { $0.name == "ORG" }) else { return [] }
        var parts = property.components
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        return parts
    }

    public var title: String? { firstText("TITLE") }
    public var note: String? { firstText("NOTE") }
    public var notes: [String] { properties(named: "NOTE").map(\.text) }
    public var urls: [String] { properties(named: "URL").map(\.text).filter { !$0.isEmpty } }

    /// The `TZ` value as written (`Europe/Berlin`, `-05:00`, `1:00`).
    public var timeZoneText: String? { firstText("TZ")?.trimmingWhitespace() }

    /// The card's time zone: an IANA name (`Europe/Berlin`, as text or as a `tzid:` URI), or a
    /// fixed UTC offset (`-05:00`, `-0500`, `+0530`, `-5`, `Z`). RFC 2426's own example,
    /// `-05:00; EST; Raleigh/North America`, gives the first part that is a zone.
    public var timeZone: TimeZone? {
        guard let text = timeZoneText, !text.isEmpty else { return nil }
        if let zone = Self.zone(text) { return zone }
        for part in text.split(separator: ";") {
            if let zone = Self.zone(String(part).trimmingWhitespace()) { return zone }
        }
        return nil
    }

    private static func zone(_ text: String) -> TimeZone? {
        var text = text
        // vCard 4.0 may write the name as a URI.
        if text.hasPrefix("tzid:") { text = String(text.dropFirst(5)) }
        if let zone = TimeZone(identifier: text) { return zone }
        return utcOffset(text).flatMap { TimeZone(secondsFromGMT: $0) }
    }

    static func utcOffset(_ text: String) -> Int? {
        var text = text.trimmingWhitespace()
        if text.uppercased() == "Z" { return 0 }
        var sign = 1
        if text.hasPrefix("-") { sign = -1; text.removeFirst() }
        else if text.hasPrefix("+") { text.removeFirst() }
        let pieces = text.contains(":") ? text.split(separator: ":").map(String.init)
            : text.count > 2 ? [String(text.prefix(text.count - 2)), String(text.suffix(2))] : [text]
        guard (1...2).contains(pieces.count), let hours = Int(pieces[0]), (0...14).contains(hours) else { return nil }
        let minutes = pieces.count == 2 ? Int(pieces[1]) : 0
        guard let minutes, (0..<60).contains(minutes) else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// E-mail addresses with their types, empty values left out.
    public var emails: [VCardContact] { contacts(named: "EMAIL") }

    /// Phone numbers with their types, as written (a 4.0 `tel:` URI stays a URI).
    public var phones: [VCardContact] { contacts(named: "TEL") }

    private func contacts(named name: String) -> [VCardContact] {
        properties(named: name).compactMap { property in
            let value = property.text.trimmingWhitespace()
            guard !value.isEmpty else { return nil }
            // The parameters are split once, for both the types and the preference.
            let parameters = property.parameters
            return VCardContact(value: value, types: VCardProperty.types(in: parameters),
                                preference: VCardProperty.preference(in: parameters),
                                label: property.group.flatMap(label(ofGroup:)))
        }
    }

    /// Apple's label for a group (`item1.X-ABLabel:_$!<Work>!$_` gives `Work`).
    public func label(ofGroup group: String) -> String? {
        guard let property = properties.first(where: {
            $0.name == "X-ABLABEL" && $0.group.map { Self.isSameGroup($0, group) } == true
        }) else { return nil }
        return Self.label(property)
    }

    /// The label an `X-ABLABEL` property gives, unwrapped from Apple's `_$!<...>!$_`; nil
    /// when it is empty.
    static func label(_ property: VCardProperty) -> String? {
        var label = property.text
        if label.hasPrefix("_$!<"), label.hasSuffix(">!$_") {
            label = String(label.dropFirst(4).dropLast(4))
        }
        return label.isEmpty ? nil : label
    }

    /// Group names compare ignoring case. The parser's are ASCII, which compares byte by byte
    /// here; Foundation's comparison, which a summary used to pay for each contact, is left
    /// for names set by hand with other letters in them.
    static func isSameGroup(_ left: String, _ right: String) -> Bool {
        let isASCII = { (text: String) in text.utf8.allSatisfy { $0 < 0x80 } }
        guard isASCII(left), isASCII(right) else { return left.caseInsensitiveCompare(right) == .orderedSame }
        return left.utf8.count == right.utf8.count && zip(left.utf8, right.utf8).allSatisfy { pair in
            pair.0 == pair.1 || pair.0 | 0x20 == pair.1 | 0x20 && pair.0 | 0x20 &- UInt8(ascii: "a") < 26
        }
    }

    /// The name to show and greet: FN, else the structured name, else the organisation, else
    /// the first e-mail address.
    public var displayName: String {
        if let formatted = formattedName?.trimmingWhitespace(), !formatted.isEmpty { return formatted }
        if let structured = name?.displayName, !structured.isEmpty { return structured }
        if let org = organization.first(where: { !$0.isEmpty }) { return org }
        if let email = emails.first?.value { return email }
        return "unnamed card (line \(line))"
    }
}
