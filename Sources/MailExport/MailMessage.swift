import FollowUpSupport
import Foundation

/// An e-mail message as a `.eml` file holds it (RFC 5322), with a UTF-8 plain-text body (MIME,
/// RFC 2045) and headers that stay ASCII through RFC 2047 encoded-words, so that any mail
/// program opens it. `isUnsent` marks it as a draft: Outlook opens such a file as a new message
/// ready to send instead of as a received one.
public struct MailMessage: Sendable, Hashable {
    /// `Name <address>`; the name may be any Unicode text.
    public struct Mailbox: Sendable, Hashable {
        public var name: String?
        public var address: String

        public init(name: String? = nil, address: String) {
            self.name = name
            self.address = address
        }
    }

    public var from: Mailbox?
    public var to: [Mailbox]
    public var subject: String
    public var date: Date
    /// The zone the `Date` header is written in.
    public var timeZone: TimeZone
    /// Without the angle brackets: `id@domain`.
    public var messageID: String
    public var body: String
    public var isUnsent: Bool

    public init(from: Mailbox?, to: [Mailbox], subject: String, date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                messageID: String, body: String, isUnsent: Bool = true) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.body = body
        self.isUnsent = isUnsent
    }

    /// The message as its file holds it: ASCII only, CRLF line ends, no line longer than 78
    /// characters.
    public var rendered: String {
        var headers: [String] = []
        if let from { headers.append(HeaderEncoding.field("From", HeaderEncoding.mailbox(from))) }
        headers.append(HeaderEncoding.field("To", to.map(HeaderEncoding.mailbox).joined(separator: ", ")))
        headers.append(HeaderEncoding.field("Subject", HeaderEncoding.unstructured(subject, after: "Subject: ".count)))
        headers.append("Date: \(Self.dateHeader(date, in: timeZone))")
        headers.append("Message-ID: <\(messageID)>")
        headers.append("MIME-Version: 1.0")
        headers.append("Content-Type: text/plain; charset=UTF-8")
        headers.append("Content-Transfer-Encoding: quoted-printable")
        if isUnsent { headers.append("X-Unsent: 1") }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(body)
    }

    /// RFC 5322 §3.3: `Tue, 01 Dec 2026 14:00:00 -0600`, in English whatever the locale.
    static func dateHeader(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let offset = zone.secondsFromGMT(for: date) / 60
        let sign = offset < 0 ? "-" : "+"
        return String(format: "%@, %02d %@ %04d %02d:%02d:%02d %@%02d%02d",
                      CalendarNames.shortWeekdays[parts.weekday! - 1], parts.day!, CalendarNames.shortMonths[parts.month! - 1],
                      parts.year!, parts.hour!, parts.minute!, parts.second!, sign, abs(offset) / 60, abs(offset) % 60)
    }
}
