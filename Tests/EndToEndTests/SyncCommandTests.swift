import Foundation
import Testing
import VCardKit

/// `followup contacts export` and `followup remote`, run through the binary. The sync itself
/// runs against real servers in the interop suite (Tests/Interop/test_sync.py).
@Suite(.serialized)
struct SyncCommandTests {
    struct Setup {
        var folder: URL
        var store: String { folder.appendingPathComponent("store.sqlite").path }

        func run(_ arguments: [String]) throws -> FollowUpBinary.Outcome {
            try FollowUpBinary.run(arguments + ["--store", store])
        }

        func addSampleInterviews() throws {
            for (at, company, cards) in [("2026-12-01 14:00", "Acme Robotics", ["dana-diaz.vcf", "lee-chen.vcf"]),
                                         ("2026-12-08 10:00", "Acme Robotics", ["dana-diaz.vcf"])] {
                let result = try run(["add", "--at", at, "--tz", "America/Chicago", "--company", company, "--role", "Backend Engineer"]
                                     + cards.flatMap { ["--card", FollowUpBinary.sample($0)] })
                #expect(result.status == 0, "\(result.stderr)")
            }
        }
    }

    func setup() throws -> Setup { Setup(folder: try FollowUpBinary.temporaryDirectory()) }

    @Test func contactsExportWritesOneCardPerPersonWithEveryInterview() throws {
        let setup = try setup()
        try setup.addSampleInterviews()
        let out = setup.folder.appendingPathComponent("contacts/interviewers.vcf")
        let result = try setup.run(["contacts", "export", "--vcard-version", "4.0", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote 2 contacts"))
        let cards = try VCardParser().parse(contentsOfFile: out.path)
        #expect(cards.map(\.formattedName) == ["Dana Díaz", "Lee Chen"])
        #expect(cards.allSatisfy { $0.version == "4.0" })
        let note = try #require(cards[0].note)
        #expect(note.components(separatedBy: "\n").filter { $0.hasPrefix("- ") }.count == 2)
    }

    @Test func contactsExportGoesToStandardOutputInVCard3ByDefault() throws {
        let setup = try setup()
        try setup.addSampleInterviews()
        let result = try setup.run(["contacts", "export"])
        #expect(result.status == 0, "\(result.stderr)")
        let cards = try VCardParser().parse(result.stdout)
        #expect(cards.count == 2)
        #expect(cards.allSatisfy { $0.version == "3.0" && $0.properties(named: "CATEGORIES").first?.text == "Interviewer" })
    }

    @Test func remotesAreAddedListedAndRemovedWithoutAPassword() throws {
        let setup = try setup()
        let passwordFile = setup.folder.appendingPathComponent("password").path
        try Data("hunter2-secret\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        chmod(passwordFile, 0o600)
        let added = try setup.run(["remote", "add", "home", "https://dav.example/dav/", "--user", "dana", "--password-file", passwordFile])
        #expect(added.status == 0, "\(added.stderr)")
        let listed = try setup.run(["remote", "list"])
        #expect(listed.stdout.contains("home\thttps://dav.example/dav/\tuser dana"))
        let storeBytes = try Data(contentsOf: URL(fileURLWithPath: setup.store))
        #expect(storeBytes.range(of: Data("hunter2-secret".utf8)) == nil)
        #expect(try setup.run(["remote", "add", "home", "https://dav.example/"]).status != 0)
        #expect(try setup.run(["remote", "remove", "home"]).status == 0)
        #expect(try setup.run(["remote", "list"]).stdout.contains("no remote yet"))
        let again = try setup.run(["remote", "remove", "home"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("no remote named 'home'"))
    }

    @Test func aPasswordFileOthersCanReadIsRefusedAndNothingIsStored() throws {
        let setup = try setup()
        let passwordFile = setup.folder.appendingPathComponent("password").path
        try Data("hunter2-secret\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        chmod(passwordFile, 0o644)
        let result = try setup.run(["remote", "add", "home", "https://dav.example/", "--password-file", passwordFile])
        #expect(result.status != 0)
        #expect(result.stderr.contains("chmod 600"))
        #expect(!result.stderr.contains("hunter2"))
        #expect(try setup.run(["remote", "list"]).stdout.contains("no remote yet"))
    }

    @Test func aURLThatIsNotHTTPIsRefused() throws {
        let result = try setup().run(["remote", "add", "home", "ftp://dav.example/"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not an http:// or https:// URL"))
    }

    @Test func plainHTTPToAnotherMachineIsRefusedUnlessAllowedAndThenWarned() throws {
        let setup = try setup()
        let refused = try setup.run(["remote", "add", "home", "http://dav.example/"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("plain http:// to another machine"))
        #expect(refused.stderr.contains("--allow-http"))
        #expect(try setup.run(["remote", "list"]).stdout.contains("no remote yet"))
        let allowed = try setup.run(["remote", "add", "home", "http://dav.example/", "--allow-http"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("warning: http://dav.example/ is plain http:// to another machine"))
    }

    @Test(arguments: ["http://127.0.0.1:5232/", "http://127.9.8.7/", "http://[::1]:5232/", "http://localhost:5232/"])
    func plainHTTPToThisMachineIsAcceptedWithoutAWarning(url: String) throws {
        let result = try setup().run(["remote", "add", "local", url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    @Test func syncWithoutARemoteSaysHowToAddOne() throws {
        let result = try setup().run(["sync"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("followup remote add"))
    }

    @Test func anUnreachableServerIsAClearErrorNamingTheRemote() throws {
        let setup = try setup()
        #expect(try setup.run(["remote", "add", "gone", "http://127.0.0.1:9/"]).status == 0)
        let result = try setup.run(["sync", "gone"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("remote 'gone': cannot reach http://127.0.0.1:9/"))
    }
}
