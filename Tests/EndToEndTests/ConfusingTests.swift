import Foundation
import Testing

/// What confused a new user (issue 14), run through the binary.
@Suite(.serialized)
struct ConfusingTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")
    let lee = FollowUpBinary.sample("lee-chen.vcf")
    let priya = FollowUpBinary.sample("priya-raman.vcf")

    func store() throws -> NewUserTests.Store { NewUserTests.Store(folder: try FollowUpBinary.temporaryDirectory()) }

    /// The draft text of a stored interview's thank-you, from the feed.
    func feedEvents(_ store: NewUserTests.Store) throws -> String {
        let feed = store.folder.appendingPathComponent("feed")
        #expect(try store.run(["feed", "--out", feed.path]).status == 0)
        return try String(contentsOf: feed.appendingPathComponent("events.ics"), encoding: .utf8)
            .replacingOccurrences(of: "\r\n ", with: "")
    }

    // MARK: The store

    @Test func listAfterTheOnlyInterviewEndedSaysSoAndNamesTheStore() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        #expect(try store.run(["cancel", id, "--reason", "rejected"]).status == 0)
        let list = try store.run(["list"])
        #expect(list.stdout.contains("no open interviews in \(store.path); it holds 1 interview that ended: 'followup list --all' shows it"))
    }

    @Test func commandsThatDoNotStoreNeverCreateAStore() throws {
        let folder = try FollowUpBinary.temporaryDirectory().appendingPathComponent("mistyped")
        let path = folder.appendingPathComponent("store.sqlite").path
        for command in [["list"], ["agenda"], ["done", "abcdef12"], ["edit", "abc123", "--role", "X"], ["cancel", "abc123", "--reason", "offer"],
                        ["remove", "abc123"]] {
            let result = try FollowUpBinary.run([command[0], "--store", path] + command.dropFirst())
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("no store at '\(path)'"), "\(command): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    // MARK: Clearing, undoing, replacing

    @Test func noneClearsATalkingPointAsItClearsEveryOption() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago",
                                "--talking-point", "the robot fleet rollout", "--call-at", "11:00"])
        #expect(try feedEvents(store).contains("our conversation about the robot fleet rollout"))
        let cleared = try store.run(["edit", id, "--talking-point", "none", "--call-at", "none"])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        let events = try feedEvents(store)
        #expect(!events.contains("conversation about"))
        #expect(events.contains("DTSTART;TZID=America/Chicago:20261207T100000"))
        let plan = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago",
                                           "--talking-point", "none"])
        #expect(plan.status == 0)
    }

    @Test func doneCanBeTakenBack() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        #expect(try store.run(["done", id, "--step", "thank-you"]).status == 0)
        let undo = try store.run(["done", id, "--step", "thank-you", "--undo"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("planned again: Thank-you e-mail to Dana Díaz"))
        let followUps = try #require(store.json()[0]["followUps"] as? [[String: Any]])
        #expect(followUps.allSatisfy { $0["status"] as? String == "planned" })
    }

    @Test func aCardWithTheSameAddressReplacesTheStoredOneAndCardsCanBeRemoved() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--card", lee, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        let replaced = try store.run(["edit", id, "--add-card", NewUserTests.card("dana-diaz-updated.vcf")])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try store.json()[0]["interviewers"] as? [String] == ["Dana Díaz", "Lee Chen"])
        #expect(try feedEvents(store).contains("Title: Director of Platform Engineering"))
        #expect(try store.run(["edit", id, "--remove-card", "lee.chen@acme.example"]).status == 0)
        #expect(try store.json()[0]["interviewers"] as? [String] == ["Dana Díaz"])
    }

    @Test func editWithoutOptionsChangesNothingAndSaysSo() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        let edit = try store.run(["edit", id])
        #expect(edit.status == 1)
        #expect(edit.stderr.contains("nothing to change"))
        #expect(!edit.stdout.contains("updated interview"))
    }

    // MARK: Names and options

    @Test func anAmbiguousPrimaryIsAnErrorListingTheMatches() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--card", lee, "--card", priya,
                                             "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--primary", "a"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "'a' matches several interviewers: Dana Díaz <dana.diaz@acme.example>, Priya Raman <priya.raman@acme.example>"))
    }

    /// `main()` answers a word that is no command itself, before ArgumentParser parses.
    @Test func aMistypedCommandGetsASuggestion() throws {
        let result = try FollowUpBinary.run(["agnda"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown command 'agnda'; did you mean 'agenda'?"))
        #expect(result.stdout.isEmpty)
    }

    /// The process's side of a usage error ArgumentParser reports (every other one is checked
    /// in-process, in FollowUpCLITests): standard error, status 64.
    @Test func aMistypedOptionIsNamed() throws {
        let result = try FollowUpBinary.run(["plan", "--cards", dana, "--at", "2026-12-01 14:00"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--cards"), "\(result.stderr)")
        #expect(!result.stderr.contains("give at least one --card"))
    }

    @Test func oneTalkingPointGivesOneWarningPerRule() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago",
                                             "--talking-point", "I really need this job"])
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("the talking point") }
        #expect(warnings.count == 1, "\(result.stderr)")
        #expect(warnings.first?.hasPrefix("followup: warning: ") == true)
    }

    @Test func phonesReadTheSameWhateverTheCardWrote() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", priya, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        #expect(result.stdout.contains("phone +1 212 555 0123"))
        #expect(!result.stdout.contains("tel:+1-212"))
    }

    @Test(arguments: [("photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46], "a JPEG image"),
                      ("scan.pdf", Array("%PDF-1.7\n".utf8), "a PDF document"),
                      ("card.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG image")])
    func aPictureGivenAsACardSaysToExportAVCard(name: String, bytes: [UInt8], kind: String) throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let path = folder.appendingPathComponent(name).path
        try Data(bytes + Array(repeating: 0x80, count: 64)).write(to: URL(fileURLWithPath: path))
        for command in [["plan", "--dry-run", "--card", path, "--at", "2026-12-01 14:00", "--tz", "UTC"], ["card", path]] {
            let result = try FollowUpBinary.run(command)
            #expect(result.status == 1)
            #expect(result.stderr.contains("'\(path)' is \(kind), not a vCard: export the contact as a .vcf file"), "\(result.stderr)")
            #expect(!result.stderr.contains("\\u{"))
        }
    }

    @Test func aVeryLongTalkingPointIsRefused() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--out", out.path,
                                             "--talking-point", String(repeating: "x", count: 116_000)])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--talking-point is 116000 characters long; at most 2000"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func anInterviewYearsAgoGetsAWarning() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--at", "2023-12-01 14:00", "--tz", "America/Chicago"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: the interview on 2023-12-01 was 1096 days ago"))
    }
}
