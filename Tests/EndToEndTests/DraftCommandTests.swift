import Foundation
import Testing

/// The profile and the `.eml` drafts through the binary: `followup profile`, `plan --drafts`,
/// `followup draft`. Every test has its own store, named by `FOLLOWUP_STORE` as a user would.
@Suite(.serialized)
struct DraftCommandTests {
    let cards = ["--card", FollowUpBinary.sample("dana-diaz.vcf"), "--card", FollowUpBinary.sample("lee-chen.vcf")]
    let interview = ["--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--company", "Acme Robotics", "--role", "Backend Engineer"]

    struct Setup {
        var folder: URL
        var store: URL { folder.appendingPathComponent("data/followup.sqlite") }

        func run(_ arguments: [String]) throws -> FollowUpBinary.Outcome {
            try FollowUpBinary.run(arguments, in: folder, environment: ["FOLLOWUP_STORE": store.path])
        }

        func text(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
    }

    func setup() throws -> Setup { Setup(folder: try FollowUpBinary.temporaryDirectory()) }

    func setProfile(_ setup: Setup) throws {
        let result = try setup.run(["profile", "--name", "Alex Kim", "--email", "alex@example.com", "--phone", "+1 312 555 0199"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func profileIsShownAfterItIsSet() throws {
        let setup = try setup()
        let before = try setup.run(["profile"])
        #expect(before.stdout.hasPrefix("no profile yet"), "\(before.stdout)")
        try setProfile(setup)
        let shown = try setup.run(["profile"])
        #expect(shown.stdout.contains("name:      Alex Kim\ne-mail:    alex@example.com\nphone:     +1 312 555 0199"), "\(shown.stdout)")
        let signed = try setup.run(["profile", "--signature", "Alex Kim\nStaff Engineer"])
        #expect(signed.stdout.contains("name:      Alex Kim"))
        #expect(signed.stdout.contains("signature:\n  Alex Kim\n  Staff Engineer"))
    }

    @Test func profileRefusesAnAddressWithoutAnAt() throws {
        let setup = try setup()
        let result = try setup.run(["profile", "--email", "alex.example.com"])
        #expect(result.status == 1)
        #expect(result.stderr == "followup: error: cannot read --email 'alex.example.com': expected an e-mail address such as you@example.com\n")
    }

    @Test func planWithoutAProfileSaysOnceHowToAddOneAndCreatesNoStore() throws {
        let setup = try setup()
        let result = try setup.run(["plan"] + cards + interview + ["--out", "calendar"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "followup profile --name").count == 2, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: setup.store.path))
        #expect(!FileManager.default.fileExists(atPath: setup.store.deletingLastPathComponent().path))
    }

    @Test func planSignsItsDraftsWithTheStoredProfile() throws {
        let setup = try setup()
        try setProfile(setup)
        let result = try setup.run(["plan"] + cards + interview + ["--out", "calendar"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("followup profile"), "\(result.stderr)")
        let events = try setup.text("calendar/2026-12-01-acme-robotics-backend-engineer.events.ics")
        let unfolded = events.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("Best regards\\,\\nAlex Kim\\n+1 312 555 0199"))
        #expect(unfolded.contains("Hello Dana\\, this is Alex Kim."))
    }

    @Test func planDraftsWritesOneEmlPerEmail() throws {
        let setup = try setup()
        try setProfile(setup)
        let result = try setup.run(["plan"] + cards + interview + ["--prefer", "email", "--out", "calendar", "--drafts", "drafts"])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: setup.folder.appendingPathComponent("drafts").path).sorted()
        #expect(names == [
            "2026-12-01-acme-robotics-backend-engineer.check-in-dana-diaz.eml",
            "2026-12-01-acme-robotics-backend-engineer.thank-you-dana-diaz.eml",
            "2026-12-01-acme-robotics-backend-engineer.thank-you-lee-chen.eml",
        ])
        for name in names { #expect(result.stdout.contains("wrote drafts/\(name)") || result.stdout.contains("/drafts/\(name)"), "\(result.stdout)") }
        let message = try setup.text("drafts/" + names[1])
        #expect(message.contains("From: Alex Kim <alex@example.com>\r\n"))
        #expect(message.contains("To: =?UTF-8?Q?Dana_D=C3=ADaz?= <dana.diaz@acme.example>\r\n"))
        #expect(message.contains("Subject: Thank you: Backend Engineer interview\r\n"))
        #expect(message.contains("X-Unsent: 1\r\n"))
    }

    @Test func panelOfTwoWithOneTalkingPointEachGetsPersonalDrafts() throws {
        let setup = try setup()
        let result = try setup.run(["plan"] + cards + interview + [
            "--talking-point", "dana=the robot fleet rollout", "--talking-point", "lee=the on-call rotation",
            "--out", "calendar", "--drafts", "drafts",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("same apart from the name"), "\(result.stderr)")
        let dana = try setup.text("drafts/2026-12-01-acme-robotics-backend-engineer.thank-you-dana-diaz.eml")
        let lee = try setup.text("drafts/2026-12-01-acme-robotics-backend-engineer.thank-you-lee-chen.eml")
        #expect(dana.contains("robot fleet rollout") && !dana.contains("on-call"))
        #expect(lee.contains("on-call rotation") && !lee.contains("robot fleet"))
    }

    @Test func sameDraftsForTwoInterviewersAreNoticed() throws {
        let setup = try setup()
        let result = try setup.run(["plan"] + cards + interview + ["--talking-point", "the robot fleet rollout", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(
            "note: the thank-you drafts to Dana Díaz and Lee Chen are the same apart from the name; "
                + "make each personal with --talking-point \"dana=what you discussed\" --talking-point \"lee=what you discussed\""),
            "\(result.stderr)")
    }

    @Test func draftOfAStoredFollowUpGoesToStandardOutputOrAFile() throws {
        let setup = try setup()
        try setProfile(setup)
        #expect(try setup.run(["add"] + cards + interview).status == 0)
        let list = try setup.run(["list", "--json"])
        let interviews = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let followUps = try #require(interviews.first?["followUps"] as? [[String: Any]])
        let thankYou = try #require(followUps.first { $0["action"] as? String == "thank-you e-mail" }?["id"] as? String)
        let call = try #require(followUps.first { $0["action"] as? String == "check-in call" }?["id"] as? String)

        let printed = try setup.run(["draft", thankYou])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.hasPrefix("From: Alex Kim <alex@example.com>\r\n"))
        let written = try setup.run(["draft", thankYou, "--out", "mail/thank-you.eml"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try setup.text("mail/thank-you.eml") == printed.stdout)

        let refused = try setup.run(["draft", call])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not an e-mail: only e-mails have .eml drafts"), "\(refused.stderr)")
    }

    @Test func settingTheProfileSignsStoredDrafts() throws {
        let setup = try setup()
        #expect(try setup.run(["add"] + cards + interview).status == 0)
        try setProfile(setup)
        let list = try setup.run(["list", "--json"])
        let interviews = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let followUps = try #require(interviews.first?["followUps"] as? [[String: Any]])
        let thankYou = try #require(followUps.first { $0["action"] as? String == "thank-you e-mail" }?["id"] as? String)
        let printed = try setup.run(["draft", thankYou])
        #expect(printed.stdout.contains("Best regards,\r\nAlex Kim\r\n+1 312 555 0199\r\n"), "\(printed.stdout)")
    }

    @Test func videoInterviewIsSpeakingWithMeAndItsChecklistAsksForEmailAddresses() throws {
        let setup = try setup()
        // 18 November 2026: before the interview, so the plan starts with the checklist.
        let result = try FollowUpBinary.run(["plan"] + cards + interview + ["--format", "video", "--out", "calendar"], in: setup.folder,
                                            now: "1795000000", environment: ["FOLLOWUP_STORE": setup.store.path])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try setup.text("calendar/2026-12-01-acme-robotics-backend-engineer.events.ics").replacingOccurrences(of: "\r\n ", with: "")
        #expect(events.contains("Thank you for speaking with me on Tuesday\\, 1 December about"))
        #expect(events.contains("Ask each interviewer for their e-mail address"))
        #expect(!events.contains("business card"))
    }

    @Test func unknownFormatIsRefusedWithTheThreeThatExist() throws {
        let setup = try setup()
        let bad = try setup.run(["plan"] + cards + interview + ["--format", "carrier-pigeon"])
        // A mistake in the command line (issue 24): exit 64, with plan's usage.
        #expect(bad.status == 64)
        #expect(bad.stderr.hasPrefix("Error: cannot read --format 'carrier-pigeon': expected onsite, phone or video\nUsage: followup plan "))
    }
}
