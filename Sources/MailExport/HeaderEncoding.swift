/// Header values in ASCII (RFC 5322 §2.2, RFC 2047): text that is not plain ASCII becomes
/// encoded-words, and long values are folded so no line passes 78 characters.
enum HeaderEncoding {
    static let lineLimit = 78
    /// `=?UTF-8?Q?` and `?=` around at most this many characters keep a word within 75 (§2).
    static let wordPayload = 75 - "=?UTF-8?Q??=".count

    /// `Name: value`, the value already folded.
    static func field(_ name: String, _ value: String) -> String { "\(name): \(value)" }

    /// `Dana Diaz <dana@acme.example>`, `"Chen, Lee" <lee@...>`, or encoded-words for a name
    /// that is not ASCII. The address is written as it is.
    static func mailbox(_ mailbox: MailMessage.Mailbox) -> String {
        guard let name = mailbox.name?.trimmingSpaces, !name.isEmpty else { return "<\(mailbox.address)>" }
        let phrase: String
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let atoms = name.unicodeScalars.allSatisfy { isAtomCharacter($0) || $0 == " " }
            phrase = atoms ? name : "\"" + name.replacingAll(["\\": "\\\\", "\"": "\\\""]) + "\""
        } else {
            phrase = encodedWords(name, inPhrase: true).joined(separator: "\r\n ")
        }
        return "\(phrase) <\(mailbox.address)>"
    }

    /// Free text (`Subject`): plain ASCII folded at spaces, anything else as encoded-words.
    /// `indent` is how much of the first line the field's name takes.
    static func unstructured(_ text: String, after indent: Int) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
        guard plain else { return encodedWords(text, inPhrase: false).joined(separator: "\r\n ") }
        var lines: [String] = []
        var line: String?
        var room = lineLimit - indent
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            guard let current = line else {
                line = String(word)
                continue
            }
            // Folding puts CRLF before the space between two words; unfolding takes it out.
            if !current.isEmpty, current.count + 1 + word.count > room {
                lines.append(current)
                line = String(word)
                room = lineLimit - 1
            } else {
                line = current + " " + word
            }
        }
        lines.append(line ?? "")
        return lines.joined(separator: "\r\n ")
    }

    /// RFC 2047 §4.2 "Q" encoded-words of UTF-8, each at most 75 characters and never splitting
    /// a character's bytes (§5: each word must decode on its own). In a phrase (a display
    /// name) only letters, digits and `!*+-/` stand for themselves (§5 (3)).
    static func encodedWords(_ text: String, inPhrase: Bool) -> [String] {
        var words: [String] = []
        var payload = ""
        for scalar in text.unicodeScalars {
            var piece = ""
            if scalar == " " {
                piece = "_"
            } else if scalar.isASCII, isLiteral(scalar, inPhrase: inPhrase) {
                piece = String(Character(scalar))
            } else {
                for byte in String(Character(scalar)).utf8 { piece += "=" + hex(byte) }
            }
            if payload.count + piece.count > wordPayload {
                words.append("=?UTF-8?Q?\(payload)?=")
                payload = ""
            }
            payload += piece
        }
        words.append("=?UTF-8?Q?\(payload)?=")
        return words
    }

    private static func isLiteral(_ scalar: Unicode.Scalar, inPhrase: Bool) -> Bool {
        let value = scalar.value
        let alphanumeric = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        if alphanumeric { return true }
        if inPhrase { return "!*+-/".unicodeScalars.contains(scalar) }
        // In free text: printable ASCII except what the encoding itself uses.
        return value > 0x20 && value < 0x7F && !"=?_".unicodeScalars.contains(scalar)
    }

    /// RFC 5322 §3.2.3 atext: what a display name may hold without quotes.
    private static func isAtomCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }

    func replacingAll(_ replacements: [Character: String]) -> String {
        var result = ""
        for character in self { result += replacements[character] ?? String(character) }
        return result
    }
}
