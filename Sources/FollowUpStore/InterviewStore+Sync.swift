import Foundation
import FollowUpPlanning
import GRDB

/// A CalDAV/CardDAV account: where the user's calendar and address book server is. Holds no
/// password.
public struct RemoteAccount: Sendable, Hashable {
    public var name: String
    public var url: URL
    public var user: String?
    /// The file the password is read from at each sync (its path only).
    public var passwordFile: String?
    /// The "Interview follow-ups" calendar and the "Interviewers" address book, once found or made.
    public var calendarURL: URL?
    public var addressBookURL: URL?
    /// The calendar's RFC 6578 sync token as of the last sync.
    public var calendarSyncToken: String?
    /// A mail account: whether the planned e-mails go to its Drafts folder.
    public var sendsDrafts: Bool
    /// Whether a connection without TLS to another machine was allowed (`--allow-http`).
    public var allowsPlain: Bool

    public init(name: String, url: URL, user: String? = nil, passwordFile: String? = nil, calendarURL: URL? = nil, addressBookURL: URL? = nil,
                calendarSyncToken: String? = nil, sendsDrafts: Bool = true, allowsPlain: Bool = false) {
        self.sendsDrafts = sendsDrafts
        self.allowsPlain = allowsPlain
        self.name = name
        self.url = url
        self.user = user
        self.passwordFile = passwordFile
        self.calendarURL = calendarURL
        self.addressBookURL = addressBookURL
        self.calendarSyncToken = calendarSyncToken
    }
}

/// What the store knows of one object on a server.
public struct RemoteObject: Sendable, Hashable {
    /// What the object is of: `FOLLOWUPID-task`, `FOLLOWUPID-event`, `contact:UID`.
    public var key: String
    public var followUpID: String?
    public var href: String
    /// The ETag it had when last written or read; nil before the server confirmed it.
    public var etag: String?
    /// False from the moment a PUT is about to be sent until the server answered it.
    public var confirmed: Bool
    /// The follow-up's SEQUENCE that was pushed.
    public var sequence: Int?
    /// A fingerprint of the bytes pushed: an object whose bytes would be the same is not sent.
    public var contentHash: String?

    public init(key: String, followUpID: String?, href: String, etag: String?, confirmed: Bool, sequence: Int?, contentHash: String?) {
        self.key = key
        self.followUpID = followUpID
        self.href = href
        self.etag = etag
        self.confirmed = confirmed
        self.sequence = sequence
        self.contentHash = contentHash
    }
}

extension InterviewStore {
    // MARK: Accounts

    public func remotes() throws(StoreError) -> [RemoteAccount] {
        try read { db in try RemoteRow.order(Column("name")).fetchAll(db).compactMap(\.account) }
    }

    public func remote(named name: String) throws(StoreError) -> RemoteAccount? {
        try read { db in try RemoteRow.fetchOne(db, key: name)?.account }
    }

    /// Adds an account; a second one under the same name is refused.
    public func addRemote(_ account: RemoteAccount, now: Date) throws(StoreError) {
        try write { db in
            if try RemoteRow.fetchOne(db, key: account.name) != nil {
                throw StoreError.remoteExists(name: account.name)
            }
            try RemoteRow(name: account.name, url: account.url.absoluteString, user: account.user, passwordFile: account.passwordFile,
                          calendarURL: nil, addressBookURL: nil, calendarSyncToken: nil, createdAt: now.timeIntervalSince1970,
                          mailDrafts: account.sendsDrafts, allowPlain: account.allowsPlain).insert(db)
        }
    }

    /// Forgets an account and what was pushed to it (the server keeps its objects).
    public func removeRemote(named name: String) throws(StoreError) {
        try write { db in
            guard try RemoteRow.deleteOne(db, key: name) else {
                throw StoreError.noSuchRemote(name: name)
            }
        }
    }

    /// Remembers where the account's collections are and how far its calendar was read.
    public func updateRemote(_ account: RemoteAccount) throws(StoreError) {
        try write { db in try Self.updateRemote(db, account) }
    }

    static func updateRemote(_ db: Database, _ account: RemoteAccount) throws {
        guard var row = try RemoteRow.fetchOne(db, key: account.name) else {
            throw StoreError.noSuchRemote(name: account.name)
        }
        row.calendarURL = account.calendarURL?.absoluteString
        row.addressBookURL = account.addressBookURL?.absoluteString
        row.calendarSyncToken = account.calendarSyncToken
        try row.update(db)
    }

    // MARK: Objects on a server

    public func remoteObjects(of remote: String) throws(StoreError) -> [RemoteObject] {
        try read { db in try Self.remoteObjects(db, of: remote) }
    }

    public func saveRemoteObject(_ object: RemoteObject, of remote: String) throws(StoreError) {
        try write { db in try Self.save(db, object, of: remote) }
    }

    public func forgetRemoteObject(key: String, of remote: String) throws(StoreError) {
        try write { db in try Self.forget(db, key: key, of: remote) }
    }

    static func remoteObjects(_ db: Database, of remote: String) throws -> [RemoteObject] {
        try RemoteObjectRow.filter(Column("remote") == remote).order(Column("key")).fetchAll(db).map(\.object)
    }

    static func save(_ db: Database, _ object: RemoteObject, of remote: String) throws {
        try RemoteObjectRow(remote: remote, object).save(db)
    }

    static func forget(_ db: Database, key: String, of remote: String) throws {
        _ = try RemoteObjectRow.deleteOne(db, key: ["remote": remote, "key": key])
    }

    // MARK: Changes made on a server

    /// Moves a planned follow-up to the day or start the user gave it elsewhere; its length
    /// and zone stay. Returns false when it is no longer planned.
    @discardableResult
    public func move(followUp id: String, to timing: FollowUp.Timing, at now: Date, note: String,
                     afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> Bool {
        try write(afterChange) { db in try Self.move(db, followUp: id, to: timing, now: now, note: note) }
    }

    static func move(_ db: Database, followUp id: String, to timing: FollowUp.Timing, now: Date, note: String) throws -> Bool {
        guard var row = try FollowUpRow.fetchOne(db, id: id), row.status == "planned" else { return false }
        switch timing {
        case .day(let day):
            row.day = day.description
            row.start = nil; row.minutes = nil; row.timeZone = nil
        case .slot(let start, let minutes, let zone):
            row.day = nil
            row.start = start.timeIntervalSince1970; row.minutes = minutes; row.timeZone = zone.identifier
        }
        row.sequence += 1
        row.modifiedAt = now.timeIntervalSince1970
        try row.update(db)
        try HistoryRow(at: now.timeIntervalSince1970, interviewId: row.interviewId, followUpId: row.id, event: note).insert(db)
        return true
    }

    /// Takes a follow-up out of the plan because the user deleted it elsewhere: it is
    /// cancelled with `reason`, so no calendar shows it again.
    @discardableResult
    public func dismiss(followUp id: String, reason: String, at now: Date,
                        afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> Bool {
        try write(afterChange) { db in try Self.dismiss(db, followUp: id, reason: reason, now: now) }
    }

    static func dismiss(_ db: Database, followUp id: String, reason: String, now: Date) throws -> Bool {
        guard var row = try FollowUpRow.fetchOne(db, id: id), row.status == "planned" else { return false }
        row.status = "cancelled"
        row.cancelReason = reason
        row.sequence += 1
        row.modifiedAt = now.timeIntervalSince1970
        try row.update(db)
        try HistoryRow(at: now.timeIntervalSince1970, interviewId: row.interviewId, followUpId: row.id, event: "dismissed: \(reason)").insert(db)
        return true
    }
}

extension InterviewStore {
    /// A copy of the whole store in memory, which a dry run changes as the real run would
    /// change this one (`sync --dry-run` counts what a pull's changes make the push send);
    /// nothing done to it reaches the file or the feed.
    public func scratchCopy() throws(StoreError) -> InterviewStore {
        let copy: DatabaseQueue
        do {
            copy = try DatabaseQueue()
            try writer.backup(to: copy)
        } catch {
            throw .database(path: location, message: "\(error)")
        }
        return try InterviewStore(copy)
    }
}
