import Foundation
import Testing

/// Failures say what really happened: the path and the system's reason, not a guess.
struct ErrorMessageTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")

    @Test func feedFolderThatCannotBeCreatedNamesItAndTheReason() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let store = folder.appendingPathComponent("store.sqlite").path
        // A plain file where the feed folder's parent should be.
        let blocker = folder.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("feed").path

        let result = try FollowUpBinary.run(["feed", "--store", store, "--out", target])
        #expect(result.status == 1)
        #expect(result.stderr == "followup: error: cannot create the folder '\(target)': Not a directory\n")
        #expect(!result.stderr.contains("damaged"))
    }

    @Test func planFolderThatCannotBeCreatedNamesItAndTheReason() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let blocker = folder.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("out").path

        let result = try FollowUpBinary.run(["plan", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--out", target])
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("followup: error: cannot create the folder '\(target)': Not a directory\n"))
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func serverConfigurationErrorIsReportedAsItself() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let store = folder.appendingPathComponent("store.sqlite").path
        let feed = try FollowUpBinary.run(["feed", "--store", store, "--out", folder.appendingPathComponent("feed").path])
        #expect(feed.status == 0, "\(feed.stderr)")

        let result = try FollowUpBinary.run(["serve", "--store", store, "--port", "70000"])
        #expect(result.status == 1)
        #expect(result.stderr == "followup: error: port 70000 is not between 0 and 65535\n")
    }
}
