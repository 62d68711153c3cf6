import Foundation
import Testing
@testable import MailExport

/// The `.eml` form: ASCII headers with encoded-words, quoted-printable UTF-8 body, CRLF, and no
/// line past the limits. Python's `email` package reads these files back in Tests/Interop.
struct MailMessageTests {
    static func message(to name: String = "Dana Díaz", subject: String = "Thank you: Backend Engineer interview",
                        body: String = "Dear Dana,\n\nThank you.\n\nBest regards,\nZoë") -> MailMessage {
        MailMessage(from: .init(name: "Zoë Ångström", address: "zoe@example.com"), to: [.init(name: name, address: "dana@acme.example")],
                    subject: subject, date: Date(timeIntervalSince1970: 1_796_169_600), timeZone: TimeZone(identifier: "America/Chicago")!,
                    messageID: "abc.0@example.com", body: body)
    }

    func headers(_ text: String) -> String { String(text[..<text.range(of: "\r\n\r\n")!.lowerBound]) }

    @Test func fileIsAsciiWithCRLFLineEnds() {
        let text = Self.message().rendered
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.hasSuffix("\r\n"))
    }

    @Test func headersMarkAnUnsentUTF8QuotedPrintableMessage() {
        let head = headers(Self.message().rendered)
        for line in ["X-Unsent: 1", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
                     "Content-Transfer-Encoding: quoted-printable", "Message-ID: <abc.0@example.com>",
                     "Date: Tue, 01 Dec 2026 18:00:00 -0600", "Subject: Thank you: Backend Engineer interview"] {
            #expect(head.contains(line + "\r\n") || head.hasSuffix(line), "\(line)")
        }
    }

    @Test func nonAsciiNamesBecomeEncodedWords() {
        let head = headers(Self.message().rendered)
        #expect(head.contains("From: =?UTF-8?Q?Zo=C3=AB_=C3=85ngstr=C3=B6m?= <zoe@example.com>"))
        #expect(head.contains("To: =?UTF-8?Q?Dana_D=C3=ADaz?= <dana@acme.example>"))
    }

    @Test func asciiNameWithACommaIsQuoted() {
        #expect(HeaderEncoding.mailbox(.init(name: "Chen, Lee", address: "lee@acme.example")) == "\"Chen, Lee\" <lee@acme.example>")
    }

    @Test func encodedWordsStayWithin75CharactersAndNeverSplitACharacter() {
        let words = HeaderEncoding.encodedWords(String(repeating: "Łukasz 🙂 ", count: 12), inPhrase: false)
        #expect(words.count > 1)
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?Q?") && word.hasSuffix("?="))
            let payload = word.dropFirst(10).dropLast(2)
            var bytes: [UInt8] = []
            var index = payload.startIndex
            while index < payload.endIndex {
                if payload[index] == "=" {
                    let hex = payload[payload.index(after: index)..<payload.index(index, offsetBy: 3)]
                    bytes.append(UInt8(hex, radix: 16)!)
                    index = payload.index(index, offsetBy: 3)
                } else {
                    bytes.append(payload[index] == "_" ? 0x20 : payload[index].asciiValue!)
                    index = payload.index(after: index)
                }
            }
            #expect(String(validating: bytes, as: UTF8.self) != nil, "\(word)")
        }
    }

    @Test func longAsciiSubjectIsFoldedAtSpaces() {
        let subject = Array(repeating: "interview", count: 20).joined(separator: " ")
        let head = headers(Self.message(subject: subject).rendered)
        #expect(head.split(separator: "\r\n").allSatisfy { $0.count <= 78 })
        #expect(head.replacingOccurrences(of: "\r\n ", with: " ").contains("Subject: \(subject)\r\n"))
    }

    @Test func bodyIsQuotedPrintableWithShortLines() {
        let text = "Zoë = 1 \n" + String(repeating: "é", count: 60) + "\n" + String(repeating: "a", count: 100)
        let encoded = QuotedPrintable.encode(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines[0] == "Zo=C3=AB =3D 1=20")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines[1].hasSuffix("="))
        #expect(Self.decodeQuotedPrintable(encoded) == text + "\n")
    }

    /// RFC 2045 §6.7 read back: soft breaks removed, `=XX` to its byte.
    static func decodeQuotedPrintable(_ text: String) -> String? {
        let joined = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < joined.count {
            if joined[index] == UInt8(ascii: "="), index + 2 < joined.count,
               let byte = UInt8(String(decoding: joined[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    @Test func fileNameNamesTheStepAndThePersonInAscii() {
        #expect(FileNames.slug("Łukasz Wróbel") == "lukasz-wrobel")
        #expect(FileNames.slug("Zoë Ångström") == "zoe-angstrom")
    }
}
