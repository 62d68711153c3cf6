import Foundation

/// A talking point as the candidate typed it, and whose thank-you it belongs in.
///
/// `"priya=the migration to event sourcing"` is for the interviewer the part before the first
/// `=` names: by full name, by first name when no one else of the interview has it, or by an
/// e-mail address. Any other text (`"the x=y trick"`, `"lee=..."` on a panel of two Lees) is a
/// point for everyone, whole.
public struct TalkingPoint: Sendable, Hashable {
    public var text: String
    /// The index in the interview's interviewers of the one it is for; nil: everyone.
    public var interviewer: Int?
    /// The part before `=` when it looked like a name but named no one interviewer.
    public var unmatchedName: String?

    public init(_ typed: String, among interviewers: [Interviewer]) {
        text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let equals = typed.firstIndex(of: "=") else { return }
        let name = typed[..<equals].trimmingCharacters(in: .whitespaces)
        let point = typed[typed.index(after: equals)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !point.isEmpty else { return }
        if let index = Self.interviewer(named: name, among: interviewers) {
            text = point
            interviewer = index
        } else if Self.looksLikeAName(name) {
            unmatchedName = name
        }
    }

    /// Up to three words without punctuation, none of them a word that starts a phrase: how a
    /// name or an address is typed. "the x" (of "the x=y trick") names no one and is no mistake.
    static func looksLikeAName(_ text: String) -> Bool {
        let words = text.lowercased().split(separator: " ")
        let phraseWords: Set<Substring> = ["the", "a", "an", "our", "my", "your", "this", "that", "how", "why", "what", "when", "if"]
        return (1...3).contains(words.count) && !words.contains(where: phraseWords.contains)
            && !text.contains(where: { ",;:!?()\"".contains($0) })
    }

    /// Whether the point belongs in the draft to the interviewer at `index`.
    public func isFor(_ index: Int) -> Bool { interviewer == nil || interviewer == index }

    /// The one interviewer `name` names: a full name or an e-mail address, else a first name
    /// no other interviewer shares.
    static func interviewer(named name: String, among interviewers: [Interviewer]) -> Int? {
        let needle = name.folded
        let exact = interviewers.indices.filter { index in
            interviewers[index].name.folded == needle || interviewers[index].emails.contains { $0.value.folded == needle }
        }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 { return nil }
        let byFirstName = interviewers.indices.filter { interviewers[$0].firstName?.folded == needle }
        return byFirstName.count == 1 ? byFirstName[0] : nil
    }

    /// What to type before `=` so that a point reaches the interviewer at `index`: the first
    /// name when it is unique, else an e-mail address, else the full name.
    public static func key(for index: Int, among interviewers: [Interviewer]) -> String {
        let person = interviewers[index]
        if let first = person.firstName, interviewer(named: first, among: interviewers) == index { return first.lowercased() }
        if let email = person.preferredEmail { return email }
        return person.name
    }
}

extension Interviewer {
    /// The first name: the card's given name, the name after the comma of "Last, First", or
    /// the first word of the name.
    public var firstName: String? {
        if let givenName { return givenName }
        if let first = Self.firstNameOfReversedName(name) { return first }
        let words = name.split(separator: " ")
        return words.count > 1 ? String(words[0]) : nil
    }
}

extension String {
    /// Case and accents aside, for matching what a person typed against a card.
    var folded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }
}
