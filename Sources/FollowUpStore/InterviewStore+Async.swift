import Foundation
import FollowUpPlanning
import GRDB

extension InterviewStore {
    /// The store for a caller on Swift concurrency (the sync): what it reads and changes, each
    /// awaited while GRDB runs it on its own queue, so no thread of the cooperative pool is
    /// blocked on SQLite or on another process's write lock.
    public var async: AsyncInterviewStore { AsyncInterviewStore(store: self) }
}

/// The async forms of what the sync reads and changes in an `InterviewStore`: the same
/// transactions, hooks and errors as the methods of the same names there. A view of its own,
/// not overloads on the store: an async overload would be chosen for every call in an async
/// context, and every synchronous call there would then need an `await`.
public struct AsyncInterviewStore: Sendable {
    let store: InterviewStore

    // MARK: Reading

    /// Every stored interview, oldest interview first.
    public func interviews(includingEnded: Bool = true) async throws(StoreError) -> [StoredInterview] {
        try await store.read { db in try InterviewStore.loadInterviews(db, openOnly: !includingEnded) }
    }

    /// The interview whose id is `query` (see `InterviewStore.interview(_:)`).
    public func interview(_ query: String) async throws(StoreError) -> StoredInterview {
        try await store.read { db in try InterviewStore.resolveInterview(db, query) }
    }

    public func remoteObjects(of remote: String) async throws(StoreError) -> [RemoteObject] {
        try await store.read { db in try InterviewStore.remoteObjects(db, of: remote) }
    }

    // MARK: Changing

    /// Marks follow-ups done (see `InterviewStore.markDone`).
    @discardableResult
    public func markDone(_ query: String, step: Step? = nil, at now: Date,
                         afterChange: (@Sendable (StoreSnapshot) throws -> Void)? = nil) async throws(StoreError) -> [FollowUp] {
        try await store.write(afterChange) { db in try InterviewStore.markDone(db, query, step: step, now: now) }
    }

    /// Moves a planned follow-up (see `InterviewStore.move`); false when it is no longer planned.
    @discardableResult
    public func move(followUp id: String, to timing: FollowUp.Timing, at now: Date, note: String,
                     afterChange: (@Sendable (StoreSnapshot) throws -> Void)? = nil) async throws(StoreError) -> Bool {
        try await store.write(afterChange) { db in try InterviewStore.move(db, followUp: id, to: timing, now: now, note: note) }
    }

    /// Cancels a follow-up deleted elsewhere (see `InterviewStore.dismiss`); false when it is no
    /// longer planned.
    @discardableResult
    public func dismiss(followUp id: String, reason: String, at now: Date,
                        afterChange: (@Sendable (StoreSnapshot) throws -> Void)? = nil) async throws(StoreError) -> Bool {
        try await store.write(afterChange) { db in try InterviewStore.dismiss(db, followUp: id, reason: reason, now: now) }
    }

    // MARK: The sync's bookkeeping

    public func updateRemote(_ account: RemoteAccount) async throws(StoreError) {
        try await store.write(nil) { db in try InterviewStore.updateRemote(db, account) }
    }

    public func saveRemoteObject(_ object: RemoteObject, of remote: String) async throws(StoreError) {
        try await store.write(nil) { db in try InterviewStore.save(db, object, of: remote) }
    }

    public func forgetRemoteObject(key: String, of remote: String) async throws(StoreError) {
        try await store.write(nil) { db in try InterviewStore.forget(db, key: key, of: remote) }
    }
}
