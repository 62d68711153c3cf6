#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Text in the charsets that cards and e-mails declare, decoded to Swift strings: shared by the
/// vCard reader and the e-mail reader, so both know the same names.
package enum Charsets {
    /// Windows-1252 is a superset of ISO-8859-1's printable range; its 0x80-0x9F block holds
    /// the curly quotes and dashes that Outlook writes.
    package static func windows1252<C: Collection<UInt8>>(_ bytes: C) -> String {
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

    /// Converts with the C library's iconv, which knows every charset a vCard or an e-mail names
    /// (Shift_JIS, GBK, Big5, KOI8-R, the ISO-8859 and Windows code pages ...).
    package static func decode(_ bytes: [UInt8], from charset: String) -> String? {
        // Japanese phones label CP932 text as Shift_JIS; CP932 is the superset they mean.
        var name = charset.uppercased()
        switch name {
        case "SHIFT_JIS", "SHIFT-JIS", "SJIS", "X-SJIS": name = "CP932"
        case "GB2312", "EUC-CN": name = "GBK"
        // Outlook's name for Korean is a character set of double-byte codes only; its files hold
        // Windows code page 949, ASCII included.
        case "KS_C_5601-1987", "KS_C_5601": name = "CP949"
        // Names that Windows and Java software write and iconv does not know.
        case "X-MAC-ROMAN": name = "MACINTOSH"
        case "X-EUC-JP": name = "EUC-JP"
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
}
