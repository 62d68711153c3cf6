#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import FollowUpSupport

/// Byte-level decoders for vCard values: quoted-printable, charsets, and backslash escapes.
enum TextDecoding {
    // MARK: Quoted-printable (RFC 2045 §6.7)

    struct QuotedPrintableProblems {
        /// `=` signs not followed by two hex digits, kept as written.
        var brokenEscapes = 0
        /// The value ended in `=`, a soft line break with no line after it (it stood before
        /// `END:VCARD`, or at the end of the file).
        var danglingSoftBreak = false
    }

    /// Decodes `=XX` hex pairs, appending to `out`. A soft line break (`=` at a line end) has
    /// already been removed by unfolding. A broken escape is kept as written rather than
    /// dropped, because losing a character of a name is worse than showing an `=`.
    static func quotedPrintable(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> QuotedPrintableProblems {
        var problems = QuotedPrintableProblems()
        var end = bytes.count
        // White space at the end of a quoted-printable line is padding, not text (RFC 2045
        // §6.7 rule 3): a writer that means a space there encodes it as =20.
        while end > 0, isBlank(bytes[end - 1]) { end -= 1 }
        if end > 0, bytes[end - 1] == UInt8(ascii: "=") {
            problems.danglingSoftBreak = true
            end -= 1
        }
        out.reserveCapacity(out.count + end)
        var i = 0
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "=") {
                if end - i >= 3, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                    continue
                }
                problems.brokenEscapes += 1
            }
            out.append(byte)
            i += 1
        }
        return problems
    }

    /// A quoted-printable value decoded, as text in the bytes' own encoding.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        _ = bytes.withUnsafeBufferPointer { quotedPrintable($0, into: &out) }
        return out
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    // MARK: Charsets

    /// The outcome of turning a value's bytes into text.
    enum Decoded {
        case text(String)
        /// The bytes were not valid in the declared (or assumed) charset and were read in the
        /// named fallback instead.
        case repaired(String, fallback: String)
    }

    /// Decodes `bytes` in `charset` (an IANA name as vCard 2.1 writes it), or as UTF-8 when no
    /// charset is given. Bytes that are not valid UTF-8 without a declared charset are what old
    /// Windows software writes: they are read as Windows-1252.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, charset: String?) -> Decoded {
        if let charset, !isUTF8Name(charset) {
            if isASCII(bytes) { return .text(String(decoding: bytes, as: UTF8.self)) }
            if let text = iconvDecode(Array(bytes), from: charset) { return .text(text) }
            if let text = validUTF8(bytes) { return .repaired(text, fallback: "UTF-8") }
            return .repaired(windows1252(bytes), fallback: "Windows-1252")
        }
        if let text = validUTF8(bytes) { return .text(text) }
        return .repaired(windows1252(bytes), fallback: "Windows-1252")
    }

    static func isUTF8Name(_ charset: String) -> Bool {
        charset.equalsIgnoringASCIICase("UTF-8") || charset.equalsIgnoringASCIICase("UTF8")
            || charset.equalsIgnoringASCIICase("US-ASCII") || charset.equalsIgnoringASCIICase("ASCII")
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// The bytes as a string when they are valid UTF-8 (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), validated once. (`String(validating:)` goes through
    /// generic code that costs more than the check itself on short values.)
    static func validUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if #available(macOS 26.0, iOS 26.0, tvOS 26.0, watchOS 26.0, visionOS 26.0, *) {
            guard let text = try? UTF8Span(validating: bytes.span) else { return nil }
            return String(copying: text)
        }
        return isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// The same check as `UTF8Span(validating:)`, for systems whose standard library has none.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index < count {
            if count - index >= 8, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: (length, scalar) = (2, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, scalar) = (3, UInt32(lead & 0x0F))
            case 0xF0...0xF4: (length, scalar) = (4, UInt32(lead & 0x07))
            default: return false
            }
            guard count - index >= length else { return false }
            for offset in 1..<length {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            switch length {
            case 3 where scalar < 0x800 || (0xD800...0xDFFF).contains(scalar): return false
            case 4 where scalar < 0x10000 || scalar > 0x10FFFF: return false
            default: break
            }
            index += length
        }
        return true
    }

    /// Windows-1252: what undeclared 8-bit text from Windows software is.
    static func windows1252<C: Collection<UInt8>>(_ bytes: C) -> String {
        Charsets.windows1252(bytes)
    }

    static func iconvDecode(_ bytes: [UInt8], from charset: String) -> String? {
        Charsets.decode(bytes, from: charset)
    }

    // MARK: Base64

    /// A base64 blob as text, with the white space of its folding taken out.
    static func base64Text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard contains(UInt8(ascii: " "), in: bytes) || contains(UInt8(ascii: "\t"), in: bytes) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            for byte in bytes where !isBlank(byte) {
                out[count] = byte
                count += 1
            }
            return count
        }
    }

    /// Whether `byte` occurs in `bytes`, with the C library's vectorised search.
    static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    // MARK: Escapes (RFC 6350 §3.4)

    /// Removes backslash escapes: `\n` and `\N` are line breaks, any other escaped character
    /// stands for itself (`\,` `\;` `\\` and Apple's `\:`). A backslash at the very end stays.
    static func unescape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "\\")), bytes.count) != nil else {
                return text
            }
            return unescape(bytes)
        }
    }

    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var count = 0
            var index = 0
            while index < bytes.count {
                var byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\\"), index < bytes.count {
                    byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") { byte = 0x0A }
                }
                out[count] = byte
                count += 1
            }
            return count
        }
    }

    /// Splits a structured value (N, ADR, ORG) at unescaped semicolons and unescapes each part.
    static func structuredComponents(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            partRanges(of: bytes, into: &ranges)
            return ranges.map { unescape(UnsafeBufferPointer(rebasing: bytes[$0])) }
        }
    }

    /// Fills `ranges` with where the parts of a structured value lie: between unescaped
    /// semicolons, still escaped. Callers that write many values reuse one array.
    static func partRanges(of bytes: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        ranges.removeAll(keepingCapacity: true)
        var start = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
            case UInt8(ascii: ";"):
                ranges.append(start..<index)
                index += 1
                start = index
            default:
                index += 1
            }
        }
        ranges.append(min(start, bytes.count)..<bytes.count)
    }

    /// Escapes text so that `unescape` gives it back: backslashes doubled, line breaks as `\n`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// CRLF and lone CR become LF. (Done on bytes: a CR is always a grapheme of its own or
    /// the start of CRLF, so this is what replacing the characters does, without the generic
    /// string search, which cost as much as reading the rest of a card.)
    static func normalisingLineBreaks(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == 0x0D {
                        out[count] = 0x0A
                        if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                    } else {
                        out[count] = byte
                    }
                    count += 1
                }
                return count
            }
        }
    }
}
