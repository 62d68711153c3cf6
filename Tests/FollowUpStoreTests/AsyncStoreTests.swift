import Foundation
import GRDB
import Synchronization
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// The store as the sync uses it from async code (`store.async`): the same transactions, hooks
/// and errors as the synchronous methods, awaited.
struct AsyncStoreTests {
    let now = Date(timeIntervalSince1970: 1_796_169_600)  // 2026-12-02, after the interview

    func interview() -> Interview {
        .on(role: "Engineer", interviewers: [.danaByAddress, .lee])
    }

    @Test func awaitedChangesAreThoseOfTheSynchronousMethods() async throws {
        let store = try InterviewStore(DatabaseQueue())
        let added = try store.add(interview(), settings: .init(), now: now)
        // Two thank-yous and a check-in: one of them is marked done, one moved, one dismissed.
        try #require(added.followUps.count == 3)
        let (thankYou, other, checkIn) = (added.followUps[0], added.followUps[1], added.followUps[2])

        #expect(try await store.async.markDone(thankYou.id, at: now).map(\.id) == [thankYou.id])
        let day = CalendarDay(iso: "2026-12-09")!
        #expect(try await store.async.move(followUp: checkIn.id, to: .day(day), at: now, note: "moved on remote 'home'"))
        #expect(try await store.async.dismiss(followUp: other.id, reason: "deleted on remote 'home'", at: now))
        #expect(try await store.async.dismiss(followUp: other.id, reason: "deleted on remote 'home'", at: now) == false)

        let read = try await store.async.interview(added.id)
        #expect(read == (try store.interview(added.id)))
        #expect(read.followUps.first { $0.id == thankYou.id }?.status == .done(on: now))
        #expect(read.followUps.first { $0.id == checkIn.id }?.timing == .day(day))
        #expect(read.followUps.first { $0.id == other.id }?.status == .cancelled(reason: "deleted on remote 'home'"))
        #expect(try await store.async.interviews().map(\.id) == [added.id])
    }

    @Test func anAwaitedChangeRunsItsHookAndAFailingHookRollsItBack() async throws {
        struct FeedBroke: Error {}
        let store = try InterviewStore(DatabaseQueue())
        let added = try store.add(interview(), settings: .init(), now: now)
        let thankYou = try #require(added.followUps.first { $0.action == .thankYouEmail })
        await #expect(throws: StoreError.self) {
            try await store.async.markDone(thankYou.id, at: now) { _ in throw FeedBroke() }
        }
        #expect(try store.interview(added.id).followUps.first { $0.id == thankYou.id }?.status == .planned)
        // The follow-up just marked waits for the feed inside the change's transaction.
        let pending = Mutex<Int?>(nil)
        let marked = try await store.async.markDone(thankYou.id, at: now) { snapshot in
            let count = try snapshot.pendingFeedComponentCount()
            pending.withLock { $0 = count }
        }
        #expect(marked.map(\.id) == [thankYou.id])
        #expect(pending.withLock { $0 } ?? 0 > 0)
    }

    @Test func awaitedErrorsAreTheStoresOwn() async throws {
        let store = try InterviewStore(DatabaseQueue())
        do {
            _ = try await store.async.interview("nothing")
            Issue.record("an unknown id was found")
        } catch {
            guard case .noSuchInterview(let query, _, _) = error else { Issue.record("\(error)"); return }
            #expect(query == "nothing")
        }
        do {
            try await store.async.updateRemote(RemoteAccount(name: "home", url: URL(string: "https://dav.example/")!))
            Issue.record("an unknown remote was updated")
        } catch {
            guard case .noSuchRemote("home") = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func theSyncsBookkeepingLandsFromManyTasksAtOnce() async throws {
        let store = try InterviewStore(DatabaseQueue())
        var account = RemoteAccount(name: "home", url: URL(string: "https://dav.example/")!)
        try store.addRemote(account, now: now)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await store.async.saveRemoteObject(RemoteObject(key: "f\(index)-task", followUpID: "f\(index)", href: "/c/f\(index)-task.ics",
                                                                        etag: nil, confirmed: false, sequence: 0, contentHash: nil), of: "home")
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.async.remoteObjects(of: "home").count == 40)
        try await store.async.forgetRemoteObject(key: "f0-task", of: "home")
        #expect(try store.remoteObjects(of: "home").count == 39)
        account.calendarSyncToken = "token-2"
        try await store.async.updateRemote(account)
        #expect(try store.remote(named: "home")?.calendarSyncToken == "token-2")
    }
}
