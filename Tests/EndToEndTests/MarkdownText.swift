import Foundation

/// Just enough Markdown for the link test: the links outside code, and the anchors GitHub makes
/// of the headings.
enum MarkdownText {
    /// The lines of `text` outside fenced code blocks.
    static func linesOutsideFences(_ text: String) -> [Substring] {
        var lines: [Substring] = [], fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.drop(while: { $0 == " " }).hasPrefix("```") { fenced.toggle(); continue }
            if !fenced { lines.append(line) }
        }
        return lines
    }

    /// The targets of `[text](target)` links outside code blocks and code spans.
    static func links(in text: String) -> [String] {
        linesOutsideFences(text).flatMap { line in
            // Even parts are outside code spans.
            line.components(separatedBy: "`").enumerated().filter { $0.offset.isMultiple(of: 2) }.flatMap { part in
                part.element.components(separatedBy: "](").dropFirst().map { String($0.prefix { $0 != ")" }) }
            }
        }
    }

    /// GitHub's anchor of each heading: lower case, spaces as hyphens, other punctuation
    /// dropped, and `-1`, `-2` ... appended to the second, third ... heading of the same anchor.
    static func anchors(in text: String) -> Set<String> {
        var anchors = Set<String>(), seen: [String: Int] = [:]
        for line in linesOutsideFences(text) where line.hasPrefix("#") {
            let title = line.drop(while: { $0 == "#" })
            guard title.hasPrefix(" ") else { continue }
            let slug = String(title.trimmingCharacters(in: .whitespaces).lowercased().compactMap { character -> Character? in
                if character == " " { return "-" }
                return character.isLetter || character.isNumber || character == "-" || character == "_" ? character : nil
            })
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.insert(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }
}
