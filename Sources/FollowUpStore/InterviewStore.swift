import FollowUpPlanning
import FollowUpSupport
import Foundation
import GRDB

/// The interviews of a job search and where each follow-up stands, in one SQLite database: a
/// file for `followup`, any GRDB `DatabaseWriter` for other callers (a `DatabaseQueue()` in
/// memory for tests).
///
/// Every change runs in one write transaction. A change can pass `afterChange`, which runs in
/// that transaction with a snapshot of the store as it is after it (the feed is regenerated there):
/// if it throws, the change is rolled back, so a failed command leaves the store as it was.
/// Several processes may use one store at once (WAL, a busy timeout, immediate transactions).
public final class InterviewStore: Sendable {
    /// The store's file; for a database in memory, GRDB's name for it (`:memory:`) as a path.
    public let path: URL
    /// Where the store is, as its errors name it: the file's path, or `:memory:`.
    let location: String
    /// Every read and change goes through it (`read`, `write`): a pool on a file, or whatever
    /// writer the caller opened the store on.
    let writer: any DatabaseWriter

    /// `$FOLLOWUP_STORE`, else `$XDG_DATA_HOME/followup/followup.sqlite`, else
    /// `~/.local/share/followup/followup.sqlite`.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["FOLLOWUP_STORE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let data: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            data = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
            data = home.appendingPathComponent(".local/share")
        }
        return data.appendingPathComponent("followup/followup.sqlite")
    }

    /// Opens (or creates) the store at `path` and brings its schema up to date. Several
    /// processes may use the file at once: a pool (WAL) whose writers wait for each other.
    ///
    /// A store it creates, and the folders it makes for it, only the user may read (0600,
    /// 0700): the job search is nobody else's business, whatever the umask.
    public convenience init(path: URL) throws(StoreError) {
        do throws(FileError) {
            try AtomicFile.createFolder(path.deletingLastPathComponent(), mode: OwnerOnlyFile.folderMode)
            try OwnerOnlyFile.create(path.path)
        } catch {
            throw .cannotOpen(path: path.path, reason: error.reason)
        }
        var configuration = Configuration()
        // Writers wait for each other instead of failing: ten `followup add` at once all land.
        configuration.busyMode = .timeout(30)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path.path, configuration: configuration)
        } catch {
            throw Self.openingError(error, at: path.path)
        }
        try self.init(pool, path: path)
    }

    /// Opens the store on `writer` (a pool or queue on a file, or a `DatabaseQueue()` in
    /// memory) and brings its schema up to date. The writer's configuration is the caller's.
    public convenience init(_ writer: any DatabaseWriter) throws(StoreError) {
        try self.init(writer, path: URL(fileURLWithPath: writer.path))
    }

    private init(_ writer: any DatabaseWriter, path: URL) throws(StoreError) {
        self.writer = writer
        self.path = path
        location = writer.path
        do {
            try StoreSchema.migrator().migrate(writer)
        } catch {
            throw Self.openingError(error, at: location)
        }
    }

    /// What went wrong opening the store at `path`, as the error that names it; the store's
    /// own errors as they are.
    static func openingError(_ error: any Error, at path: String) -> StoreError {
        switch error {
        case let error as StoreError: return error
        case let error as DatabaseError: return .cannotOpen(path: path, reason: error.message ?? error.description)
        default: return .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Runs `body` with every interview while holding the store's write lock, so that two
    /// processes regenerating the feed write it in the order of their changes. What `body`
    /// throws comes back as it was when it is a `StoreError`, else as `interrupted`.
    public func withWriteLock(_ body: (StoreSnapshot) throws -> Void) throws(StoreError) {
        try write { db in try body(StoreSnapshot(db: db, location: location)) }
    }

    // MARK: Transactions

    /// Reads in one transaction, so what `body` reads is one state of the store.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw .from(error, at: location)
        }
    }

    /// Changes the store in one transaction; `afterChange` runs in it last, with the store as
    /// the change left it, and whatever throws rolls the whole change back.
    func write<T>(_ afterChange: ((StoreSnapshot) throws -> Void)?, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try write { db in
            let result = try body(db)
            if let afterChange { try afterChange(StoreSnapshot(db: db, location: location)) }
            return result
        }
    }

    /// A change that moves no follow-up (the sync's bookkeeping), so the feed has nothing to follow.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw .from(error, at: location)
        }
    }

    /// `read` for a caller on Swift concurrency: GRDB runs `body` on its own queue while the
    /// caller's task waits, instead of blocking a thread of the cooperative pool.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw .from(error, at: location)
        }
    }

    /// `write` for a caller on Swift concurrency, the same transaction with its hook.
    func write<T: Sendable>(_ afterChange: (@Sendable (StoreSnapshot) throws -> Void)?,
                            _ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        let location = location
        do {
            return try await writer.write { db in
                let result = try body(db)
                if let afterChange { try afterChange(StoreSnapshot(db: db, location: location)) }
                return result
            }
        } catch {
            throw .from(error, at: location)
        }
    }
}
