import FollowUpPlanning
import Foundation

extension MailMessage {
    /// The `.eml` of an e-mail follow-up (a thank-you or a check-in e-mail): from the candidate's
    /// profile, to the interviewer by name, with the draft's subject and body. Nil for a call or
    /// the checklist, which are not e-mails.
    public init?(draft followUp: FollowUp, profile: Profile?, date: Date, timeZone: TimeZone) {
        guard followUp.action == .thankYouEmail || followUp.action == .checkInEmail,
              let draft = followUp.draft, !followUp.address.isEmpty else { return nil }
        let sender = profile?.senderAddress.map { Mailbox(name: profile?.name, address: $0) }
        // The same follow-up keeps its Message-ID until it changes; `.invalid` (RFC 2606)
        // stands for a domain when the profile gives none.
        let domain = sender?.address.split(separator: "@").last.map(String.init) ?? "followup.invalid"
        self.init(from: sender, to: [Mailbox(name: followUp.interviewer?.name, address: followUp.address)],
                  subject: draft.subject ?? followUp.summary, date: date, timeZone: timeZone,
                  messageID: "\(followUp.id).\(followUp.sequence)@\(domain)", body: draft.body)
    }

    /// A file name for the draft: `thank-you-dana-diaz.eml`.
    public static func fileName(for followUp: FollowUp) -> String {
        let step = followUp.action == .thankYouEmail ? "thank-you" : "check-in"
        let person = FileNames.slug(followUp.interviewer?.name ?? "")
        return "\(step)-\(person.isEmpty ? String(followUp.id.prefix(8)) : person).eml"
    }
}

enum FileNames {
    /// Lower-case ASCII words joined by `-`: "Łukasz Wróbel" gives "lukasz-wrobel".
    static func slug(_ text: String) -> String {
        let spelled = text.lowercased().replacingAll(["ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "ı": "i"])
        let folded = spelled.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let words = folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        return String(words.joined(separator: "-").prefix(60))
    }
}
