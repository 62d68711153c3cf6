import FollowUpSupport
import Foundation

/// The messages the plan carries (rule 5 of docs/follow-up-guidance.md): short, specific, interested, polite, never pushy.
///
/// Each template is two to four sentences. None mentions other offers or sounds desperate
/// (rule 13); `DraftTone` checks that, and the tests run it over every template.
enum Drafts {
    struct Context {
        var interviewer: Interviewer
        var interview: Interview
        var interviewDay: String
        /// "the Backend Engineer role at Acme", "the role at Acme", "the role".
        var position: String

        /// What an e-mail's subject names: "Backend Engineer interview", else "our interview".
        var subjectTopic: String {
            interview.role.map { "\($0.singleLine) interview" } ?? "our interview"
        }
    }

    static func context(_ interviewer: Interviewer, _ interview: Interview) -> Context {
        let role = interview.role?.singleLine
        let company = interview.companyName ?? interviewer.organization
        var position = role.map { "the \($0) role" } ?? "the role"
        if let company { position += " at \(company)" }
        let weekday = CalendarNames.weekdays[interview.day.weekday - 1]
        return Context(interviewer: interviewer, interview: interview, interviewDay: weekday, position: position)
    }

    static func thankYou(_ context: Context, to address: String) -> Draft {
        let instructions = context.interview.instructions
        var sentences = ["Thank you for taking the time to meet with me on \(context.interviewDay) to discuss \(context.position)."]
        if let point = instructions.talkingPoint?.singleLine.trimmedSentence, !point.isEmpty {
            sentences.append("I especially enjoyed our conversation about \(point).")
        }
        if let strength = instructions.strength?.singleLine.trimmedSentence, !strength.isEmpty {
            sentences.append("I believe my experience with \(strength) would let me contribute to your team from the start.")
        }
        sentences.append("I am very interested in the role and look forward to hearing about the next steps.")
        return email(to: address, greeting: context.interviewer.greetingName, sentences: sentences,
                     subject: "Thank you: \(context.subjectTopic)")
    }

    static func checkInEmail(_ context: Context, to address: String) -> Draft {
        let sentences = [
            "I am writing to follow up on our interview on \(context.interviewDay) about \(context.position).",
            "I remain very interested in the position and hope I am still under consideration.",
            "Please let me know if I can provide any further information.",
        ]
        return email(to: address, greeting: context.interviewer.greetingName, sentences: sentences,
                     subject: "Following up: \(context.subjectTopic)")
    }

    static func callScript(_ context: Context, to number: String) -> Draft {
        let body = [
            "Hello \(context.interviewer.greetingName), I am calling about \(context.position), which we discussed on \(context.interviewDay).",
            "I wanted to say that I am still very interested, and I hope I am still under consideration.",
            "If there is anything else you need from me, I am happy to provide it.",
        ].joined(separator: " ")
        return Draft(subject: nil, body: body, link: telLink(number))
    }

    static func checklist(_ interview: Interview) -> Draft {
        let names = interview.interviewers.map(\.name)
        let body = [
            "Before you leave, ask each interviewer how and when you should follow up, and by when they expect to decide.",
            "Ask everyone you meet for a business card" + (names.isEmpty ? "." : "; so far you have cards from \(names.joined(separator: ", ")).") ,
        ].joined(separator: " ")
        return Draft(subject: nil, body: body, link: nil)
    }

    private static func email(to address: String, greeting: String, sentences: [String], subject: String) -> Draft {
        let body = "Dear \(greeting),\n\n\(sentences.joined(separator: " "))\n\nBest regards,"
        return Draft(subject: subject, body: body, link: mailtoLink(address, subject: subject, body: body))
    }

    /// RFC 6068: the address, then `subject` and `body` percent-encoded as UTF-8.
    static func mailtoLink(_ address: String, subject: String, body: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        func encode(_ text: String) -> String {
            text.replacingOccurrences(of: "\n", with: "\r\n").addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        }
        let mailbox = address.addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: "@+"))) ?? address
        return "mailto:\(mailbox)?subject=\(encode(subject))&body=\(encode(body))"
    }

    /// RFC 3966: a `tel:` URI keeps the digits and a leading `+`; a card's value that already is a
    /// `tel:` URI is used as it is.
    static func telLink(_ number: String) -> String {
        if number.lowercased().hasPrefix("tel:") { return number }
        var digits = number.filter { $0.isASCII && $0.isNumber }
        if number.trimmingCharacters(in: .whitespaces).hasPrefix("+") { digits = "+" + digits }
        return "tel:\(digits)"
    }
}

/// Rule 13: do not sound desperate, do not mention other offers, stay polite.
public enum DraftTone {
    /// Phrases a follow-up should never contain, each with the reason shown to the user.
    static let phrases: [(text: String, reason: String)] = [
        ("other offer", "mentions other offers"),
        ("another offer", "mentions other offers"),
        ("competing offer", "mentions other offers"),
        ("multiple offers", "mentions other offers"),
        ("other companies", "mentions other companies"),
        ("other interviews", "mentions other interviews"),
        ("desperate", "sounds desperate"),
        ("really need this job", "sounds desperate"),
        ("need this job", "sounds desperate"),
        ("i'm begging", "sounds desperate"),
        ("begging you", "sounds desperate"),
        ("any job", "sounds desperate"),
        ("please please", "sounds desperate"),
        ("why haven't you", "sounds pushy"),
        ("haven't heard back", "sounds pushy"),
        ("still waiting", "sounds pushy"),
        ("as soon as possible", "sounds pushy"),
        ("asap", "sounds pushy"),
        ("urgent", "sounds pushy"),
        ("deadline to respond", "sounds pushy"),
    ]

    /// The reasons `text` would read badly in a follow-up; empty when it is fine.
    public static func concerns(in text: String) -> [String] {
        let lower = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        var reasons: [String] = []
        for phrase in phrases where lower.contains(phrase.text) {
            let concern = "\(phrase.reason) ('\(phrase.text)')"
            if !reasons.contains(concern) { reasons.append(concern) }
        }
        return reasons
    }
}

extension String {
    /// A fragment to put inside a sentence: no trailing full stop, no surrounding spaces.
    var trimmedSentence: String {
        var text = trimmingCharacters(in: .whitespaces)
        while let last = text.last, ".!".contains(last) { text.removeLast() }
        return text
    }
}
