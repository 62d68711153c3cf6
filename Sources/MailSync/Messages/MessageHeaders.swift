import FollowUpPlanning
import Foundation
import InvitationReading

/// The header fields a sync reads of a message (RFC 5322): who wrote to whom, and when by its
/// own `Date:` (never the server's arrival date, which a copy, a restore or a migration rewrites).
struct MessageHeaders: Sendable, Hashable {
    var date: Date?
    var from: [MailAddress]
    var recipients: [MailAddress]
    var subject: String?
    var messageID: String?

    /// The fields of a whole message (a Maildir file), as the invitation reader splits them.
    init(_ bytes: [UInt8]) {
        var fields: [String: String] = [:]
        for (name, value) in MailReader.split(bytes[...]).0 where fields[name] == nil {
            fields[name] = value
        }
        date = fields["date"].flatMap(MailDate.parse)
        from = fields["from"].map(MailAddress.list) ?? []
        recipients = (fields["to"].map(MailAddress.list) ?? []) + (fields["cc"].map(MailAddress.list) ?? [])
        subject = fields["subject"].map(EncodedWords.decode)
        messageID = fields["message-id"].map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The fields of an ENVELOPE (RFC 3501, 7.4.2): date, subject, from, sender, reply-to,
    /// to, cc, bcc, in-reply-to, message-id; addresses as (name, route, mailbox, host).
    init(envelope: IMAPValue) {
        let items = envelope.list ?? []
        func item(_ index: Int) -> IMAPValue? { index < items.count ? items[index] : nil }
        date = item(0)?.text.flatMap(MailDate.parse)
        subject = item(1)?.text.map(EncodedWords.decode)
        from = Self.addresses(item(2))
        recipients = Self.addresses(item(5)) + Self.addresses(item(6))
        messageID = item(9)?.text
    }

    /// An envelope's date alone, to leave out a message before the rest of it is read.
    static func date(of envelope: IMAPValue) -> Date? {
        envelope.list?.first?.text.flatMap(MailDate.parse)
    }

    /// The addresses of an envelope's list; a group's start and end markers (no host) are left out.
    private static func addresses(_ value: IMAPValue?) -> [MailAddress] {
        (value?.list ?? []).compactMap { address in
            guard let parts = address.list, parts.count >= 4, let mailbox = parts[2].text, let host = parts[3].text else { return nil }
            let name = parts[0].text.map(EncodedWords.decode)
            return MailAddress(name: name?.isEmpty == false ? name : nil, address: "\(mailbox)@\(host)".lowercased())
        }
    }
}

/// An address of a From, To or Cc field, with the display name when one is given.
struct MailAddress: Sendable, Hashable {
    var name: String?
    /// Lowercased, so addresses compare as mail systems treat them in practice.
    var address: String

    /// The addresses of a field: `Name <a@b>, c@d, "Last, First" <e@f>`; groups are flattened.
    static func list(_ field: String) -> [MailAddress] {
        var result: [MailAddress] = []
        var current = ""
        var quoted = false
        var angle = false
        var comment = 0
        for character in field {
            switch character {
            case "\"" where comment == 0: quoted.toggle()
            case "(" where !quoted: comment += 1
            case ")" where !quoted: comment = max(0, comment - 1)
            case "<" where !quoted && comment == 0: angle = true
            case ">" where !quoted && comment == 0: angle = false
            case "," where !quoted && !angle && comment == 0, ";" where !quoted && !angle && comment == 0:
                result += parse(current).map { [$0] } ?? []
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        result += parse(current).map { [$0] } ?? []
        return result
    }

    private static func parse(_ text: String) -> MailAddress? {
        var text = text
        // A group's name ("Team: a@b, c@d;") is not an address.
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("<"), !text[..<colon].contains("@") {
            text = String(text[text.index(after: colon)...])
        }
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let address = text[text.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            var name = text[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            name = EncodedWords.decode(name).replacingOccurrences(of: "\\\"", with: "\"")
            guard address.contains("@") else { return nil }
            return MailAddress(name: name.isEmpty ? nil : name, address: address.lowercased())
        }
        let bare = text.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard bare.contains("@"), !bare.contains(" ") else { return nil }
        return MailAddress(name: nil, address: bare.lowercased())
    }
}

/// RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?ISO-8859-1?Q?...?=`) in header text.
enum EncodedWords {
    static func decode(_ text: String) -> String {
        // A byte scan: Foundation's `contains` on a String goes through NSString on Linux.
        var sawEquals = false
        guard text.utf8.contains(where: { byte in
            defer { sawEquals = byte == UInt8(ascii: "=") }
            return sawEquals && byte == UInt8(ascii: "?")
        }) else { return text }
        var output = ""
        var rest = Substring(text)
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            // Whitespace between two encoded words is not part of the text.
            if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { output += before }
            let afterStart = rest[start.upperBound...]
            let pieces = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count == 4, pieces[3].hasPrefix("="),
                  let decoded = word(charset: String(pieces[0]), encoding: String(pieces[1]), text: String(pieces[2]))
            else {
                output += "=?"
                rest = afterStart
                lastWasEncoded = false
                continue
            }
            output += decoded
            rest = pieces[3].dropFirst()
            lastWasEncoded = true
        }
        return output + rest
    }

    private static func word(charset: String, encoding: String, text: String) -> String? {
        var bytes: [UInt8]
        switch encoding.uppercased() {
        case "B":
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else { return nil }
            bytes = Array(data)
        case "Q":
            bytes = []
            var iterator = Array(text.utf8).makeIterator()
            while let byte = iterator.next() {
                if byte == UInt8(ascii: "_") {
                    bytes.append(32)
                } else if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next(),
                          let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                } else {
                    bytes.append(byte)
                }
            }
        default:
            return nil
        }
        let name = charset.split(separator: "*").first.map { $0.lowercased() } ?? ""
        if name == "utf-8" || name == "us-ascii" { return String(decoding: bytes, as: UTF8.self) }
        // Latin-1 and its Windows superset: each byte is the code point of that number.
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

/// RFC 5322 dates (`Mon, 14 Dec 2026 09:30:00 +0100`), with the obsolete zone names and the
/// trailing comments real mail carries (`-0800 (PST)`).
enum MailDate {
    private static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { Array($0.utf8) }
    private static let zones: [String: Int] = [
        "ut": 0, "gmt": 0, "utc": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    ]

    /// Read byte by byte: a first sync reads the dates of ten thousand messages.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        // The words up to a comment, after the weekday's comma.
        var start = 0
        if let comma = bytes.prefix(12).firstIndex(of: UInt8(ascii: ",")) { start = comma + 1 }
        var words: [Range<Int>] = []
        words.reserveCapacity(6)
        var index = start
        while index < bytes.count, words.count < 5 {
            while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
            guard index < bytes.count, bytes[index] != UInt8(ascii: "(") else { break }
            let wordStart = index
            while index < bytes.count, bytes[index] != 32, bytes[index] != 9, bytes[index] != UInt8(ascii: "(") { index += 1 }
            words.append(wordStart..<index)
        }
        guard words.count >= 4, let day = number(bytes, words[0]), (1...31).contains(day), words[1].count >= 3,
              var year = number(bytes, words[2])
        else { return nil }
        let monthLetters = (0..<3).map { bytes[words[1].lowerBound + $0] | 0x20 }
        guard let month = months.firstIndex(of: monthLetters) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard (1900...2200).contains(year) else { return nil }
        var time: [Int] = []
        var part = 0
        var digits = 0
        for position in words[3] {
            let byte = bytes[position]
            if byte == UInt8(ascii: ":") {
                guard digits > 0 else { return nil }
                time.append(part)
                (part, digits) = (0, 0)
            } else if byte >= 48, byte <= 57, digits < 2 {
                part = part * 10 + Int(byte - 48)
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        time.append(part)
        guard time.count >= 2, time[0] <= 23, time[1] <= 59 else { return nil }
        let second = time.count > 2 ? min(time[2], 60) : 0
        var offset = 0
        if words.count > 4 {
            let zone = words[4]
            let sign = bytes[zone.lowerBound]
            if zone.count == 5, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
               let value = number(bytes, (zone.lowerBound + 1)..<zone.upperBound) {
                offset = (value / 100 * 3600 + value % 100 * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else if let hours = zones[String(decoding: zone.map { bytes[$0] | 0x20 }, as: UTF8.self)] {
                offset = hours * 3600
            }
        }
        // Day arithmetic on the day's number, not a Calendar.
        let calendarDay = CalendarDay(year: year, month: month + 1, day: day)
        guard calendarDay.isValid else { return nil }
        let secondOfDay: Int = time[0] * 3_600 + time[1] * 60 + second
        let seconds: Int = calendarDay.dayNumber * 86_400 + secondOfDay - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The decimal number of a word of at most 9 digits, else nil.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var value = 0
        for position in range {
            let byte = bytes[position]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}
