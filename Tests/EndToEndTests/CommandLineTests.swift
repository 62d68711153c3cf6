import Foundation
import Testing

/// The command line as a user meets it: the grouped help, one way to see a plan without
/// writing it, and options that read the same in every command that takes them.
struct CommandLineTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")

    @Test func helpGroupsTheSubcommandsByWhatTheyAreFor() throws {
        let result = try FollowUpBinary.run(["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        let help = result.stdout
        let groups = ["ONE INTERVIEW SUBCOMMANDS:", "JOB SEARCH SUBCOMMANDS:", "CALENDAR FEED SUBCOMMANDS:"]
        let sections = groups.map { help.range(of: $0) }
        #expect(sections.allSatisfy { $0 != nil }, "\(help)")
        // No flat list beside the groups.
        #expect(!help.contains("\nSUBCOMMANDS:"), "\(help)")
        let members = [["plan", "card", "invite"], ["add", "edit", "done", "cancel", "remove", "list", "agenda", "draft", "profile", "import", "export"], ["feed", "serve"]]
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
        let bare = try FollowUpBinary.run(["explain"])
        #expect(bare.status == 64)
        #expect(bare.stderr.contains("unknown command 'explain'"), "\(bare.stderr)")
        let withOptions = try FollowUpBinary.run(["explain", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC"])
        #expect(withOptions.status == 64, "\(withOptions.stderr)")
        #expect(withOptions.stdout.isEmpty)
        #expect(!(try FollowUpBinary.run(["--help"]).stdout.contains("explain")))
        #expect(try FollowUpBinary.run(["plan", "--help"]).stdout.contains("--dry-run"))
    }

    @Test func planDryRunWritesNothingWhereItRuns() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago",
                                             "--company", "Acme Robotics"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("WHEN"))
        #expect(!result.stdout.contains("wrote "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// Each option's block in a command's help: its line and the wrapped lines under it.
    func optionHelp(_ command: String, _ option: String) throws -> String? {
        let result = try FollowUpBinary.run([command, "--help"])
        guard result.status == 0 else { return nil }
        var block: [Substring] = []
        for line in result.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
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
        "--at", "--tz", "--company", "--role", "--primary",
        "--decision-by", "--follow-up-on", "--prefer", "--follow-up", "--talking-point", "--strength",
        "--call-at", "--call-minutes", "--workdays", "--holidays",
    ])
    func planAddAndEditShowTheSameHelpForASharedOption(option: String) throws {
        let plan = try optionHelp("plan", option)
        #expect(plan != nil, "plan --help has no \(option)")
        #expect(try optionHelp("add", option) == plan)
        #expect(try optionHelp("edit", option) == plan)
    }

    @Test func noneMeansNoInstructionInPlanAsInEdit() throws {
        let base = ["plan", "--dry-run", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC"]
        let plain = try FollowUpBinary.run(base)
        let none = try FollowUpBinary.run(base + ["--decision-by", "none", "--follow-up-on", "none", "--prefer", "none", "--follow-up"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout == plain.stdout)
    }

    @Test func editTurnsTheCheckInOffAndOnAgain() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let store = folder.appendingPathComponent("followup.sqlite").path
        let add = try FollowUpBinary.run(["add", "--store", store, "--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--no-follow-up"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(!add.stdout.contains("Check-in"), "\(add.stdout)")
        let id = try #require(add.stdout.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        let edit = try FollowUpBinary.run(["edit", id, "--store", store, "--follow-up"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("Check-in"), "\(edit.stdout)")
    }
}
