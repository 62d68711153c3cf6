import Foundation

/// Parses one unfolded content line, `[group.]name *(;param) : value`, into a property.
enum ContentLine {
    /// The property, plus a warning when its value had to be repaired; nil when the line is not
    /// a property at all (no colon, or a name with spaces in it).
    static func parse(_ line: LogicalLine) -> (property: VCardProperty, warnings: [VCardWarning])? {
        let bytes = line.bytes
        guard let nameEnd = bytes.firstIndex(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") }) else {
            return nil
        }
        let fullName = trimmed(bytes[bytes.startIndex..<nameEnd])
        guard !fullName.isEmpty, fullName.allSatisfy(isNameByte) else { return nil }

        var group: String?
        var nameBytes = fullName
        if let dot = fullName.lastIndex(of: UInt8(ascii: ".")) {
            group = String(decoding: fullName[..<dot], as: UTF8.self)
            nameBytes = fullName[(dot + 1)...]
            guard !nameBytes.isEmpty else { return nil }
        }
        let name = String(decoding: nameBytes, as: UTF8.self).uppercased()

        // Parameters run to the first colon outside double quotes.
        var parameters: [VCardParameter] = []
        var warnings: [VCardWarning] = []
        var index = nameEnd
        var valueStart: Int?
        if bytes[nameEnd] == UInt8(ascii: ":") {
            valueStart = nameEnd + 1
        } else {
            var segmentStart = nameEnd + 1
            var inQuotes = false
            index = nameEnd + 1
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    inQuotes.toggle()
                } else if !inQuotes, byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":") {
                    if let parameter = parameter(bytes[segmentStart..<index]) {
                        parameters.append(parameter)
                    } else {
                        warnings.append(VCardWarning(line: line.line, property: name, message: "empty parameter ignored"))
                    }
                    segmentStart = index + 1
                    if byte == UInt8(ascii: ":") {
                        valueStart = index + 1
                        break
                    }
                }
                index += 1
            }
        }
        guard let valueStart else { return nil }
        let valueBytes = bytes[valueStart...]

        var warning: VCardWarning?
        var rawValue: String
        switch encoding(of: parameters) {
        case .base64:
            // Photos and logos: kept as the base64 text, never decoded as text.
            rawValue = String(decoding: valueBytes, as: UTF8.self)
        case .quotedPrintable:
            let decoded = TextDecoding.quotedPrintable(valueBytes)
            (rawValue, warning) = text(decoded, charset: charset(of: parameters), name: name, line: line.line)
        case .plain:
            (rawValue, warning) = text(valueBytes, charset: charset(of: parameters), name: name, line: line.line)
        }
        // Line breaks inside a value (quoted-printable =0D=0A) mean the same as an escaped \n.
        if rawValue.utf8.contains(0x0D) {
            rawValue = rawValue.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if let warning { warnings.append(warning) }
        let property = VCardProperty(group: group, name: name, parameters: parameters, rawValue: rawValue, line: line.line)
        return (property, warnings)
    }

    private static func text<C: Collection<UInt8>>(_ bytes: C, charset: String?, name: String, line: Int) -> (String, VCardWarning?) {
        switch TextDecoding.decode(bytes, charset: charset) {
        case .text(let text):
            return (text, nil)
        case .repaired(let text, let fallback):
            let declared = charset.map { "not valid \($0)" } ?? "not UTF-8"
            return (text, VCardWarning(line: line, property: name, message: "value is \(declared); read as \(fallback)"))
        }
    }

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

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, isBlank(first) { slice = slice.dropFirst() }
        while let last = slice.last, isBlank(last) { slice = slice.dropLast() }
        return slice
    }

    /// One `;`-separated parameter. Empty ones (`NOPARAM;:`) are dropped.
    private static func parameter(_ segment: ArraySlice<UInt8>) -> VCardParameter? {
        let segment = trimmed(segment)
        guard !segment.isEmpty else { return nil }
        guard let equals = segment.firstIndex(of: UInt8(ascii: "=")) else {
            return VCardParameter(name: nil, values: [unquoted(segment)])
        }
        let name = String(decoding: trimmed(segment[..<equals]), as: UTF8.self).uppercased()
        let value = segment[(equals + 1)...]
        guard name == "TYPE" else {
            return VCardParameter(name: name, values: [unquoted(value)])
        }
        // `TYPE=work,voice`, `TYPE="work,voice"`, and even `TYPE=HOME,TYPE=VOICE` all mean a list.
        let values = unquoted(value)
            .split(separator: ",")
            .map { item -> String in
                var item = item.trimming(" \t\"")
                if item.uppercased().hasPrefix("TYPE=") { item = String(item.dropFirst(5)) }
                return item
            }
            .filter { !$0.isEmpty }
        return VCardParameter(name: name, values: values)
    }

    private static func unquoted(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = trimmed(bytes)
        if slice.count >= 2, slice.first == UInt8(ascii: "\""), slice.last == UInt8(ascii: "\"") {
            slice = slice.dropFirst().dropLast()
        }
        if let text = String(validating: slice, as: UTF8.self) { return text }
        return TextDecoding.windows1252(slice)
    }

    enum Encoding { case plain, quotedPrintable, base64 }

    static func encoding(of parameters: [VCardParameter]) -> Encoding {
        for parameter in parameters where parameter.name == nil || parameter.name == "ENCODING" {
            for value in parameter.values {
                switch value.uppercased() {
                case "QUOTED-PRINTABLE", "QP": return .quotedPrintable
                case "BASE64", "B": return .base64
                default: continue
                }
            }
        }
        return .plain
    }

    /// `CHARSET=` or, in vCard 2.1, a bare parameter that names a charset (`TEL;utf-8:`).
    static func charset(of parameters: [VCardParameter]) -> String? {
        if let named = parameters.first(where: { $0.name == "CHARSET" })?.values.first, !named.isEmpty {
            return named
        }
        return parameters.first { $0.name == nil && isCharsetName($0.values.first ?? "") }?.values.first
    }

    static func isCharsetName(_ word: String) -> Bool {
        let lower = word.lowercased()
        let prefixes = ["utf-", "utf8", "iso-8859", "iso8859", "windows-", "cp", "shift_jis", "shift-jis", "sjis",
                        "euc-", "gb2312", "gbk", "gb18030", "big5", "koi8", "us-ascii", "ascii", "iso-2022", "tis-620", "macintosh"]
        return prefixes.contains { lower.hasPrefix($0) }
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
