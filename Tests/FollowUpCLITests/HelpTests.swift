import Testing
@testable import FollowUpCLI

/// The help as `followup --help` and `followup COMMAND --help` print it: grouped, the same
/// for an option shared by several commands, each value named once.
struct HelpTests {
    @Test func helpGroupsTheSubcommandsByWhatTheyAreFor() throws {
        let help = try help([])
        let groups = ["ONE INTERVIEW SUBCOMMANDS:", "JOB SEARCH SUBCOMMANDS:", "CALENDAR FEED SUBCOMMANDS:", "CALENDAR AND MAIL SERVERS SUBCOMMANDS:"]
        let sections = groups.map { help.range(of: $0) }
        #expect(sections.allSatisfy { $0 != nil }, "\(help)")
        // No flat list beside the groups.
        #expect(!help.contains("\nSUBCOMMANDS:"), "\(help)")
        let members = [["plan", "card", "invite"],
                       ["add", "edit", "done", "cancel", "remove", "list", "agenda", "draft", "profile", "import", "export"],
                       ["feed", "serve"], ["remote", "sync", "inbox", "contacts"]]
        for (index, names) in members.enumerated() {
            guard let start = sections[index]?.upperBound else { continue }
            // A section ends at its first blank line.
            let section = help[start...].dropFirst().split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
            let listed = section.compactMap { line in
                // A subcommand's line starts at column 2; its wrapped abstract further in.
                line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil
            }
            #expect(listed == names, "\(groups[index]) lists \(listed)")
        }
    }

    @Test func explainIsGoneAndPlanDryRunTakesItsPlace() throws {
        #expect(!(try help([]).contains("explain")))
        #expect(try help(["plan"]).contains("--dry-run"))
    }

    /// Each option's block in a command's help: its line and the wrapped lines under it.
    func optionHelp(_ command: String, _ option: String) throws -> String? {
        var block: [Substring] = []
        for line in try help([command]).split(separator: "\n", omittingEmptySubsequences: false) {
            if block.isEmpty {
                if line.hasPrefix("  \(option) ") || line == "  \(option)" || line.hasPrefix("  \(option)/") { block.append(line) }
            } else if line.hasPrefix("  -") || !line.hasPrefix("   ") {
                break
            } else {
                block.append(line)
            }
        }
        return block.isEmpty ? nil : block.joined(separator: "\n")
    }

    @Test(arguments: [
        "--at", "--tz", "--company", "--role", "--primary", "--format",
        "--decision-by", "--follow-up-on", "--prefer", "--follow-up", "--talking-point", "--strength",
        "--call-at", "--call-minutes", "--workdays", "--holidays",
    ])
    func planAddAndEditShowTheSameHelpForASharedOption(option: String) throws {
        let plan = try optionHelp("plan", option)
        #expect(plan != nil, "plan --help has no \(option)")
        #expect(try optionHelp("add", option) == plan)
        #expect(try optionHelp("edit", option) == plan)
    }

    @Test(arguments: [("done", "checklist"), ("cancel", "withdrawn")])
    func helpListsEachValueOnce(command: String, value: String) throws {
        let help = try help([command])
        #expect(help.components(separatedBy: value).count - 1 == 1, "\(help)")
    }

    @Test func planHelpExampleIsWholeCommandLines() throws {
        let help = try help(["plan"])
        let start = try #require(help.range(of: "Example:\n"))
        let example = help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }
        #expect(example.count >= 2)
        // Every line but the last continues the command with a backslash: none is wrapped.
        #expect(example.dropLast().allSatisfy { $0.hasSuffix(" \\") }, "\(example)")
        #expect(example.allSatisfy { $0.count <= 80 })
    }

    @Test func storeHelpNamesEveryPlaceTheStoreMayBe() throws {
        let help = try help(["list"]).replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("$FOLLOWUP_STORE"))
        #expect(help.contains("$XDG_DATA_HOME/followup/followup.sqlite"))
    }

    @Test func versionIsPrintedLikeHelpAndExitsZero() throws {
        let version = try #require(Refusal.parsing(["--version"]))
        #expect(version.exitCode == 0)
        #expect(version.fullMessage == FollowUpCommand.configuration.version)
        #expect(!version.fullMessage.isEmpty)
    }
}
