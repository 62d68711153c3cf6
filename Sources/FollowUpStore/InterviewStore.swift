import Foundation
import FollowUpPlanning
import GRDB

/// The interviews of a job search and where each follow-up stands, in one SQLite file.
///
/// Every change runs in one write transaction. A change can pass `afterChange`, which runs in
/// that transaction with a snapshot of the store as it is after it (the feed is regenerated there):
/// if it throws, the change is rolled back, so a failed command leaves the store as it was.
/// Several processes may use one store at once (WAL, a busy timeout, immediate transactions).
public final class InterviewStore: Sendable {
    public let path: URL
    /// Internal, not private: the sync bookkeeping (`InterviewStore+Sync.swift`) writes through it too.
    let pool: DatabasePool

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

    /// Opens (or creates) the store at `path` and brings its schema up to date.
    public init(path: URL) throws(StoreError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path.path, reason: (error as NSError).localizedDescription)
        }
        var configuration = Configuration()
        // Writers wait for each other instead of failing: ten `followup add` at once all land.
        configuration.busyMode = .timeout(30)
        do {
            pool = try DatabasePool(path: path.path, configuration: configuration)
            try StoreSchema.migrator().migrate(pool)
        } catch let error as DatabaseError {
            throw .cannotOpen(path: path.path, reason: error.message ?? error.description)
        } catch {
            throw .cannotOpen(path: path.path, reason: "\(error)")
        }
    }

    // MARK: Reading

    /// Every stored interview, oldest interview first.
    public func interviews(includingEnded: Bool = true) throws(StoreError) -> [StoredInterview] {
        try read { db in
            try Self.loadInterviews(db).filter { includingEnded || $0.isOpen }
        }
    }

    /// How many interviews are stored, ended ones included, without loading them.
    public func interviewCount() throws(StoreError) -> Int {
        try read { db in try InterviewRow.fetchCount(db) }
    }

    /// The interview whose id starts with `query`.
    public func interview(_ query: String) throws(StoreError) -> StoredInterview {
        try read { db in try Self.resolveInterview(db, query) }
    }

    public func history(of interviewID: String) throws(StoreError) -> [HistoryEntry] {
        try read { db in
            try HistoryRow.filter(Column("interviewId") == interviewID).order(Column("rowid")).fetchAll(db).map {
                HistoryEntry(at: Date(timeIntervalSince1970: $0.at), followUpID: $0.followUpId, event: $0.event)
            }
        }
    }

    public func setting(_ key: String) throws(StoreError) -> String? {
        try read { db in try SettingRow.fetchOne(db, key: key)?.value }
    }

    // MARK: Changing

    /// Stores a new interview and its plan. The same interview (start, company, role) twice is
    /// refused, so a repeated command does not duplicate calendar entries.
    @discardableResult
    public func add(_ interview: Interview, settings: Planner.Settings, now: Date,
                    afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws -> StoredInterview {
        try write(afterChange) { db in
            let fingerprint = StableHash.hex(interview.naturalKey)
            var id = String(fingerprint.prefix(6))
            if let existing = try InterviewRow.fetchOne(db, key: id) {
                if existing.start == interview.start.timeIntervalSince1970,
                   (existing.company ?? "").lowercased() == (interview.companyName ?? "").lowercased(),
                   (existing.role ?? "").lowercased() == (interview.role ?? "").lowercased() {
                    throw StoreError.duplicate(id: id)
                }
                id = String(fingerprint.prefix(10))
            }
            let row = InterviewRow(id: id, start: interview.start.timeIntervalSince1970, timeZone: interview.timeZone.identifier,
                                   company: interview.company, role: interview.role, mainContact: interview.mainContact,
                                   instructions: try JSONColumn.encode(InstructionsColumn(interview.instructions)),
                                   schedule: try JSONColumn.encode(ScheduleColumn(settings)), state: "open", outcome: nil, endedAt: nil,
                                   createdAt: now.timeIntervalSince1970, updatedAt: now.timeIntervalSince1970)
            try row.insert(db)
            try Self.saveInterviewers(db, interview.interviewers, for: id)
            try Self.replan(db, id: id, interview: interview, settings: settings, now: now)
            try Self.log(db, id, nil, "added", now)
            return try Self.resolveInterview(db, id)
        }
    }

    /// Changes a stored interview and plans it again. Follow-ups keep their ids (and so their
    /// calendar UIDs); those that changed get a higher sequence, those no longer planned are
    /// cancelled, and done ones stay done.
    @discardableResult
    public func edit(_ query: String, now: Date, afterChange: ((StoreSnapshot) throws -> Void)? = nil,
                     _ change: (inout Interview, inout Planner.Settings) throws -> Void) throws -> StoredInterview {
        try write(afterChange) { db in
            let stored = try Self.resolveInterview(db, query)
            var interview = stored.interview
            var settings = stored.settings
            try change(&interview, &settings)
            guard var row = try InterviewRow.fetchOne(db, key: stored.id) else { throw StoreError.notFound("no interview \(stored.id)") }
            row.start = interview.start.timeIntervalSince1970
            row.timeZone = interview.timeZone.identifier
            row.company = interview.company
            row.role = interview.role
            row.mainContact = interview.mainContact
            row.instructions = try JSONColumn.encode(InstructionsColumn(interview.instructions))
            row.schedule = try JSONColumn.encode(ScheduleColumn(settings))
            row.updatedAt = now.timeIntervalSince1970
            try row.update(db)
            try InterviewerRow.filter(Column("interviewId") == stored.id).deleteAll(db)
            try Self.saveInterviewers(db, interview.interviewers, for: stored.id)
            if stored.isOpen {
                try Self.replan(db, id: stored.id, interview: interview, settings: settings, now: now)
            }
            try Self.log(db, stored.id, nil, "edited", now)
            return try Self.resolveInterview(db, stored.id)
        }
    }

    /// Marks follow-ups done: one follow-up by its id, or a whole step of an interview
    /// (`step` with an interview id). Returns what it marked.
    @discardableResult
    public func markDone(_ query: String, step: Step? = nil, at now: Date,
                         afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws -> [FollowUp] {
        try write(afterChange) { db in
            var rows: [FollowUpRow]
            if let step {
                let stored = try Self.resolveInterview(db, query)
                rows = try FollowUpRow.filter(Column("interviewId") == stored.id).order(Column("position")).fetchAll(db)
                    .filter { row in FollowUp.Action(rawValue: row.action).map(step.contains) ?? false }
                guard !rows.isEmpty else { throw StoreError.notFound("interview \(stored.id) has no \(step.rawValue) follow-up") }
            } else {
                rows = [try Self.resolveFollowUp(db, query)]
            }
            var marked: [String] = []
            for var row in rows where row.status == "planned" {
                row.status = "done"
                row.doneAt = now.timeIntervalSince1970
                row.sequence += 1
                row.modifiedAt = now.timeIntervalSince1970
                try row.update(db)
                try Self.log(db, row.interviewId, row.id, "done: \(row.summary)", now)
                marked.append(row.id)
            }
            var result: [FollowUp] = []
            for id in marked {
                let row = try FollowUpRow.fetchOne(db, key: id)!
                result.append(try row.followUp(interviewers: try Self.loadInterviewers(db, row.interviewId)))
            }
            return result
        }
    }

    /// Ends an interview (rule 15 of docs/follow-up-guidance.md): its open follow-ups are cancelled and leave the feed.
    @discardableResult
    public func cancel(_ query: String, outcome: Outcome, at now: Date,
                       afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws -> StoredInterview {
        try write(afterChange) { db in
            let stored = try Self.resolveInterview(db, query)
            guard var row = try InterviewRow.fetchOne(db, key: stored.id) else { throw StoreError.notFound("no interview \(stored.id)") }
            row.state = "ended"
            row.outcome = outcome.rawValue
            row.endedAt = now.timeIntervalSince1970
            row.updatedAt = now.timeIntervalSince1970
            try row.update(db)
            for var followUp in try FollowUpRow.filter(Column("interviewId") == stored.id).fetchAll(db) where followUp.status == "planned" {
                followUp.status = "cancelled"
                followUp.cancelReason = outcome.rawValue
                followUp.sequence += 1
                followUp.modifiedAt = now.timeIntervalSince1970
                try followUp.update(db)
            }
            try Self.log(db, stored.id, nil, "ended: \(outcome.rawValue)", now)
            return try Self.resolveInterview(db, stored.id)
        }
    }

    /// Deletes an interview and its follow-ups (for mistakes); its history keeps a line.
    public func remove(_ query: String, at now: Date, afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws {
        try write(afterChange) { db in
            let stored = try Self.resolveInterview(db, query)
            _ = try InterviewRow.deleteOne(db, key: stored.id)
            try Self.log(db, stored.id, nil, "removed", now)
        }
    }

    public func setSetting(_ key: String, _ value: String, afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws {
        try write(afterChange) { db in
            try SettingRow(key: key, value: value).save(db)
        }
    }

    /// Runs `body` with every interview while holding the store's write lock, so that two
    /// processes regenerating the feed write it in the order of their changes.
    public func withWriteLock(_ body: (StoreSnapshot) throws -> Void) throws {
        try transaction { db in try body(StoreSnapshot(db: db)) }
    }

    // MARK: Transactions

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw .database(path: path.path, message: error.message ?? error.description)
        } catch {
            throw .database(path: path.path, message: "\(error)")
        }
    }

    private func write<T>(_ afterChange: ((StoreSnapshot) throws -> Void)?, _ body: (Database) throws -> T) throws -> T {
        try transaction { db in
            let result = try body(db)
            if let afterChange { try afterChange(StoreSnapshot(db: db)) }
            return result
        }
    }

    private func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError.database(path: path.path, message: error.message ?? error.description)
        }
    }

    // MARK: Rows to values

    /// Three queries however many interviews: their interviewers and follow-ups are read
    /// whole and grouped here, not asked for an interview at a time.
    private static func loadInterviews(_ db: Database) throws -> [StoredInterview] {
        let interviewerRows = Dictionary(grouping: try InterviewerRow.order(Column("interviewId"), Column("position")).fetchAll(db),
                                         by: \.interviewId)
        let followUpRows = Dictionary(grouping: try FollowUpRow.order(Column("interviewId"), Column("position")).fetchAll(db),
                                      by: \.interviewId)
        return try InterviewRow.order(Column("start"), Column("id")).fetchAll(db).map { row in
            try stored(row, interviewerRows: interviewerRows[row.id] ?? [], followUpRows: followUpRows[row.id] ?? [])
        }
    }

    private static func loadInterviewers(_ db: Database, _ id: String) throws -> [Interviewer] {
        try InterviewerRow.filter(Column("interviewId") == id).order(Column("position")).fetchAll(db).map { try $0.interviewer() }
    }

    private static func stored(_ row: InterviewRow, _ db: Database) throws -> StoredInterview {
        try stored(row, interviewerRows: InterviewerRow.filter(Column("interviewId") == row.id).order(Column("position")).fetchAll(db),
                   followUpRows: FollowUpRow.filter(Column("interviewId") == row.id).order(Column("position")).fetchAll(db))
    }

    /// An interview from its row and the rows of its interviewers and follow-ups, each in order.
    private static func stored(_ row: InterviewRow, interviewerRows: [InterviewerRow], followUpRows: [FollowUpRow]) throws -> StoredInterview {
        let interviewers = try interviewerRows.map { try $0.interviewer() }
        let followUps = try followUpRows.map { try $0.followUp(interviewers: interviewers) }
        guard let zone = TimeZone(identifier: row.timeZone) else { throw StoreError.corrupt("interview \(row.id) has the unknown zone \(row.timeZone)") }
        var interview = Interview(start: Date(timeIntervalSince1970: row.start), timeZone: zone, company: row.company, role: row.role,
                                  interviewers: interviewers, mainContact: row.mainContact,
                                  instructions: try JSONColumn.decode(InstructionsColumn.self, row.instructions).value)
        interview.identity = row.id
        return StoredInterview(id: row.id, interview: interview, settings: try JSONColumn.decode(ScheduleColumn.self, row.schedule).value,
                               followUps: followUps, outcome: row.outcome.flatMap(Outcome.init(rawValue:)),
                               endedAt: row.endedAt.map(Date.init(timeIntervalSince1970:)),
                               createdAt: Date(timeIntervalSince1970: row.createdAt))
    }

    private static func resolveInterview(_ db: Database, _ query: String) throws -> StoredInterview {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { throw StoreError.notFound("no interview id given") }
        let ids = try String.fetchAll(db, sql: "SELECT id FROM interview WHERE id LIKE ? ORDER BY id", arguments: [needle + "%"])
        guard !ids.isEmpty else { throw StoreError.notFound("no interview with id '\(query)'; 'followup list' shows them") }
        guard ids.count == 1 || ids.contains(needle) else { throw StoreError.ambiguous(query: query, matches: ids) }
        let id = ids.contains(needle) ? needle : ids[0]
        return try stored(try InterviewRow.fetchOne(db, key: id)!, db)
    }

    private static func resolveFollowUp(_ db: Database, _ query: String) throws -> FollowUpRow {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard needle.count >= 4 else { throw StoreError.notFound("'\(query)' is too short for a follow-up id; 'followup list' shows them") }
        let rows = try FollowUpRow.filter(sql: "id LIKE ?", arguments: [needle + "%"]).fetchAll(db)
        guard let first = rows.first else {
            throw StoreError.notFound("no follow-up with id '\(query)'; for a whole step use 'followup done INTERVIEW --step thank-you'")
        }
        guard rows.count == 1 else { throw StoreError.ambiguous(query: query, matches: rows.map { String($0.id.prefix(12)) }) }
        return first
    }

    private static func saveInterviewers(_ db: Database, _ interviewers: [Interviewer], for id: String) throws {
        for (position, interviewer) in interviewers.enumerated() {
            try InterviewerRow(interviewer, interviewId: id, position: position).insert(db)
        }
    }

    private static func replan(_ db: Database, id: String, interview: Interview, settings: Planner.Settings, now: Date) throws {
        var interview = interview
        interview.identity = id
        let plan = Planner(settings: settings).plan(interview, now: now)
        var existing = Dictionary(uniqueKeysWithValues: try FollowUpRow.filter(Column("interviewId") == id).fetchAll(db).map { ($0.id, $0) })
        for (position, followUp) in plan.followUps.enumerated() {
            var fresh = FollowUpRow(followUp, interviewId: id, position: position, interviewers: interview.interviewers, modifiedAt: now)
            if var old = existing.removeValue(forKey: fresh.id) {
                if old.status == "done" || (old.status == "planned" && !old.differsInContent(from: fresh)) {
                    old.position = position
                    try old.update(db)
                    continue
                }
                fresh.sequence = old.sequence + 1
                try fresh.update(db)
            } else {
                try fresh.insert(db)
            }
        }
        for var gone in existing.values where gone.status == "planned" {
            gone.status = "cancelled"
            gone.cancelReason = "no longer in the plan"
            gone.sequence += 1
            gone.modifiedAt = now.timeIntervalSince1970
            try gone.update(db)
        }
    }

    private static func log(_ db: Database, _ interviewID: String, _ followUpID: String?, _ event: String, _ now: Date) throws {
        try HistoryRow(at: now.timeIntervalSince1970, interviewId: interviewID, followUpId: followUpID, event: event).insert(db)
    }
}
