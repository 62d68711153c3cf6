import Foundation

/// What a file is by its first bytes, for an error that says what the user gave by mistake: a
/// photo of a card where a .vcf was meant, a card where an invitation was meant.
package enum FileKind {
    /// "a JPEG image", "a PDF document", "a vCard file", ...; nil when the first bytes say
    /// nothing this list knows.
    package static func describe(head: [UInt8]) -> String? {
        func starts(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + bytes.count && Array(head[offset..<offset + bytes.count]) == bytes
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if starts(Array("GIF8".utf8)) { return "a GIF image" }
        if starts(Array("%PDF".utf8)) { return "a PDF document" }
        if starts(Array("II*\u{0}".utf8)) || starts(Array("MM\u{0}*".utf8)) { return "a TIFF image" }
        if starts(Array("ftyp".utf8), at: 4) { return "a HEIC image" }
        if starts(Array("PK\u{3}\u{4}".utf8)) { return "a ZIP archive (a spreadsheet program's own format, or a folder packed)" }
        // A card file, after a byte-order mark or blank lines.
        let text = head.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x0D || $0 == 0x0A || $0 == 0x09 }
        if Array(text.prefix(11)).map({ $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }) == Array("BEGIN:VCARD".utf8) { return "a vCard file" }
        return nil
    }

    /// The kind of the file at `path` by its first bytes; nil when it cannot be read or says
    /// nothing this list knows.
    package static func describe(fileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return describe(head: [UInt8]((try? handle.read(upToCount: 64)) ?? Data()))
    }
}
