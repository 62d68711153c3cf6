import Foundation
import Testing
import FollowUpTestSupport

/// The README and the guides in `docs/` say what the binary does: their examples are run and
/// compared, their links lead to a file and a heading, the README's tour names every
/// subcommand, and the sample output is what `make demo` writes.
struct ReadmeTests {
    /// README.md and every guide in docs/, as paths from the repository's root.
    static let documents = ["README.md"] + Repository.files(in: "docs", endingWith: ".md").map { "docs/\($0)" }
    static let cards = Repository.url("Samples/cards")

    /// The text of the document at `path`; empty when it is missing (the tests that read it fail).
    static func text(_ path: String) -> String {
        (try? String(contentsOf: Repository.url(path), encoding: .utf8)) ?? ""
    }

    /// The fenced blocks after `heading` in the document at `path`, in order, without their fences.
    static func blocks(after heading: String, in path: String) -> [String] {
        let document = text(path)
        guard let start = document.range(of: heading) else { return [] }
        let parts = document[start.upperBound...].components(separatedBy: "```")
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

    @Test func planExampleWritesWhatThePlanningGuideShows() throws {
        let blocks = Self.blocks(after: "## Plan an interview", in: "docs/planning.md")
        let command = try #require(blocks.first)
        let shown = try #require(blocks.dropFirst().first)
        let out = try FollowUpBinary.temporaryDirectory()
        let arguments = Self.words(command).dropFirst().map { $0 == "~/calendar" ? out.path : $0 }
        let result = try FollowUpBinary.run(Array(arguments), in: Self.cards)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == shown.replacingOccurrences(of: "/home/you/calendar", with: out.path))
    }

    @Test func dryRunExampleShowsWhatThePlanningGuideShows() throws {
        let block = try #require(Self.blocks(after: "`followup plan --dry-run` writes nothing", in: "docs/planning.md").first)
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

    @Test(arguments: documents)
    func documentNamesTheSampleCardsAsTheyAre(path: String) {
        let text = Self.text(path)
        #expect(!text.isEmpty, "\(path) is missing or empty")
        for name in ["dana.vcf", "lee.vcf", "priya.vcf"] {
            #expect(!text.contains(" \(name)"), "\(path): \(name)")
        }
        #expect(!text.contains("answers 503"), "\(path)")
    }

    @Test func readmeLinksToEveryGuide() {
        let readme = Self.text("README.md")
        for guide in Self.documents.dropFirst() {
            #expect(readme.contains("](\(guide))") || readme.contains("](\(guide)#"), "README.md does not link to \(guide)")
        }
    }

    @Test(arguments: documents)
    func everyRelativeLinkLeadsToAFileAndAHeading(path: String) {
        let base = Repository.url(path).deletingLastPathComponent()
        for link in MarkdownText.links(in: Self.text(path)) where !link.contains("://") && !link.hasPrefix("mailto:") {
            let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let file = parts[0].isEmpty ? Repository.url(path) : base.appendingPathComponent(String(parts[0])).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: file.path), "\(path): \(link) leads to no file")
            guard parts.count == 2 else { continue }
            let target = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            #expect(MarkdownText.anchors(in: target).contains(String(parts[1])), "\(path): \(link) leads to no heading")
        }
    }

    @Test func readmeTourNamesEverySubcommandInTheOrderOfTheHelp() throws {
        let help = try FollowUpBinary.run(["--help"])
        #expect(help.status == 0)
        var subcommands: [String] = [], inSubcommands = false
        for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("SUBCOMMANDS:") { inSubcommands = true; continue }
            // A subcommand's line: two spaces, then its name in lower case; descriptions wrap deeper.
            guard inSubcommands, line.hasPrefix("  "), let first = line.dropFirst(2).first, first.isLowercase else { continue }
            subcommands.append(String(line.dropFirst(2).prefix { !$0.isWhitespace }))
        }
        let readme = Self.text("README.md")
        let tour = try #require(readme.range(of: "## The commands"))
        let rows = readme[tour.upperBound...].split(separator: "\n").prefix { !$0.hasPrefix("## ") }
            .filter { $0.hasPrefix("| `") }
            .map { String($0.dropFirst(3).prefix { $0 != "`" }) }
        #expect(!rows.isEmpty)
        #expect(rows == subcommands)
    }
}
