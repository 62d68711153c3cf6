import Foundation
import GRDB
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// Where a store lives: on any GRDB writer the caller opens (a queue in memory), or on a file
/// that several stores (processes) share.
final class StoreOpeningTests {
    let now = Date(timeIntervalSince1970: 1_796_169_600)  // 2026-12-02, after the interview
    let scratch: ScratchFolder

    init() throws { scratch = try ScratchFolder() }
    deinit { scratch.remove() }

    func interview() -> Interview {
        .on(role: "Engineer", interviewers: [.danaByAddress])
    }

    @Test func aStoreInMemoryAddsListsAndMarksDoneWithNoFile() throws {
        let store = try InterviewStore(DatabaseQueue())
        let added = try store.add(interview(), settings: .init(), now: now)
        #expect(try store.interviews().map(\.id) == [added.id])
        let thankYou = try #require(added.followUps.first { $0.action == .thankYouEmail })
        let marked = try store.markDone(thankYou.id, at: now)
        #expect(marked.map(\.id) == [thankYou.id])
        #expect(try store.interview(added.id).followUps.first { $0.id == thankYou.id }?.status == .done(on: now))
        #expect(try store.history(of: added.id).map(\.event) == ["added", "done: \(thankYou.summary)"])
        #expect(store.path.lastPathComponent == ":memory:")
    }

    @Test func aChangeInMemoryRunsItsHookAndRollsBackWithIt() throws {
        struct FeedBroke: Error {}
        let store = try InterviewStore(DatabaseQueue())
        var pending = 0
        let added = try store.add(interview(), settings: .init(), now: now) { snapshot in pending = try snapshot.pendingFeedComponentCount() }
        #expect(pending == added.followUps.count)
        #expect(throws: StoreError.self) { try store.remove(added.id, at: now) { _ in throw FeedBroke() } }
        #expect(try store.interviewCount() == 1)
    }

    @Test func aStoreOnTheCallersPoolIsMigratedAndKeepsTheFile() throws {
        let path = scratch.url.appendingPathComponent("pool.sqlite")
        let store = try InterviewStore(DatabasePool(path: path.path))
        let added = try store.add(interview(), settings: .init(), now: now)
        #expect(store.path.path == path.path)
        #expect(try InterviewStore(path: path).interview(added.id) == added)
    }

    @Test func twoStoresOverOneFileSeeEachOthersChanges() throws {
        let path = scratch.url.appendingPathComponent("shared.sqlite")
        let first = try InterviewStore(path: path)
        let second = try InterviewStore(path: path)
        let added = try first.add(interview(), settings: .init(), now: now)
        #expect(try second.interviews().map(\.id) == [added.id])
        let thankYou = try #require(added.followUps.first { $0.action == .thankYouEmail })
        try second.markDone(thankYou.id, at: now)
        #expect(try first.interview(added.id).followUps.first { $0.id == thankYou.id }?.status == .done(on: now))
        try second.setSetting("feed.keepDays", "7")
        #expect(try first.setting("feed.keepDays") == "7")
        // The second one's duplicate check sees what the first one stored.
        #expect(throws: StoreError.self) { try second.add(interview(), settings: .init(), now: now) }
    }
}
