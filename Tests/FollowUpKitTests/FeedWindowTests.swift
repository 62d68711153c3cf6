import Foundation
import Testing
import FollowUpPlanning
@testable import FollowUpKit

/// The feed holds open follow-ups and recently done ones; older ones stay in the store.
struct FeedWindowTests {
    let start = Date(timeIntervalSince1970: 1_793_491_200) // 2026-11-01 00:00 UTC
    let day: TimeInterval = 86_400

    func uids(_ fixture: JobSearchFixture) throws -> Set<String> {
        let events = String(decoding: try JobSearchFixture.files(fixture.feed)[0], as: UTF8.self)
        return Set(events.split(separator: "\r\n").filter { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) })
    }

    /// An interview on 2026-11-03 whose thank-you (due 2026-11-04) is done.
    func searchWithADoneFollowUp() throws -> (JobSearchFixture, done: String, open: [String]) {
        let fixture = try JobSearchFixture()
        try fixture.importCSV(JobSearchFixture.header + "Acme,Engineer,2026-11-03,14:00,UTC,Dana Diaz,dana@acme.example,,,,,,\n", now: start)
        _ = try fixture.search.writeFeed(to: fixture.feed, now: start)
        let followUps = try #require(fixture.search.interviews(includingEnded: false).first?.followUps)
        let thankYou = try #require(followUps.first { $0.action == .thankYouEmail })
        _ = try fixture.search.done(thankYou.id, now: start.addingTimeInterval(3 * day))
        return (fixture, thankYou.id, followUps.filter { $0.id != thankYou.id }.map(\.id))
    }

    @Test func doneFollowUpsLeaveTheFeedThirtyDaysAfterTheyWereDue() throws {
        let (fixture, done, open) = try searchWithADoneFollowUp()
        #expect(try uids(fixture).contains("\(done)-event@followup"))
        // 2026-12-04 is 30 days after the thank-you was due: still in; a day later, gone.
        _ = try fixture.search.writeFeed(to: nil, now: start.addingTimeInterval(33 * day))
        #expect(try uids(fixture).contains("\(done)-event@followup"))
        _ = try fixture.search.writeFeed(to: nil, now: start.addingTimeInterval(34 * day))
        #expect(try !uids(fixture).contains("\(done)-event@followup"))
        // Open follow-ups stay however old; the done one is still stored and listed.
        #expect(try uids(fixture).isSuperset(of: open.map { "\($0)-event@followup" }))
        let listed = try fixture.search.interviews(includingEnded: true).flatMap(\.followUps)
        #expect(listed.contains { $0.id == done && $0.status != .planned })
    }

    @Test func keepDaysIsRememberedAndChangesTheWindow() throws {
        let (fixture, done, _) = try searchWithADoneFollowUp()
        _ = try fixture.search.writeFeed(to: nil, keepDays: 2, now: start.addingTimeInterval(7 * day))
        #expect(try !uids(fixture).contains("\(done)-event@followup"))
        #expect(try fixture.search.store.setting(JobSearch.feedKeepDaysKey) == "2")
        // A later change writes the feed with the remembered window, and agrees with a full one.
        let later = start.addingTimeInterval(8 * day)
        _ = try fixture.search.writeFeed(to: nil, keepDays: 60, now: later)
        #expect(try uids(fixture).contains("\(done)-event@followup"))
        let full = fixture.scratch.url("full")
        try fixture.search.writeFullFeed(into: full, now: later)
        #expect(try JobSearchFixture.files(fixture.feed) == JobSearchFixture.files(full))
    }

    @Test func aNegativeKeepDaysIsRefused() throws {
        let fixture = try JobSearchFixture()
        #expect(throws: FollowUpError.self) { _ = try fixture.search.writeFeed(to: fixture.feed, keepDays: -1, now: start) }
    }

    @Test func cancelledFollowUpsAreNeverInTheFeed() throws {
        let (fixture, _, open) = try searchWithADoneFollowUp()
        let id = try #require(fixture.search.interviews(includingEnded: false).first?.id)
        _ = try fixture.search.cancel(id, outcome: .rejected, now: start.addingTimeInterval(4 * day))
        #expect(try uids(fixture).isDisjoint(with: open.map { "\($0)-event@followup" }))
    }
}
