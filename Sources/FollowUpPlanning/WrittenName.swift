import Foundation

/// The five parts of a name given as one string ("Dr. Katrin Vogel", "Max Horst Mustermann jr.",
/// "Vogel, Katrin"), as a vCard's `N` keeps them: a spreadsheet's `name` column and an
/// invitation's CN give no more, and a greeting ("Dear Dr. Vogel"), a call script and an
/// exported contact sorted by family name all need the parts.
///
/// Several additional names or suffixes are joined by commas, the way `N` lists them.
public struct WrittenName: Sendable, Hashable {
    public var honorificPrefix: String?
    public var given: String?
    public var additional: String?
    public var family: String?
    public var honorificSuffix: String?

    /// Titles written before a name, compared without case and dots ("Prof. Dr.", "Herr").
    static let honorifics: Set<String> = [
        "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "herr", "frau", "mme", "mlle", "madame", "monsieur",
        "rev", "hon", "dr-ing", "dipl-ing", "ing",
    ]
    /// Generational suffixes and degrees that read as one however they are written ("jr", "Jr.", "PhD").
    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv", "phd", "esq"]
    /// Degrees that are a suffix only when written as one ("MBA", "M.D."): "Jack Ma" ends in a family name.
    static let credentials: Set<String> = ["md", "mba", "msc", "bsc", "ma", "ba", "cpa", "dds", "rn", "pe", "llm", "mphil"]
    /// Words that begin a family name of several words ("van der Berg", "de la Cruz") when written in lower case.
    static let familyParticles: Set<String> = [
        "van", "von", "der", "den", "de", "la", "le", "da", "di", "du", "del", "della", "dos", "ten", "ter", "zu",
    ]

    public init(_ written: String) {
        let text = written.singleLine.trimmingCharacters(in: .whitespaces)
        var head = Substring(text)
        var suffixes: [String] = []
        var family: String?
        let commaParts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if commaParts.count > 1 {
            let tail = commaParts.dropFirst()
            if tail.allSatisfy({ part in !part.isEmpty && part.split(separator: " ").allSatisfy { Self.isSuffix($0) } }) {
                // "Lee Chen, PhD", "Max Mustermann, jr., MBA": credentials after the name.
                suffixes = tail.flatMap { $0.split(separator: " ").map(String.init) }
                head = Substring(commaParts[0])
            } else if commaParts.count == 2, !commaParts[0].isEmpty, !commaParts[1].isEmpty {
                // "Vogel, Katrin" (Outlook's order): the family name first.
                family = commaParts[0]
                head = Substring(commaParts[1])
            } else {
                return
            }
        }
        var words = head.split(whereSeparator: \.isWhitespace).map(String.init)
        var prefixes: [String] = []
        while words.count > 1, Self.honorifics.contains(Self.bare(words[0])) { prefixes.append(words.removeFirst()) }
        var trailing: [String] = []
        while words.count > 1, Self.isSuffix(Substring(words[words.count - 1])) { trailing.insert(words.removeLast(), at: 0) }
        suffixes = trailing + suffixes
        if family == nil, words.count > 1 {
            var start = words.count - 1
            while start > 1, Self.familyParticles.contains(words[start - 1]) { start -= 1 }
            family = words[start...].joined(separator: " ")
            words.removeSubrange(start...)
        }
        guard !words.isEmpty || family != nil else { return }
        honorificPrefix = prefixes.isEmpty ? nil : prefixes.joined(separator: " ")
        given = words.first
        additional = words.count > 1 ? words.dropFirst().joined(separator: ",") : nil
        self.family = family
        honorificSuffix = suffixes.isEmpty ? nil : suffixes.joined(separator: ",")
    }

    /// A word in lower case without its dots: "Ph.D." is "phd", "Dr.-Ing." is "dr-ing".
    static func bare(_ word: some StringProtocol) -> String {
        word.lowercased().filter { $0 != "." }
    }

    static func isSuffix(_ word: Substring) -> Bool {
        let bare = Self.bare(word)
        if suffixes.contains(bare) { return true }
        // A degree counts when it is written as one: with dots or in capitals.
        return credentials.contains(bare) && (word.contains(".") || word.allSatisfy { $0.isUppercase || $0 == "." })
    }
}

extension Interviewer {
    /// Whether any part of the name is known apart from the whole (`N` of a card, or read from the name).
    public var hasNameParts: Bool {
        [givenName, familyName, honorificPrefix, additionalNames, honorificSuffix].contains { $0?.isEmpty == false }
    }

    /// Fills the parts a person has no family name for from the name as written: a card whose `N`
    /// gave only a given name, or someone stored before the parts were kept, when a spreadsheet's
    /// row or an invitation kept only the name's first word as the given name ("Dr." of "Dr.
    /// Katrin Vogel"), which the parts read from the name replace.
    public mutating func completeNameParts() {
        guard familyName == nil else { return }
        let written = WrittenName(name)
        if givenName == nil || givenName == name.split(separator: " ").first.map(String.init) { givenName = written.given }
        familyName = written.family
        additionalNames = additionalNames ?? written.additional
        honorificPrefix = honorificPrefix ?? written.honorificPrefix
        honorificSuffix = honorificSuffix ?? written.honorificSuffix
    }

    /// Sets the name's parts from the name as written, for an input that gives only the whole
    /// (a spreadsheet's row, an invitation's attendee).
    public mutating func readNameParts() {
        let parts = WrittenName(name)
        honorificPrefix = parts.honorificPrefix
        givenName = parts.given
        additionalNames = parts.additional
        familyName = parts.family
        honorificSuffix = parts.honorificSuffix
    }
}
