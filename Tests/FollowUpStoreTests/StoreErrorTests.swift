import Foundation
import GRDB
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// What the store's errors say: what happened and to what, and never which command to type
/// (that is the program's to say, over the store).
struct StoreErrorTests {
    let now = Date(timeIntervalSince1970: 1_796_169_600)

    func store() throws -> InterviewStore { try InterviewStore(DatabaseQueue()) }

    func interview() -> Interview {
        .on(role: "Engineer", interviewers: [.danaByAddress])
    }

    /// The error `body` throws, or nil when it throws none.
    func error(_ body: () throws(StoreError) -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func aSecondRemoteOfOneNameIsRefusedAsTakenNotAsMissing() throws {
        let store = try store()
        let account = RemoteAccount(name: "home", url: URL(string: "https://dav.example/")!)
        try store.addRemote(account, now: now)
        let refused = try #require(error { () throws(StoreError) in try store.addRemote(account, now: now) })
        guard case .remoteExists(let name) = refused else { Issue.record("\(refused)"); return }
        #expect(name == "home")
        #expect(refused.description == "there is already a remote named 'home'")
        #expect(try store.remotes() == [account])
    }

    @Test func aRemoteThatIsNotThereIsNamed() throws {
        let store = try store()
        let missing = try #require(error { () throws(StoreError) in try store.removeRemote(named: "work") })
        guard case .noSuchRemote(let name) = missing else { Issue.record("\(missing)"); return }
        #expect(name == "work")
    }

    @Test func anInterviewRemovedUnderAChangeIsAMissingRowNamingItsID() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        try store.remove(added.id, at: now)
        // Another process removed it between reading it and changing it.
        let missing = try #require(error { () throws(StoreError) in
            _ = try store.write { db in
                try InterviewStore.update(db, added, to: added.interview, settings: added.settings, now: now, event: "edited")
            }
        })
        guard case .missing(.interview, let id) = missing else { Issue.record("\(missing)"); return }
        #expect(id == added.id)
        #expect(missing.description == "no interview \(added.id)")
    }

    @Test func aStoredInterviewReadByAnIDNoRowHasIsAMissingRow() throws {
        let store = try store()
        let missing = try #require(error { () throws(StoreError) in
            _ = try store.read { db in try InterviewStore.storedInterview(db, id: "abc123") }
        })
        guard case .missing(.interview, "abc123") = missing else { Issue.record("\(missing)"); return }
    }

    @Test func idsThatNameNothingSayWhichIDAndWhatWasAskedFor() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        let empty = error { () throws(StoreError) in _ = try store.interview("  ") }
        let short = error { () throws(StoreError) in _ = try store.markDone("ab", at: now) }
        let unknown = error { () throws(StoreError) in _ = try store.markDone("ffffffff", at: now) }
        // Planned after the interview, so with no checklist before it.
        let noStep = error { () throws(StoreError) in _ = try store.markDone(added.id, step: .checklist, at: now) }
        guard case .noInterviewID = empty else { Issue.record("\(String(describing: empty))"); return }
        guard case .followUpIDTooShort("ab") = short else { Issue.record("\(String(describing: short))"); return }
        guard case .noSuchFollowUp("ffffffff") = unknown else { Issue.record("\(String(describing: unknown))"); return }
        guard case .noFollowUpOfStep(added.id, .checklist) = noStep else { Issue.record("\(String(describing: noStep))"); return }
    }

    @Test func anInterviewEndedTwiceAndOneStoredTwiceSayWhichInterview() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        let duplicate = error { () throws(StoreError) in _ = try store.add(interview(), settings: .init(), now: now) }
        _ = try store.cancel(added.id, outcome: .withdrawn, at: now)
        let ended = error { () throws(StoreError) in _ = try store.cancel(added.id, outcome: .offer, at: now) }
        guard case .duplicate(added.id, _) = duplicate else { Issue.record("\(String(describing: duplicate))"); return }
        guard case .alreadyEnded(added.id, "withdrawn", _) = ended else { Issue.record("\(String(describing: ended))"); return }
        #expect(ended?.description == "interview \(added.id) already ended (withdrawn)")
    }

    @Test func noMessageOfTheStoreNamesACommand() throws {
        struct HookFailed: Error, CustomStringConvertible { var description: String { "the feed folder is gone" } }
        let samples: [StoreError] = [
            .cannotOpen(path: "/tmp/x.sqlite", reason: "Permission denied"),
            .database(path: "/tmp/x.sqlite", message: "disk I/O error"),
            .noInterviewID,
            .noSuchInterview(query: "zz", candidates: [], startsSeveral: false),
            .noSuchInterview(query: "ab", candidates: ["ab12cd  Tue 1 Dec 2026 14:00 (UTC)  Acme"], startsSeveral: true),
            .followUpIDTooShort(query: "ab"),
            .noSuchFollowUp(query: "ffffffff"),
            .ambiguous(query: "abcd", matches: ["abcd1234  Thank Dana"]),
            .noFollowUpOfStep(interviewID: "ab12cd", step: .thankYou),
            .missing(.interview, id: "ab12cd"),
            .missing(.followUp, id: "abcd1234"),
            .duplicate(id: "ab12cd", description: "ab12cd  Tue 1 Dec 2026 14:00 (UTC)  Acme"),
            .alreadyEnded(id: "ab12cd", outcome: "offer", endedAt: nil),
            .cancelledFollowUp(id: "abcd1234", summary: "Thank Dana", reason: "withdrawn"),
            .cancelledEventNotStored(uid: "event@example"),
            .cancelledEventNotStored(uid: nil),
            .noSuchRemote(name: "home"),
            .remoteExists(name: "home"),
            .corrupt("interview ab12cd has the unknown zone Mars/Olympus"),
            .cannotEncode("Instructions", reason: "not a number"),
            .badArchive("interviews[0].start is missing"),
            .interrupted(HookFailed()),
        ]
        for sample in samples {
            #expect(!sample.description.isEmpty)
            #expect(!sample.description.contains("'followup"), "\(sample)")
            #expect(!sample.description.contains("run "), "\(sample)")
        }
        #expect(StoreError.interrupted(HookFailed()).description == "the feed folder is gone")
    }
}
