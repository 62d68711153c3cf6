/// A mistyped subcommand, answered with the nearest one, as a mistyped option already is.
enum CommandSuggestion {
    /// The message for `typed` when it is no command: nil for a command, an option or a word
    /// that no command is near enough to be meant (it is then an argument ArgumentParser judges).
    static func unknownCommand(_ typed: String, among names: [String]) -> String? {
        guard !typed.hasPrefix("-"), !names.contains(typed) else { return nil }
        let nearest = names.map { (name: $0, distance: distance(typed.lowercased(), $0)) }.min { $0.distance < $1.distance }
        guard let nearest else { return nil }
        if nearest.distance <= max(2, nearest.name.count / 3) {
            return "unknown command '\(typed)'; did you mean '\(nearest.name)'? ('followup --help' lists them)"
        }
        return "unknown command '\(typed)': the commands are \(names.filter { $0 != "help" }.joined(separator: ", "))"
    }

    /// Levenshtein distance: insertions, deletions and substitutions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
