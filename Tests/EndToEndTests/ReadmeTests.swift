import Foundation
import Testing
import FollowUpTestSupport

/// The README says what the binary does: its examples are run and compared, and the sample
/// output is what `make demo` writes.
struct ReadmeTests {
    static let readme = (try? String(contentsOf: Repository.url("README.md"), encoding: .utf8)) ?? ""
    static let cards = Repository.url("Samples/cards")

    /// The fenced blocks after `heading`, in order, without their fences.
    static func blocks(after heading: String) -> [String] {
        guard let start = readme.range(of: heading) else { return [] }
        let parts = readme[start.upperBound...].components(separatedBy: "```")
        // Odd parts are inside fences; a block's first line is its language.
        return stride(from: 1, to: parts.count, by: 2).map { index in
            String(parts[index].drop(while: { $0 != "\n" }).dropFirst())
        }
    }

    /// Words of a shell command line as `sh` splits it: spaces, double quotes, `\` line ends.
    static func words(_ command: String) -> [String] {
        let line = command.replacingOccurrences(of: "\\\n", with: " ")
        var words: [String] = [], word = "", quoted = false, inWord = false
        for character in line {
            if character == "\"" { quoted.toggle(); inWord = true; continue }
            if character.isWhitespace && !quoted {
                if inWord { words.append(word) }
                word = ""; inWord = false
                continue
            }
            word.append(character); inWord = true
        }
        if inWord { words.append(word) }
        return words
    }

    @Test func planExampleWritesWhatTheReadmeShows() throws {
        let blocks = Self.blocks(after: "### Plan an interview")
        let command = try #require(blocks.first)
        let shown = try #require(blocks.dropFirst().first)
        let out = try FollowUpBinary.temporaryDirectory()
        let arguments = Self.words(command).dropFirst().map { $0 == "~/calendar" ? out.path : $0 }
        let result = try FollowUpBinary.run(Array(arguments), in: Self.cards)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == shown.replacingOccurrences(of: "/home/you/calendar", with: out.path))
    }

    @Test func dryRunExampleShowsWhatTheReadmeShows() throws {
        let block = try #require(Self.blocks(after: "`followup plan --dry-run` writes nothing").first)
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
        // The command: the `$` line and its continuation; the rest is the output.
        let commandLines = lines.prefix { $0.hasPrefix("$ ") || $0.hasPrefix("    ") }
        let command = commandLines.map { $0.hasPrefix("$ ") ? String($0.dropFirst(2)) : String($0) }.joined(separator: "\n")
        let shown = lines.dropFirst(commandLines.count).joined(separator: "\n")
        // After the interview: a plan made before it also starts with the checklist.
        let result = try FollowUpBinary.run(Array(Self.words(command).dropFirst()), in: Self.cards, now: "1796515200")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == shown)
    }

    /// The recipe of `make demo`: its `SOURCE_DATE_EPOCH` and the words of its `plan` command.
    static func demoRecipe() throws -> (epoch: String, arguments: [String]) {
        let makefile = try String(contentsOf: Repository.url("Makefile"), encoding: .utf8)
        let epochLine = try #require(makefile.split(separator: "\n").first { $0.hasPrefix("DEMO_EPOCH := ") })
        let start = try #require(makefile.range(of: "SOURCE_DATE_EPOCH=$(DEMO_EPOCH) .build/debug/followup plan"))
        let end = try #require(makefile.range(of: "--out $(DEMO_OUT)", range: start.upperBound..<makefile.endIndex))
        let command = makefile[start.upperBound..<end.lowerBound].replacingOccurrences(of: "\t", with: " ")
        return (String(epochLine.dropFirst("DEMO_EPOCH := ".count)), Self.words(command))
    }

    @Test func sampleOutputIsWhatMakeDemoWrites() throws {
        let recipe = try Self.demoRecipe()
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan"] + recipe.arguments + ["--out", out.path], in: Repository.root, now: recipe.epoch)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        let samples = Repository.files(in: "Samples/example-output", endingWith: ".ics")
        #expect(written == samples)
        for name in samples {
            let sample = try Repository.bytes("Samples/example-output/\(name)")
            let made = [UInt8](try Data(contentsOf: out.appendingPathComponent(name)))
            #expect(made == sample, "Samples/example-output/\(name) differs from what make demo writes: run make demo and copy out/*")
        }
    }

    @Test func readmeNamesTheSampleCardsAsTheyAre() {
        for name in ["dana.vcf", "lee.vcf", "priya.vcf"] {
            #expect(!Self.readme.contains(" \(name)"), "\(name)")
        }
        #expect(!Self.readme.contains("answers 503"))
    }
}
