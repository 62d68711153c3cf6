/// Something the parser repaired or skipped while still reading the card.
public struct VCardWarning: Sendable, Hashable, CustomStringConvertible {
    /// The physical line (1-based) the warning is about.
    public var line: Int
    /// The property concerned, when there is one.
    public var property: String?
    public var message: String

    public init(line: Int, property: String? = nil, message: String) {
        self.line = line
        self.property = property
        self.message = message
    }

    public var description: String {
        if let property { return "line \(line): \(property): \(message)" }
        return "line \(line): \(message)"
    }
}

/// A file that cannot be read as vCard without guessing: not a vCard at all, or cut short so
/// that data is lost.
public struct VCardError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The file holds no `BEGIN:VCARD` ... `END:VCARD` block at all.
        case notAVCard
        /// A card starts but never ends: the file was truncated.
        case truncated
        /// The bytes cannot be turned into text in any encoding the parser knows.
        case undecodable
        /// The file could not be opened or read (the message holds the system's reason).
        case unreadable
        /// A line or a card is longer than `VCardParser.Options.maximumCardLength`: no real card
        /// is, and holding it would take unbounded memory.
        case tooLarge
    }

    public var kind: Kind
    /// The file name as the user gave it, when known.
    public var file: String?
    /// The physical line (1-based) where the problem shows; 0 when the file could not be opened.
    public var line: Int
    public var message: String

    public init(_ kind: Kind, file: String? = nil, line: Int, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, as compilers write it; without the line when there is none (a
    /// file that cannot be opened).
    public var description: String {
        line > 0 ? "\(file ?? "<input>"):\(line): \(message)" : "\(file ?? "<input>"): \(message)"
    }
}

/// The start of a line, as a message quotes it: readable text as it is, and every byte that is
/// not (a control character, a byte of no UTF-8 character) as `\xNN`, so that a binary file
/// named by mistake gives a message a terminal can show.
enum Excerpt {
    static func of(_ bytes: ArraySlice<UInt8>, limit: Int = 40) -> String {
        var text = ""
        var index = bytes.startIndex
        let end = bytes.index(bytes.startIndex, offsetBy: min(limit, bytes.count))
        while index < end {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F {
                text.unicodeScalars.append(Unicode.Scalar(byte))
                index += 1
                continue
            }
            // A character that starts within the limit is shown whole.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
            if length > 0, index + length <= bytes.endIndex,
               let character = String(validating: bytes[index..<(index + length)], as: UTF8.self),
               character.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) {
                text += character
                index += length
            } else {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                index += 1
            }
        }
        return bytes.count > limit ? text + "..." : text
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
