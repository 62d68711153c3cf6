import FollowUpSupport
import Foundation

/// The messages the plan carries (rule 5 of docs/follow-up-guidance.md): short, specific, interested, polite, never pushy.
///
/// Each template is two to four sentences, in the candidate's voice and signed with their
/// `Profile`. None mentions other offers or sounds desperate (rule 13); `DraftTone` checks that,
/// and the tests run it over every template. What the candidate typed goes through `Phrasing`,
/// so that a noun phrase and a sentence both read as English.
enum Drafts {
    struct Context {
        var interviewer: Interviewer
        var interview: Interview
        var profile: Profile?
        /// "Tuesday, 1 December": a weekday alone is misread in a call made the next week.
        var interviewDay: String
        /// "the Backend Engineer role at Acme", "the role at Acme", "the role".
        var position: String

        /// What an e-mail's subject names: "Backend Engineer interview", else "our interview".
        var subjectTopic: String {
            interview.role.map { "\($0.singleLine) interview" } ?? "our interview"
        }

        /// The decision date the interviewer gave, as a draft says it; nil when none was given
        /// or it was ignored (before the interview).
        var decisionDay: String? {
            guard let day = interview.instructions.decisionBy, day >= interview.day else { return nil }
            return Drafts.spokenDay(day)
        }
    }

    static func context(_ interviewer: Interviewer, _ interview: Interview, profile: Profile? = nil) -> Context {
        let role = interview.role?.singleLine
        let company = interview.companyName ?? interviewer.organization
        var position = role.map { "the \($0) role" } ?? "the role"
        if let company { position += " at \(company)" }
        return Context(interviewer: interviewer, interview: interview, profile: profile,
                       interviewDay: spokenDay(interview.day), position: position)
    }

    /// "Monday, 11 January": the weekday and the date, which no reader can take for another week.
    static func spokenDay(_ day: CalendarDay) -> String {
        "\(CalendarNames.weekdays[day.weekday - 1]), \(day.day) \(CalendarNames.months[day.month - 1])"
    }

    static func thankYou(_ context: Context, points: [String], to address: String) -> Draft {
        email(to: address, context, sentences: thankYouSentences(context, points: points),
              subject: "Thank you: \(context.subjectTopic)")
    }

    /// The thank-you without greeting and signature: two drafts with the same sentences are
    /// the same apart from the name.
    static func thankYouSentences(_ context: Context, points: [String]) -> [String] {
        let opening = context.interview.format.isRemote
            ? "Thank you for speaking with me on \(context.interviewDay) about \(context.position)"
            : "Thank you for taking the time to meet with me on \(context.interviewDay) to discuss \(context.position)"
        var sentences = [Phrasing.sentence(opening)]
        let points = points.map { $0.singleLine }.filter { !Phrasing.fragment($0).isEmpty }
        let topics = points.filter { !Phrasing.isSentence($0) }.map { Phrasing.inline(Phrasing.fragment($0)) }
        if !topics.isEmpty {
            sentences.append("I especially enjoyed our conversation about \(Phrasing.list(topics)).")
        }
        sentences += points.filter(Phrasing.isSentence).map(Phrasing.sentence)
        if let strength = context.interview.instructions.strength?.singleLine, !Phrasing.fragment(strength).isEmpty {
            sentences += Phrasing.strengthSentences(strength)
        }
        sentences.append("I am very interested in the role and look forward to hearing about the next steps.")
        return sentences
    }

    static func checkInEmail(_ context: Context, to address: String) -> Draft {
        let meeting = context.interview.format.isRemote ? "our conversation" : "our interview"
        var sentences = [Phrasing.sentence("I am writing to follow up on \(meeting) on \(context.interviewDay) about \(context.position)")]
        if let decision = context.decisionDay {
            sentences.append("You mentioned that you expected to decide by \(decision), so I wanted to ask where things stand.")
        }
        sentences.append("I remain very interested in the role and would be glad to hear about the next steps.")
        sentences.append("Please let me know if I can provide any further information.")
        return email(to: address, context, sentences: sentences, subject: "Following up: \(context.subjectTopic)")
    }

    static func callScript(_ context: Context, to number: String) -> Draft {
        let profile = context.profile
        let hello = greeting(context.interviewer).map { "Hello \($0)" } ?? "Hello"
        let calling = "I am calling about \(context.position), which we discussed on \(context.interviewDay)"
        var sentences = profile?.name.map { name in
            [Phrasing.sentence("\(hello), this is \(name)"), Phrasing.sentence(calling)]
        } ?? [Phrasing.sentence("\(hello), \(calling)")]
        if let decision = context.decisionDay {
            sentences.append("You mentioned that you expected to decide by \(decision), and I wanted to ask where things stand.")
        }
        sentences.append("I remain very interested in the role.")
        sentences.append("If there is anything else you need from me, I am happy to provide it.")
        if let phone = profile?.phone {
            sentences.append("In case you need to reach me, my number is \(phone).")
        } else if let address = profile?.senderAddress {
            sentences.append("In case you need to reach me, my e-mail address is \(address).")
        }
        return Draft(subject: nil, body: sentences.joined(separator: " "), link: telLink(number))
    }

    static func checklist(_ interview: Interview) -> Draft {
        let names = interview.interviewers.map(\.name)
        let sentences: [String]
        if interview.format.isRemote {
            let reached = interview.interviewers.filter { $0.preferredEmail != nil }.map(\.name)
            sentences = [
                "Before the call ends, ask each interviewer how and when you should follow up, and by when they expect to decide.",
                "Ask each interviewer for their e-mail address, so that each gets a thank-you of their own"
                    + (reached.isEmpty ? "." : "; so far you have addresses for \(reached.joined(separator: ", ")).")
            ]
        } else {
            sentences = [
                "Before you leave, ask each interviewer how and when you should follow up, and by when they expect to decide.",
                "Ask everyone you meet for a business card" + (names.isEmpty ? "." : "; so far you have cards from \(names.joined(separator: ", ")).")
            ]
        }
        return Draft(subject: nil, body: sentences.joined(separator: " "), link: nil)
    }

    /// The name a message greets the interviewer by; nil when only their address is known (an
    /// invitation that names no one): "Dear rhanley@google.com," greets no one.
    static func greeting(_ interviewer: Interviewer) -> String? {
        let name = interviewer.greetingName.trimmingCharacters(in: .whitespaces)
        return name.isEmpty || name.contains("@") ? nil : name
    }

    /// Greeting, sentences, closing, and the candidate's signature when there is a profile.
    private static func email(to address: String, _ context: Context, sentences: [String], subject: String) -> Draft {
        let opening = greeting(context.interviewer).map { "Dear \($0)," } ?? "Hello,"
        var lines = [opening, "", sentences.joined(separator: " "), "", "Best regards,"]
        lines += context.profile?.signatureLines ?? []
        let body = lines.joined(separator: "\n")
        return Draft(subject: subject, body: body, link: mailtoLink(address, subject: subject, body: body))
    }

    /// RFC 6068: the address, then `subject` and `body` percent-encoded as UTF-8.
    static func mailtoLink(_ address: String, subject: String, body: String) -> String {
        func encode(_ text: String) -> String {
            percentEncoded(text.replacingOccurrences(of: "\n", with: "\r\n"))
        }
        return "mailto:\(percentEncoded(address, keeping: "@+"))?subject=\(encode(subject))&body=\(encode(body))"
    }

    /// RFC 3986 percent-encoding of `text`'s UTF-8: ASCII letters, digits, `-._~` and the ASCII
    /// characters of `kept` as they are, every other byte as `%XX`. What Foundation's
    /// `addingPercentEncoding` gives with the alphanumerics and those characters allowed (a
    /// letter outside ASCII is encoded by both), without its trip through NSString: every
    /// draft of every planned follow-up has a link, so an import of thousands makes many.
    static func percentEncoded(_ text: String, keeping kept: String = "") -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let keptBytes = Array(kept.utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(text.utf8.count * 3 / 2)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            case _ where byte < 0x80 && keptBytes.contains(byte):
                encoded.append(byte)
            default:
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
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

/// Turning what the candidate typed into English: a talking point or strength may be a noun
/// phrase ("five years of Swift"), a sentence ("I led a similar migration"), or a line of a
/// résumé ("Led a similar migration"), with or without a full stop.
enum Phrasing {
    /// A whole sentence: the first letter capitalised, one closing mark (a full stop unless the
    /// text already ends with one: "Acme Inc." stays as it is).
    static func sentence(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        guard let first = text.first else { return text }
        text = first.uppercased() + text.dropFirst()
        let closing = text.reversed().drop(while: { "\"'’”)".contains($0) }).first
        if let closing, ".!?…".contains(closing) { return text }
        return text + "."
    }

    /// Text to put inside a sentence: no closing punctuation, no surrounding spaces.
    static func fragment(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while let last = text.last, ".!?;:,…".contains(last) || last.isWhitespace { text.removeLast() }
        return text
    }

    /// A fragment as it reads after a preposition: "The migration" becomes "the migration",
    /// while a name ("Swift", "Kubernetes") keeps its capital.
    static func inline(_ text: String) -> String {
        guard let word = text.split(separator: " ").first, lowercaseStarts.contains(word.lowercased()),
              word.dropFirst().allSatisfy({ !$0.isUppercase }) else { return text }
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// Whether the text is a sentence of its own ("I led ...", "We talked about ..."), not a
    /// phrase to build one around.
    static func isSentence(_ text: String) -> Bool {
        let words = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard let first = words.first else { return false }
        let word = first.lowercased().replacingOccurrences(of: "’", with: "'").filter { $0 != "," }
        if pronouns.contains(word) { return true }
        // Two sentences ("Shipped X. Grew the team.") are sentences whatever their first word.
        return text.dropLast().contains(". ") && words.count > 3
    }

    /// The sentences a strength becomes: a noun phrase is built into one, a sentence is kept
    /// and followed by why it matters, a résumé line gets its "I".
    static func strengthSentences(_ strength: String) -> [String] {
        let text = strength.trimmingCharacters(in: .whitespaces)
        let contribute = "would let me contribute to your team from the start."
        if isSentence(text) { return [sentence(text), "I believe this \(contribute)"] }
        let words = text.split(separator: " ")
        if words.count > 1, let first = words.first, resumeVerbs.contains(first.lowercased()) {
            return [sentence("I " + first.lowercased() + text.dropFirst(first.count)), "I believe this \(contribute)"]
        }
        return ["I believe \(inline(fragment(text))) \(contribute)"]
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    static let pronouns: Set<String> = ["i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "we'd", "we'll", "you", "you're"]

    /// Words a résumé line starts with, in the past tense: "Led a migration" is "I led a migration".
    static let resumeVerbs: Set<String> = [
        "led", "built", "shipped", "designed", "managed", "ran", "launched", "migrated", "created", "developed",
        "implemented", "delivered", "wrote", "founded", "scaled", "drove", "grew", "reduced", "improved", "introduced",
        "maintained", "mentored", "owned", "rebuilt", "rewrote", "architected", "automated", "cut", "taught", "won",
    ]

    /// Words that start a phrase and are written small inside a sentence.
    static let lowercaseStarts: Set<String> = [
        "a", "an", "the", "my", "our", "your", "their", "this", "that", "these", "those", "how", "what", "why", "when",
        "where", "which", "who", "some", "several", "many", "most", "all", "both", "each", "one", "two", "three", "four",
        "five", "six", "seven", "eight", "nine", "ten", "over", "more", "years", "experience", "strong", "deep", "solid",
        "extensive", "broad", "proven", "hands-on", "knowledge", "background", "expertise", "working", "building",
        "designing", "leading", "running", "scaling", "testing", "using",
    ]
}

/// Rule 13: do not sound desperate or plead, do not mention other offers, stay polite.
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
        ("still under consideration", "sounds pleading"),
        ("still in the running", "sounds pleading"),
        ("please consider me", "sounds pleading"),
        ("give me a chance", "sounds pleading"),
        ("i hope you will consider", "sounds pleading"),
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
