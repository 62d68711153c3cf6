import Foundation
import Testing
@testable import FollowUpCLI

/// The command line as a user meets it: help on standard output, one way to see a plan without
/// writing it, and options that mean the same in every command that takes them. How each
/// option parses is checked in-process, in FollowUpCLITests.
struct CommandLineTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")

    /// Help goes to standard output with status 0, and is the text ArgumentParser renders
    /// in-process, where FollowUpCLITests checks it (its groups, shared options, values).
    @Test func helpIsPrintedOnStandardOutputAsRenderedInProcess() throws {
        let result = try FollowUpBinary.run(["plan", "--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == FollowUpCommand.helpMessage(for: PlanCommand.self, columns: 80) + "\n")
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
