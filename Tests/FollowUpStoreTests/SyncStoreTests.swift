import Foundation
import GRDB
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// What the store keeps for `followup sync`: accounts, objects on servers, and the changes a
/// sync brings back.
struct SyncStoreTests {
    let now = Date(timeIntervalSince1970: 1_796_169_600)

    func store() throws -> InterviewStore { try InterviewStore(DatabaseQueue()) }

    func addInterview(_ store: InterviewStore) throws -> StoredInterview {
        try store.add(.on(role: "Engineer", interviewers: [.danaByAddress]), settings: .init(), now: now)
    }

    @Test func anAccountIsStoredOnceAndForgottenWithItsObjects() throws {
        let store = try store()
        let account = RemoteAccount(name: "home", url: URL(string: "https://dav.example/")!, user: "dana", passwordFile: "/home/dana/.pw")
        try store.addRemote(account, now: now)
        #expect(throws: StoreError.self) { try store.addRemote(account, now: now) }
        #expect(try store.remotes() == [account])
        try store.saveRemoteObject(RemoteObject(key: "a-task", followUpID: "a", href: "https://dav.example/c/a-task.ics", etag: "\"1\"",
                                                confirmed: true, sequence: 0, contentHash: "h"), of: "home")
        #expect(try store.remoteObjects(of: "home").map(\.etag) == ["\"1\""])
        try store.removeRemote(named: "home")
        #expect(try store.remotes().isEmpty)
        #expect(try store.remoteObjects(of: "home").isEmpty)
    }

    @Test func whereTheCollectionsAreAndTheSyncTokenAreRemembered() throws {
        let store = try store()
        var account = RemoteAccount(name: "home", url: URL(string: "https://dav.example/")!)
        try store.addRemote(account, now: now)
        account.calendarURL = URL(string: "https://dav.example/dana/interview-follow-ups/")
        account.calendarSyncToken = "http://radicale.org/ns/sync/1"
        try store.updateRemote(account)
        #expect(try store.remote(named: "home") == account)
    }

    @Test func aFollowUpMovedOnAServerKeepsItsIdAndRisesInSequence() throws {
        let store = try store()
        let stored = try addInterview(store)
        let thankYou = stored.followUps.first { $0.action == .thankYouEmail }!
        let moved = CalendarDay(iso: "2026-12-04")!
        #expect(try store.move(followUp: thankYou.id, to: .day(moved), at: now, note: "moved on remote 'home'"))
        let after = try store.interview(stored.id).followUps.first { $0.id == thankYou.id }!
        #expect(after.timing == .day(moved))
        #expect(after.sequence == thankYou.sequence + 1)
        #expect(try store.history(of: stored.id).last?.event == "moved on remote 'home'")
    }

    @Test func aFollowUpDeletedOnAServerIsCancelledWithTheReasonAndOnlyOnce() throws {
        let store = try store()
        let stored = try addInterview(store)
        let id = stored.followUps[0].id
        #expect(try store.dismiss(followUp: id, reason: "deleted on remote 'home'", at: now))
        #expect(try store.dismiss(followUp: id, reason: "deleted on remote 'home'", at: now) == false)
        let after = try store.interview(stored.id).followUps[0]
        #expect(after.status == .cancelled(reason: "deleted on remote 'home'"))
    }
}
