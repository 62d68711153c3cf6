#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level decoders for vCard values: quoted-printable, charsets, and backslash escapes.
enum TextDecoding {
    // MARK: Quoted-printable (RFC 2045 §6.7)

    /// Decodes `=XX` hex pairs. A soft line break (`=` at a line end) has already been removed by
    /// unfolding. A broken escape is kept as written rather than dropped, because losing a
    /// character of a name is worse than showing an `=`.
    static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "="), end - i >= 3,
               let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                out.append(high << 4 | low)
                i += 3
                continue
            }
            out.append(byte)
            i += 1
        }
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
    static func decode<C: Collection<UInt8>>(_ bytes: C, charset: String?) -> Decoded {
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
        let lower = charset.lowercased()
        return lower == "utf-8" || lower == "utf8" || lower == "us-ascii" || lower == "ascii"
    }

    static func isASCII<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    static func validUTF8<C: Collection<UInt8>>(_ bytes: C) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    /// Windows-1252 is a superset of ISO-8859-1's printable range; its 0x80-0x9F block holds
    /// the curly quotes and dashes that Outlook writes.
    static func windows1252<C: Collection<UInt8>>(_ bytes: C) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F, let mapped = cp1252High[Int(byte - 0x80)] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let cp1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// Converts with the C library's iconv, which knows every charset a vCard names
    /// (Shift_JIS, GBK, Big5, KOI8-R, the ISO-8859 and Windows code pages ...).
    static func iconvDecode(_ bytes: [UInt8], from charset: String) -> String? {
        // Japanese phones label CP932 text as Shift_JIS; CP932 is the superset they mean.
        var name = charset.uppercased()
        switch name {
        case "SHIFT_JIS", "SHIFT-JIS", "SJIS", "X-SJIS": name = "CP932"
        case "GB2312", "EUC-CN": name = "GBK"
        default: break
        }
        let converter = iconv_open("UTF-8", name)
        if converter == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(converter) }

        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(decoding: output[..<produced], as: UTF8.self)
    }

    // MARK: Escapes (RFC 6350 §3.4)

    /// Removes backslash escapes: `\n` and `\N` are line breaks, any other escaped character
    /// stands for itself (`\,` `\;` `\\` and Apple's `\:`).
    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var escaping = false
        for character in text {
            if escaping {
                out.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        if escaping { out.append("\\") }
        return out
    }

    /// Splits a structured value (N, ADR, ORG) at unescaped semicolons and unescapes each part.
    static func structuredComponents(_ text: String) -> [String] {
        var parts: [String] = []
        var start = text.startIndex
        var index = text.startIndex
        var escaping = false
        while index < text.endIndex {
            let character = text[index]
            if escaping {
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ";" {
                parts.append(unescape(text[start..<index]))
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(unescape(text[start...]))
        return parts
    }
}
