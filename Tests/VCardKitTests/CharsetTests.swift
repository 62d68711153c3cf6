import Foundation
import FollowUpTestSupport
import Testing
@testable import VCardKit

/// Text in every encoding real cards arrive in: a vCard 2.1 `CHARSET=` per value (converted
/// with iconv), undeclared legacy bytes, byte-order marks, and whole files in UTF-16.
struct CharsetTests {
    /// A 2.1 card whose N and FN are `value` in `charset`, as a phone of that region writes it.
    func card(charset: String, _ value: [UInt8], encoding: String? = nil) throws -> VCard {
        let parameters = ";CHARSET=\(charset)" + (encoding.map { ";ENCODING=\($0)" } ?? "")
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN\(parameters):".utf8) + value + Array("\r\nEND:VCARD\r\n".utf8)
        return try Read.card(bytes)
    }

    @Test func utf8IsReadAsIs() throws {
        let card = try card(charset: "UTF-8", Array("Zoë Łukasiewicz".utf8))
        #expect(card.formattedName == "Zoë Łukasiewicz")
        #expect(card.warnings.isEmpty)
    }

    @Test func iso88591IsConverted() throws {
        #expect(try card(charset: "ISO-8859-1", [0x4A, 0xFC, 0x72, 0x67, 0x65, 0x6E]).formattedName == "Jürgen")
    }

    @Test func windows1252IsConvertedWithItsOwnPunctuation() throws {
        // 0x80 is the euro sign and 0x93/0x94 curly quotes in Windows-1252, not C1 controls.
        let card = try card(charset: "Windows-1252", [0x93, 0x41, 0x80, 0x94])
        #expect(card.formattedName == "\u{201C}A€\u{201D}")
    }

    @Test func shiftJISIsConverted() throws {
        // 山田 in Shift_JIS, as Japanese phones write it (read as CP932, the superset they use).
        #expect(try card(charset: "SHIFT_JIS", [0x8E, 0x52, 0x93, 0x63]).formattedName == "山田")
    }

    @Test func shiftJISInQuotedPrintableIsConverted() throws {
        #expect(try card(charset: "SHIFT_JIS", Array("=8E=52=93=63".utf8), encoding: "QUOTED-PRINTABLE").formattedName == "山田")
    }

    @Test func gb2312AndGBKAreConverted() throws {
        // 张伟 in GB2312; GBK is its superset.
        #expect(try card(charset: "GB2312", [0xD5, 0xC5, 0xCE, 0xB0]).formattedName == "张伟")
        #expect(try card(charset: "GBK", [0xD5, 0xC5, 0xCE, 0xB0]).formattedName == "张伟")
    }

    @Test func big5IsConverted() throws {
        // 陳大文 in Big5, as Taiwanese and Hong Kong phones write it.
        #expect(try card(charset: "Big5", [0xB3, 0xAF, 0xA4, 0x6A, 0xA4, 0xE5]).formattedName == "陳大文")
    }

    @Test func charsetNameIsReadInAnyCaseAndQuoted() throws {
        #expect(try card(charset: "\"utf-8\"", Array("Zoë".utf8)).formattedName == "Zoë")
        #expect(try card(charset: "iso-8859-1", [0x5A, 0x6F, 0xEB]).formattedName == "Zoë")
    }

    @Test func bareCharsetParameterOfVCard21IsHonoured() throws {
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ISO-8859-1:Zo".utf8) + [0xEB] + Array("\r\nEND:VCARD\r\n".utf8)
        let card = try Read.card(bytes)
        #expect(card.formattedName == "Zoë")
        #expect(card.warnings.isEmpty)
    }

    @Test func unknownCharsetFallsBackWithAWarning() throws {
        let card = try card(charset: "X-MARTIAN", [0x5A, 0x6F, 0xEB])
        #expect(card.formattedName == "Zoë")
        #expect(card.warnings.contains { $0.line == 3 && $0.property == "FN" && $0.message == "value is not valid X-MARTIAN; read as Windows-1252" })
    }

    @Test func bytesThatAreNotTheDeclaredUTF8AreReadAsWindows1252WithAWarning() throws {
        let card = try card(charset: "UTF-8", [0x52, 0x65, 0x6E, 0xE9])
        #expect(card.formattedName == "René")
        #expect(card.warnings.contains { $0.line == 3 && $0.property == "FN" && $0.message == "value is not valid UTF-8; read as Windows-1252" })
    }

    @Test func overlongAndSurrogateUTF8AreNotValid() throws {
        // C0 AF is an overlong '/', ED A0 80 an encoded surrogate: both must be repaired, not passed on.
        for bytes: [UInt8] in [[0x41, 0xC0, 0xAF], [0x41, 0xED, 0xA0, 0x80]] {
            let card = try card(charset: "UTF-8", bytes)
            #expect(card.warnings.contains { $0.message.contains("not valid UTF-8") })
        }
    }

    @Test func utf8ByteOrderMarkAtTheStartIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n".utf8)
        let card = try Read.card(bytes)
        #expect(card.formattedName == "Ana")
        #expect(card.warnings.isEmpty)
    }

    @Test func byteOrderMarksOfFilesJoinedWithCatAreSkipped() throws {
        let one: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n".utf8)
        let two: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben\r\nEND:VCARD\r\n".utf8)
        let cards = try VCardParser().parse(one + two)
        #expect(cards.map(\.displayName) == ["Ana", "Ben"])
        #expect(cards[1].warnings.contains { $0.line == 5 && $0.message == "byte-order mark inside the file ignored" })
    }

    func utf16(_ text: String, bigEndian: Bool, mark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    static let outlookExport = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Łukasiewicz;Zoë\r\nFN:Zoë Łukasiewicz 🐙\r\n"
        + "EMAIL;PREF;INTERNET:zoe@example.com\r\nEND:VCARD\r\n"

    @Test func utf16LittleEndianWithByteOrderMarkIsRead() throws {
        let card = try Read.card(utf16(Self.outlookExport, bigEndian: false))
        #expect(card.formattedName == "Zoë Łukasiewicz 🐙")
        #expect(card.name?.family == "Łukasiewicz")
        #expect(card.properties.map(\.line) == [2, 3, 4, 5])
        #expect(card.warnings.isEmpty)
    }

    @Test func utf16BigEndianWithByteOrderMarkIsRead() throws {
        let card = try Read.card(utf16(Self.outlookExport, bigEndian: true))
        #expect(card.formattedName == "Zoë Łukasiewicz 🐙")
        #expect(card.emails.map(\.value) == ["zoe@example.com"])
    }

    @Test func utf16WithoutByteOrderMarkIsRecognisedWithAWarning() throws {
        let card = try Read.card(utf16(Self.outlookExport, bigEndian: false, mark: false))
        #expect(card.formattedName == "Zoë Łukasiewicz 🐙")
        #expect(card.warnings.contains { $0.line == 1 && $0.message.contains("UTF-16LE without a byte-order mark") })
    }

    @Test func utf16FileIsReadTheSameFromDisk() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = try folder.file("outlook.vcf", utf16(Self.outlookExport, bigEndian: true))
        var reader = try VCardReader(contentsOfFile: path, bufferSize: 16)
        #expect(try reader.nextCard()?.formattedName == "Zoë Łukasiewicz 🐙")
    }
}
