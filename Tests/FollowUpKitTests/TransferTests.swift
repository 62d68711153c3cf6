import Foundation
import Testing
import FollowUpPlanning
import FollowUpStore
@testable import FollowUpKit

/// `followup export --json` and `import FILE.json`: the whole store to another computer.
struct TransferTests {
    let start = Date(timeIntervalSince1970: 1_793_491_200) // 2026-11-01 00:00 UTC

    /// A store with open, done, ended and removed interviews, a feed, and a kept-days setting.
    func busySearch() throws -> JobSearchFixture {
        let fixture = try JobSearchFixture()
        _ = try fixture.search.writeFeed(to: fixture.feed, keepDays: 45, now: start)
        try fixture.importCSV(JobSearchFixture.header + """
            "Acme, Inc.",Engineer,2026-11-03,14:00,America/Chicago,Dana Díaz,dana@acme.example,+1 312 555 0142,CTO,2026-11-20,,phone,
            "Acme, Inc.",Engineer,2026-11-03,14:00,America/Chicago,Lee Chen,lee@acme.example,,,,,,
            Beta,PM,2026-10-01,09:30,Europe/Berlin,Sam Roe,sam@beta.example,,,,,,rejected
            Gamma,SRE,2026-11-05,10:00,Asia/Kolkata,Ravi Iyer,ravi@gamma.example,,,,,,
            Delta,QA,2026-11-06,11:00,UTC,Ann Lee,ann@delta.example,,,,,,

            """, now: start)
        let acme = try #require(fixture.search.interviews(includingEnded: false).first { $0.interview.company == "Acme, Inc." })
        _ = try fixture.search.done(acme.followUps[0].id, now: start.addingTimeInterval(4 * 86_400))
        var edit = InterviewEdit()
        edit.talkingPoints = ["the on-call rota"]
        let gamma = try #require(fixture.search.interviews(includingEnded: false).first { $0.interview.company == "Gamma" })
        _ = try fixture.search.edit(gamma.id, edit, now: start.addingTimeInterval(5 * 86_400))
        let delta = try #require(fixture.search.interviews(includingEnded: false).first { $0.interview.company == "Delta" })
        try fixture.search.remove(delta.id, now: start.addingTimeInterval(6 * 86_400))
        return fixture
    }

    @Test func exportThenImportIntoAnEmptyStoreGivesTheSameList() throws {
        let fixture = try busySearch()
        let path = try fixture.scratch.file("backup.json", fixture.search.exportJSON())
        let other = try fixture.otherStore()
        let summary = try other.importFile(path, now: start.addingTimeInterval(10 * 86_400))
        #expect(summary.added.count == 3)
        let original = try fixture.search.interviews(includingEnded: true)
        let copy = try other.interviews(includingEnded: true)
        #expect(try StoreReport.json(copy) == StoreReport.json(original))
        #expect(copy == original)
        for stored in original {
            #expect(try other.store.history(of: stored.id) == fixture.search.store.history(of: stored.id))
        }
        // The kept-days setting moves; the feed's folder and its secret token do not.
        #expect(try other.store.setting(JobSearch.feedKeepDaysKey) == "45")
        #expect(try other.feedDirectory() == nil)
        // And the same export comes out of the copy.
        #expect(try other.exportJSON() == fixture.search.exportJSON())
    }

    @Test func theProfileAndEachInterviewsFormTravelWithTheExport() throws {
        let fixture = try busySearch()
        let profile = try fixture.search.setProfile(ProfileInput(name: "Alex Kim", emailAddresses: ["alex@example.com"],
                                                                 signature: "Alex Kim\nStaff Engineer"),
                                                    now: start.addingTimeInterval(7 * 86_400))
        let acme = try #require(fixture.search.interviews(includingEnded: false).first { $0.interview.company == "Acme, Inc." })
        var edit = InterviewEdit()
        edit.format = "video"
        _ = try fixture.search.edit(acme.id, edit, now: start.addingTimeInterval(8 * 86_400))
        let path = try fixture.scratch.file("backup.json", fixture.search.exportJSON())
        let other = try fixture.otherStore()
        _ = try other.importFile(path, now: start.addingTimeInterval(10 * 86_400))
        #expect(try other.profile() == profile)
        #expect(try other.interview(acme.id).interview.format == .video)
        #expect(try other.interviews(includingEnded: true) == fixture.search.interviews(includingEnded: true))
    }

    @Test func theCopysFeedIsTheOriginalsFeed() throws {
        let fixture = try busySearch()
        let path = try fixture.scratch.file("backup.json", fixture.search.exportJSON())
        let other = try fixture.otherStore()
        let now = start.addingTimeInterval(10 * 86_400)
        _ = try other.importFile(path, now: now)
        let copyFeed = fixture.scratch.url("copy-feed")
        _ = try other.writeFeed(to: copyFeed, now: now)
        _ = try fixture.search.writeFeed(to: nil, now: now)
        #expect(try JobSearchFixture.files(copyFeed) == JobSearchFixture.files(fixture.feed))
    }

    @Test func importingAnExportTwiceAddsNothingTwice() throws {
        let fixture = try busySearch()
        let path = try fixture.scratch.file("backup.json", fixture.search.exportJSON())
        let summary = try fixture.search.importFile(path, now: start)
        #expect(summary.added.isEmpty)
        #expect(summary.alreadyStored.count == 3)
        #expect(try fixture.search.interviews(includingEnded: true).count == 3)
    }

    func importError(_ json: String) throws -> String {
        let fixture = try JobSearchFixture()
        let path = try fixture.scratch.file("bad.json", Array(json.utf8))
        do {
            _ = try fixture.search.importFile(path, now: start)
            Issue.record("the import should have failed")
        } catch {
            #expect(try fixture.search.interviews(includingEnded: true).isEmpty)
            return error.description
        }
        return ""
    }

    @Test func aNewerOrForeignOrBrokenExportIsRefusedAndNothingImported() throws {
        #expect(try importError(#"{"format":"followup-store","version":99,"interviews":[],"removedInterviewHistory":[],"settings":{}}"#)
            .contains("version 99, written by a newer followup"))
        #expect(try importError(#"{"format":"something-else","version":1,"interviews":[],"removedInterviewHistory":[],"settings":{}}"#)
            .contains("its format is 'something-else'"))
        #expect(try importError(#"{"format":"followup-store","version":1,"interviews":[{"id":"abc"}],"removedInterviewHistory":[],"settings":{}}"#)
            .contains("interviews[0]"))
        #expect(try importError("not json").contains("it is not JSON"))
    }

    @Test func anExportNamingAnUnknownZoneImportsNothing() throws {
        let fixture = try busySearch()
        let text = String(decoding: try fixture.search.exportJSON(), as: UTF8.self)
            .replacingOccurrences(of: "\"Asia/Kolkata\"", with: "\"Mars/Olympus_Mons\"")
        let message = try importError(text)
        #expect(message.contains("Mars/Olympus_Mons"))
        #expect(message.contains("nothing was imported"))
    }
}
