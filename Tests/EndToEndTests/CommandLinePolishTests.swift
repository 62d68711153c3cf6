import Foundation
import Testing

/// What still confused a user of the command line (issue 24): mistakes named with the
/// subcommand's usage and the exit status the README gives, the options the README's shared
/// table lists taken by every command that shares them, and times shown on the user's clock.
@Suite(.serialized)
struct CommandLinePolishTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")

    func store() throws -> NewUserTests.Store { NewUserTests.Store(folder: try FollowUpBinary.temporaryDirectory()) }

    @Test(arguments: [
        (["plan", "--format", "hybrid"], "cannot read --format 'hybrid': expected onsite, phone or video"),
        (["add", "--prefer", "fax"], "cannot read --prefer 'fax': expected email or phone"),
    ])
    func aWordNoneOfAnOptionsIsACommandLineErrorWithTheSubcommandsUsage(arguments: [String], message: String) throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let store = arguments[0] == "add" ? ["--store", folder.appendingPathComponent("store.sqlite").path] : []
        let result = try FollowUpBinary.run(arguments + store + ["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC"], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: \(message)\nUsage: followup \(arguments[0]) "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // Nothing was stored or written.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: ["plan", "add"])
    func optionsThatDoNotGoTogetherShowTheSubcommandsUsage(command: String) throws {
        let result = try FollowUpBinary.run([command, "--card", dana])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Usage: followup \(command) "), "\(result.stderr)")
        #expect(result.stderr.contains("See 'followup \(command) --help' for more information."))
        #expect(!result.stderr.contains("<subcommand>"))
    }

    @Test func editRefusesAWrongFormatAsACommandLineError() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC"])
        let result = try store.run(["edit", id, "--format", "hybrid"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Usage: followup edit "), "\(result.stderr)")
        // 'none' still clears it, back to the default.
        #expect(try store.run(["edit", id, "--format", "none"]).status == 0)
    }

    @Test func addWritesTheDraftsOfTheStoredEmails() throws {
        let store = try store()
        let drafts = store.folder.appendingPathComponent("drafts")
        let result = try store.run(["add", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--drafts", drafts.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: drafts.path).sorted()
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(name.hasSuffix(".eml") && name.contains("thank-you"))
        #expect(result.stdout.contains("wrote \(drafts.appendingPathComponent(name).path)"))
        let message = try String(contentsOf: drafts.appendingPathComponent(name), encoding: .utf8)
        #expect(message.contains("X-Unsent: 1"))
        #expect(message.contains("dana.diaz@acme.example"))
    }

    @Test func listShowsAnInterviewInAnotherZoneAlsoOnTheUsersClock() throws {
        let store = try store()
        _ = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"], now: "1795000000")
        let list = try FollowUpBinary.run(["list", "--store", store.path], now: "1795000000", environment: ["TZ": "Europe/Lisbon"])
        #expect(list.status == 0, "\(list.stderr)")
        // 14:00 in Chicago is 20:00 in Lisbon, for the interview and its checklist.
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.first?.contains("Tue 1 Dec 2026 14:00 (America/Chicago) = Tue 1 Dec 2026 20:00") == true, "\(list.stdout)")
        let checklist = try #require(lines.first { $0.contains("ask how to follow up") })
        #expect(checklist.contains("= Tue 1 Dec 2026 20:00"))
        // The agenda has said so all along.
        let agenda = try FollowUpBinary.run(["agenda", "--store", store.path, "--days", "30"], now: "1795000000",
                                            environment: ["TZ": "Europe/Lisbon"])
        #expect(agenda.stdout.contains("= Tue 1 Dec 2026 20:00"))
    }
}

/// After `cancel`, the one-off files `plan` wrote for the interview, which a calendar imported,
/// are written again with its open follow-ups cancelled (issue 24).
@Suite(.serialized)
struct EndedInterviewFileTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")
    let lee = FollowUpBinary.sample("lee-chen.vcf")
    /// 18 November 2026: the interview on 1 December is ahead, so `plan` writes its checklist.
    let beforeInterview = "1795000000"

    @Test func cancelOutCancelsEveryEntryPlanWroteButTheDoneOnes() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let out = folder.appendingPathComponent("calendar")
        let store = NewUserTests.Store(folder: folder)
        let interview = ["--card", dana, "--card", lee, "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--role", "Backend Engineer"]
        #expect(try FollowUpBinary.run(["plan"] + interview + ["--out", out.path], now: beforeInterview).status == 0)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".events.ics") })
        let eventsURL = out.appendingPathComponent(name)
        let imported = try String(contentsOf: eventsURL, encoding: .utf8)
        let id = try store.add(interview, now: beforeInterview)
        let list = try store.run(["list"], now: beforeInterview).stdout
        let checklist = try #require(list.split(separator: "\n").first { $0.contains("ask how to follow up") })
        #expect(try store.run(["done", String(checklist.split(separator: " ")[0])], now: "1796169600").status == 0)

        let cancelled = try store.run(["cancel", id, "--reason", "offer", "--out", out.path], now: "1796256000")
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("wrote \(eventsURL.path)"))
        let rewritten = try String(contentsOf: eventsURL, encoding: .utf8)
        let before = CalendarText.sequences(in: imported), after = CalendarText.sequences(in: rewritten)
        // The same entries (UIDs) as the imported file, each a newer version, so an import takes it.
        #expect(Set(after.keys) == Set(before.keys))
        for (uid, sequence) in before { #expect(after[uid]! > sequence, "\(uid)") }
        let events = rewritten.components(separatedBy: "BEGIN:VEVENT").dropFirst()
        #expect(events.count == before.count)
        // The checklist was done: it stays, as done; every other entry is cancelled, with no alarm.
        #expect(events.filter { $0.contains("STATUS:CANCELLED") }.count == before.count - 1)
        #expect(events.filter { $0.contains("SUMMARY:Done: At the interview") }.count == 1)
        #expect(!events.contains { $0.contains("STATUS:CANCELLED") && $0.contains("BEGIN:VALARM") })
        let tasks = try String(contentsOf: out.appendingPathComponent(name.replacingOccurrences(of: ".events.", with: ".tasks.")),
                               encoding: .utf8)
        #expect(tasks.components(separatedBy: "STATUS:CANCELLED").count - 1 == before.count - 1)
    }
}
