import Foundation
import FollowUpPlanning
import GRDB

// What the store keeps beside the interviews: the candidate's profile and the settings (the
// feed's folder, token and window).
extension InterviewStore {
    /// The candidate's profile; nil until one is set.
    public func profile() throws(StoreError) -> Profile? {
        try read { db in try Self.loadProfile(db) }
    }

    /// The profile of the store at `path` when that file exists, read without creating,
    /// migrating or otherwise changing it: `followup plan` signs its drafts with it. A store
    /// from before profiles has none.
    public static func existingProfile(at path: URL) throws(StoreError) -> Profile? {
        guard FileManager.default.fileExists(atPath: path.path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        do {
            let queue = try DatabaseQueue(path: path.path, configuration: configuration)
            return try queue.read { db in
                guard try db.tableExists(ProfileRow.databaseTableName) else { return nil }
                return try loadProfile(db)
            }
        } catch {
            throw openingError(error, at: path.path)
        }
    }

    public func setting(_ key: String) throws(StoreError) -> String? {
        try read { db in try SettingRow.fetchOne(db, key: key)?.value }
    }

    /// Replaces the profile and signs the drafts of every open interview with it: their
    /// follow-ups are planned again, keeping their ids.
    public func setProfile(_ profile: Profile, now: Date, afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) {
        try write(afterChange) { db in
            try ProfileRow(profile).save(db)
            for row in try InterviewRow.filter(Column("state") == "open").fetchAll(db) {
                let stored = try Self.stored(row, db)
                try Self.replan(db, id: stored.id, interview: stored.interview, settings: stored.settings, now: now)
            }
        }
    }

    public func setSetting(_ key: String, _ value: String, afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) {
        try write(afterChange) { db in
            try SettingRow(key: key, value: value).save(db)
        }
    }

    static func loadProfile(_ db: Database) throws -> Profile? {
        try ProfileRow.fetchOnly(db)?.profile()
    }
}
