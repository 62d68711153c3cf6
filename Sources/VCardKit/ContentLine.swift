/// Parses one unfolded content line, `[group.]name *(;param) : value`, into a property.
///
/// It works on the line's bytes and builds a `String` only for what the property keeps: its
/// name, group, parameters and value.
enum ContentLine {
    /// Buffers reused from line to line, so that decoding a value allocates nothing but the
    /// value itself.
    struct Scratch: Sendable {
        var bytes: [UInt8] = []
        /// The last charset other than UTF-8 that a property of the current card declared. A
        /// phone that writes `N;CHARSET=SHIFT_JIS:` may leave it off the card's other values;
        /// their bytes are read in it before falling back to Windows-1252.
        var cardCharset: String?
        /// Values of the current card that had no CHARSET and were not UTF-8 while no charset
        /// was known yet: their bytes, the property's index and its warning's. When a later
        /// property declares the card's charset (an old phone's `LABEL;CHARSET=Windows-1251`
        /// after a bare `N` and `FN`), the card reader decodes them again in it.
        var undeclared: [(property: Int, warning: Int, bytes: [UInt8])] = []
    }

    /// Appends the property to `properties` and what had to be repaired to `warnings`; false
    /// when the line is not a property at all (no colon, or a name with spaces in it).
    ///
    /// (It appends rather than returns the property: handing a property out of the buffer
    /// closure costs a copy of it.)
    static func parse(_ line: LogicalLine, into properties: inout [VCardProperty], scratch: inout Scratch,
                      warnings: inout [VCardWarning]) -> Bool {
        line.bytes.withUnsafeBufferPointer { bytes in
            parse(bytes, line: line.line, into: &properties, scratch: &scratch, warnings: &warnings)
        }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into properties: inout [VCardProperty],
                              scratch: inout Scratch, warnings: inout [VCardWarning]) -> Bool {
        var nameEnd = 0
        while nameEnd < bytes.count, bytes[nameEnd] != UInt8(ascii: ";"), bytes[nameEnd] != UInt8(ascii: ":") {
            guard isNameByte(bytes[nameEnd]) || isBlank(bytes[nameEnd]) else { return false }
            nameEnd += 1
        }
        guard nameEnd < bytes.count else { return false }
        let fullName = trimmed(bytes, 0..<nameEnd)
        guard !fullName.isEmpty, !fullName.contains(where: { isBlank(bytes[$0]) }) else { return false }

        var group: String?
        var nameRange = fullName
        if let dot = fullName.last(where: { bytes[$0] == UInt8(ascii: ".") }) {
            group = String(decoding: UnsafeBufferPointer(rebasing: bytes[fullName.lowerBound..<dot]), as: UTF8.self)
            nameRange = (dot + 1)..<fullName.upperBound
            guard !nameRange.isEmpty else { return false }
        }
        let name = InternedWords.names.lookUp(bytes, nameRange, upperCasing: true) ?? upperCased(bytes, nameRange)

        // Parameters run to the first colon outside double quotes. They are read here only for
        // what they say about the value's bytes; the property keeps them as text.
        var format = ValueFormat()
        var valueStart: Int?
        var parameterText = ""
        if bytes[nameEnd] == UInt8(ascii: ":") {
            valueStart = nameEnd + 1
        } else {
            var segmentStart = nameEnd + 1
            var inQuotes = false
            var index = nameEnd + 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    inQuotes.toggle()
                } else if !inQuotes, byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":") {
                    if !noteFormat(bytes, segmentStart..<index, in: &format) {
                        warnings.append(VCardWarning(line: line, property: name, message: "empty parameter ignored"))
                    }
                    segmentStart = index + 1
                    if byte == UInt8(ascii: ":") {
                        valueStart = index + 1
                        parameterText = decodedText(bytes, (nameEnd + 1)..<index)
                        break
                    }
                }
                index += 1
            }
        }
        guard let valueStart else { return false }
        let value = UnsafeBufferPointer(rebasing: bytes[valueStart...])

        var rawValue: String
        let charset = format.charset ?? format.bareCharset
        if let charset, !TextDecoding.isUTF8Name(charset) { scratch.cardCharset = charset }
        switch format.encoding {
        case .base64:
            // Photos and logos: kept as the base64 text, never decoded as text. Folding white
            // space inside the blob (vCard 2.1 indents every line) carries no data.
            rawValue = TextDecoding.base64Text(value)
        case .quotedPrintable:
            scratch.bytes.removeAll(keepingCapacity: true)
            let problems = TextDecoding.quotedPrintable(value, into: &scratch.bytes)
            if problems.danglingSoftBreak {
                warnings.append(VCardWarning(line: line, property: name, message: "quoted-printable soft line break at the end of the value dropped"))
            }
            if problems.brokenEscapes > 0 {
                warnings.append(VCardWarning(line: line, property: name,
                                             message: "\(problems.brokenEscapes) broken quoted-printable escape(s) kept as written"))
            }
            var hasReturn = false
            var fellBack = false
            let cardCharset = scratch.cardCharset
            rawValue = scratch.bytes.withUnsafeBufferPointer { decoded in
                hasReturn = TextDecoding.contains(0x0D, in: decoded)
                return text(decoded, charset: charset, cardCharset: cardCharset, name: name, line: line,
                            warnings: &warnings, fellBack: &fellBack)
            }
            if fellBack, charset == nil, cardCharset == nil {
                scratch.undeclared.append((properties.count, warnings.count - 1, scratch.bytes))
            }
            // Line breaks inside a value (=0D=0A) mean the same as an escaped \n.
            if hasReturn {
                rawValue = TextDecoding.normalisingLineBreaks(rawValue)
            }
        case .plain:
            var fellBack = false
            rawValue = text(value, charset: charset, cardCharset: scratch.cardCharset, name: name, line: line,
                            warnings: &warnings, fellBack: &fellBack)
            if fellBack, charset == nil, scratch.cardCharset == nil {
                scratch.undeclared.append((properties.count, warnings.count - 1, Array(value)))
            }
        }
        properties.append(VCardProperty(group: group, name: name, parameterText: parameterText, rawValue: rawValue, line: line))
        return true
    }

    /// `fellBack` is set when the bytes were read as the Windows-1252 fallback.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, charset: String?, cardCharset: String?, name: String,
                             line: Int, warnings: inout [VCardWarning], fellBack: inout Bool) -> String {
        switch TextDecoding.decode(bytes, charset: charset) {
        case .text(let text):
            return text
        case .repaired(let text, let fallback):
            if charset == nil, let cardCharset, let decoded = TextDecoding.iconvDecode(Array(bytes), from: cardCharset) {
                warnings.append(VCardWarning(line: line, property: name,
                                             message: "value is not UTF-8 and has no CHARSET; read as \(cardCharset), "
                                                 + "as the card's other values declare"))
                return decoded
            }
            let declared = charset.map { "not valid \($0)" } ?? "not UTF-8"
            warnings.append(VCardWarning(line: line, property: name, message: "value is \(declared); read as \(fallback)"))
            fellBack = true
            return text
        }
    }

    /// Decodes again, in the charset a later property of the card declared, the values read
    /// before it as Windows-1252; called when the card ends.
    static func redecodeUndeclared(_ properties: inout [VCardProperty], warnings: inout [VCardWarning], scratch: inout Scratch) {
        defer { scratch.undeclared.removeAll() }
        guard let charset = scratch.cardCharset else { return }
        for value in scratch.undeclared where properties.indices.contains(value.property) && warnings.indices.contains(value.warning) {
            guard let decoded = TextDecoding.iconvDecode(value.bytes, from: charset) else { continue }
            properties[value.property].rawValue = decoded.contains("\r") ? TextDecoding.normalisingLineBreaks(decoded) : decoded
            let warning = warnings[value.warning]
            warnings[value.warning] = VCardWarning(line: warning.line, property: warning.property,
                                                   message: "value is not UTF-8 and has no CHARSET; read as \(charset), "
                                                       + "as a later property of the card declares")
        }
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        // RFC 6350 names are letters, digits and '-'; real files add '_' and the group dot.
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The bytes as a string with ASCII letters upper-cased (names and parameter names are
    /// ASCII; anything else is kept as it is).
    private static func upperCased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var hasLower = false
        var ascii = true
        for index in range {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "a") < 26 { hasLower = true }
            if byte >= 0x80 { ascii = false }
        }
        guard hasLower, ascii else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: range.count) { out in
            for (offset, index) in range.enumerated() {
                let byte = bytes[index]
                out[offset] = byte &- UInt8(ascii: "a") < 26 ? byte - 0x20 : byte
            }
            return range.count
        }
    }

    enum Encoding { case plain, quotedPrintable, base64 }

    /// What the parameters say about the value's bytes.
    struct ValueFormat {
        /// From `ENCODING=` or a 2.1 bare `QUOTED-PRINTABLE`/`BASE64`: the first one counts.
        var encoding = Encoding.plain
        /// The first non-empty `CHARSET=`.
        var charset: String?
        /// The first vCard 2.1 bare parameter that names a charset (`TEL;utf-8:`), used when
        /// there is no `CHARSET=`.
        var bareCharset: String?
    }

    /// Notes in `format` what one `;`-separated parameter says about the value; false when the
    /// parameter is empty (`NOPARAM;:`).
    private static func noteFormat(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, in format: inout ValueFormat) -> Bool {
        let segment = trimmed(bytes, range)
        guard !segment.isEmpty else { return false }
        guard let equals = segment.first(where: { bytes[$0] == UInt8(ascii: "=") }) else {
            let word = unquotedRange(bytes, segment)
            if format.encoding == .plain {
                format.encoding = encoding(named: bytes, word)
            }
            if format.bareCharset == nil, isCharsetName(bytes, word) {
                format.bareCharset = decodedText(bytes, word)
            }
            return true
        }
        let nameRange = trimmed(bytes, segment.lowerBound..<equals)
        let word = unquotedRange(bytes, (equals + 1)..<segment.upperBound)
        if format.encoding == .plain, equalsIgnoringCase(bytes, nameRange, "ENCODING") {
            format.encoding = encoding(named: bytes, word)
        } else if format.charset == nil, !word.isEmpty, equalsIgnoringCase(bytes, nameRange, "CHARSET") {
            format.charset = decodedText(bytes, word)
        }
        return true
    }

    /// The parameters of a property, from the text between its name and its value.
    static func parameters(ofText text: String) -> [VCardParameter] {
        var text = text
        return text.withUTF8 { bytes in
            var parameters: [VCardParameter] = []
            var segmentStart = 0
            var inQuotes = false
            for index in 0...bytes.count {
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    inQuotes.toggle()
                } else if index == bytes.count || !inQuotes && bytes[index] == UInt8(ascii: ";") {
                    if let parameter = parameter(bytes, segmentStart..<index) { parameters.append(parameter) }
                    segmentStart = index + 1
                }
            }
            return parameters
        }
    }

    /// One `;`-separated parameter; nil when it is empty.
    private static func parameter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> VCardParameter? {
        let segment = trimmed(bytes, range)
        guard !segment.isEmpty else { return nil }
        guard let equals = segment.first(where: { bytes[$0] == UInt8(ascii: "=") }) else {
            return VCardParameter(name: nil, value: decodedText(bytes, unquotedRange(bytes, segment)))
        }
        let nameRange = trimmed(bytes, segment.lowerBound..<equals)
        let name = InternedWords.names.lookUp(bytes, nameRange, upperCasing: true) ?? upperCased(bytes, nameRange)
        let valueRange = (equals + 1)..<segment.upperBound
        if equalsIgnoringCase(bytes, nameRange, "TYPE") {
            return VCardParameter(name: name, values: typeList(bytes, valueRange))
        }
        return VCardParameter(name: name, value: decodedText(bytes, unquotedRange(bytes, valueRange)))
    }

    /// `TYPE=work,voice`, `TYPE="work,voice"`, and even `TYPE=HOME,TYPE=VOICE` all mean a list.
    private static func typeList(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [String] {
        var values: [String] = []
        var itemStart = range.lowerBound
        for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == UInt8(ascii: ",") {
            var lower = itemStart, upper = index
            itemStart = index + 1
            while lower < upper, isBlank(bytes[lower]) || bytes[lower] == UInt8(ascii: "\"") { lower += 1 }
            while upper > lower, isBlank(bytes[upper - 1]) || bytes[upper - 1] == UInt8(ascii: "\"") { upper -= 1 }
            if upper - lower > 5, hasPrefixIgnoringCase(bytes, lower..<upper, "TYPE=") { lower += 5 }
            if lower < upper { values.append(decodedText(bytes, lower..<upper)) }
        }
        return values
    }

    private static func encoding(named bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Encoding {
        if equalsIgnoringCase(bytes, range, "QUOTED-PRINTABLE") || equalsIgnoringCase(bytes, range, "QP") {
            return .quotedPrintable
        }
        if equalsIgnoringCase(bytes, range, "BASE64") || equalsIgnoringCase(bytes, range, "B") {
            return .base64
        }
        return .plain
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        range.count == word.utf8CodeUnitCount && hasPrefixIgnoringCase(bytes, range, word)
    }

    /// Case-insensitive for ASCII letters; `word` is upper-case or not a letter.
    private static func hasPrefixIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard range.count >= count else { return false }
        let pattern = word.utf8Start
        for offset in 0..<count {
            let byte = bytes[range.lowerBound + offset], wanted = pattern[offset]
            if byte != wanted, !(wanted &- UInt8(ascii: "A") < 26 && byte == wanted | 0x20) { return false }
        }
        return true
    }

    private static func unquotedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        let range = trimmed(bytes, range)
        if range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""), bytes[range.upperBound - 1] == UInt8(ascii: "\"") {
            return (range.lowerBound + 1)..<(range.upperBound - 1)
        }
        return range
    }

    /// Parameter text: UTF-8, or Windows-1252 when it is not valid UTF-8.
    private static func decodedText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        if let word = InternedWords.values.lookUp(bytes, range, upperCasing: false) { return word }
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if let text = TextDecoding.validUTF8(slice) { return text }
        return TextDecoding.windows1252(slice)
    }

    static func isCharsetName(_ word: String) -> Bool {
        guard let first = word.utf8.first, charsetInitials.contains(first | 0x20) else { return false }
        return charsetPrefixes.contains { word.hasPrefixIgnoringASCIICase($0) }
    }

    private static func isCharsetName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        switch bytes[first] | 0x20 {
        case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "i"),
             UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "u"), UInt8(ascii: "w"),
             UInt8(ascii: "x"):
            break
        default:
            return false
        }
        return charsetPrefixes.contains { prefix in
            let count = prefix.utf8CodeUnitCount
            guard range.count >= count else { return false }
            for offset in 0..<count where bytes[range.lowerBound + offset] | 0x20 != prefix.utf8Start[offset] | 0x20 {
                return false
            }
            return true
        }
    }

    private static let charsetPrefixes: [StaticString] = [
        "utf-", "utf8", "iso-8859", "iso8859", "windows-", "cp", "shift_jis", "shift-jis", "sjis",
        "euc-", "gb2312", "gbk", "gb18030", "big5", "koi8", "us-ascii", "ascii", "iso-2022", "tis-620", "macintosh",
        "ks_c_5601", "ms932", "x-sjis", "x-mac-", "x-euc-",
    ]
    private static let charsetInitials: Set<UInt8> = Set(charsetPrefixes.map { $0.utf8Start[0] })
}

extension String {
    /// Compares with an ASCII literal, ignoring the case of ASCII letters, without allocating.
    func equalsIgnoringASCIICase(_ literal: StaticString) -> Bool {
        utf8.count == literal.utf8CodeUnitCount && hasPrefixIgnoringASCIICase(literal)
    }

    /// Whether the string starts with an ASCII literal, ignoring the case of ASCII letters.
    func hasPrefixIgnoringASCIICase(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        var offset = 0
        for byte in utf8 {
            guard offset < count else { return true }
            let other = literal.utf8Start[offset]
            if byte != other {
                guard byte | 0x20 == other | 0x20, other | 0x20 &- UInt8(ascii: "a") < 26 else { return false }
            }
            offset += 1
        }
        return offset == count
    }
}
