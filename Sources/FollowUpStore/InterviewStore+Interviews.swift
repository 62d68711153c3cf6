import Foundation
import FollowUpPlanning
import GRDB

// The interviews themselves: reading them, adding, editing, ending and removing them, and
// turning their rows into values.
extension InterviewStore {
    // MARK: Reading

    /// Every stored interview, oldest interview first.
    public func interviews(includingEnded: Bool = true) throws(StoreError) -> [StoredInterview] {
        try read { db in try Self.loadInterviews(db, openOnly: !includingEnded) }
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

    // MARK: Changing

    /// Stores a new interview and its plan; the plan's warnings come back in `planWarnings`. The
    /// same interview twice (the same start and company, with the same role or the same
    /// interviewers) is refused, so a repeated command does not duplicate calendar entries.
    /// `invitation` is the copy of the calendar invitation it was planned from, if any: a later
    /// copy then finds it (`follow`).
    @discardableResult
    public func add(_ interview: Interview, settings: Planner.Settings, invitation: InvitationRevision? = nil, now: Date,
                    afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> StoredInterview {
        try write(afterChange) { db in
            let (id, plan) = try Self.insert(db, interview, settings: settings, invitation: invitation, now: now)
            var added = try Self.resolveInterview(db, id)
            added.planWarnings = plan.warnings
            added.planNotices = plan.notices
            return added
        }
    }

    /// Stores many interviews in one transaction (one `afterChange`, so one feed regeneration):
    /// each is added as `add` would, and one with an outcome is ended at once. One already
    /// stored is skipped, so importing a file again adds nothing twice.
    public func add(_ interviews: [NewInterview], now: Date,
                    afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> ImportSummary {
        try write(afterChange) { db in
            var summary = ImportSummary()
            for item in interviews {
                let id: String
                do {
                    id = try Self.insert(db, item.interview, settings: item.settings, now: now).id
                } catch StoreError.duplicate(let existing, _) {
                    summary.alreadyStored.append(existing)
                    continue
                }
                if let outcome = item.outcome { try Self.end(db, id, outcome: outcome, now: now) }
                summary.added.append(id)
            }
            return summary
        }
    }

    /// Inserts an interview, its interviewers and its plan inside the caller's transaction;
    /// returns its id and the plan. The same interview twice (see `sameInterview`) is refused.
    static func insert(_ db: Database, _ interview: Interview, settings: Planner.Settings, invitation: InvitationRevision? = nil,
                       now: Date) throws -> (id: String, plan: Plan) {
        if let twin = try sameInterview(as: interview, db) {
            guard let row = try InterviewRow.fetchOne(db, id: twin.id) else { throw StoreError.missing(.interview, id: twin.id) }
            throw StoreError.duplicate(id: twin.id, description: try candidate(row, db))
        }
        let fingerprint = StableHash.hex(interview.naturalKey)
        var id = String(fingerprint.prefix(6))
        if try InterviewRow.exists(db, id: id) {
            id = String(fingerprint.prefix(10))
        }
        var row = InterviewRow(id: id, start: interview.start.timeIntervalSince1970, timeZone: interview.timeZone.identifier,
                               company: interview.company, role: interview.role, mainContact: interview.mainContact,
                               instructions: try JSONColumn.encode(InstructionsColumn(interview.instructions)),
                               schedule: try JSONColumn.encode(ScheduleColumn(settings)), state: "open", outcome: nil, endedAt: nil,
                               createdAt: now.timeIntervalSince1970, updatedAt: now.timeIntervalSince1970,
                               format: interview.format.rawValue, location: interview.location, videoLink: interview.videoLink)
        row.invitation = invitation
        try row.insert(db)
        try saveInterviewers(db, interview.interviewers, for: id)
        let plan = try replan(db, id: id, interview: interview, settings: settings, now: now)
        try log(db, id, nil, "added", now)
        return (id, plan)
    }

    /// Changes a stored interview and plans it again (the plan's warnings come back in
    /// `planWarnings`). Follow-ups keep their ids (and so their
    /// calendar UIDs); those that changed get a higher sequence, those no longer planned are
    /// cancelled, and done ones stay done.
    @discardableResult
    public func edit(_ query: String, now: Date, afterChange: ((StoreSnapshot) throws -> Void)? = nil,
                     _ change: (inout Interview, inout Planner.Settings) throws -> Void) throws(StoreError) -> StoredInterview {
        try write(afterChange) { db in
            let stored = try Self.resolveInterview(db, query)
            var interview = stored.interview
            var settings = stored.settings
            try change(&interview, &settings)
            return try Self.update(db, stored, to: interview, settings: settings, now: now, event: "edited")
        }
    }

    /// Stores `interview` and `settings` in place of `stored`, and plans it again when it is
    /// open, inside the caller's transaction; `event` goes into the history.
    static func update(_ db: Database, _ stored: StoredInterview, to interview: Interview, settings: Planner.Settings,
                       invitation: InvitationRevision? = nil, now: Date, event: String) throws -> StoredInterview {
        guard var row = try InterviewRow.fetchOne(db, id: stored.id) else { throw StoreError.missing(.interview, id: stored.id) }
        row.start = interview.start.timeIntervalSince1970
        row.timeZone = interview.timeZone.identifier
        row.company = interview.company
        row.role = interview.role
        row.mainContact = interview.mainContact
        row.format = interview.format.rawValue
        row.instructions = try JSONColumn.encode(InstructionsColumn(interview.instructions))
        row.schedule = try JSONColumn.encode(ScheduleColumn(settings))
        row.location = interview.location
        row.videoLink = interview.videoLink
        if let invitation { row.invitation = invitation }
        row.updatedAt = now.timeIntervalSince1970
        try row.update(db)
        try InterviewerRow.filter(Column("interviewId") == stored.id).deleteAll(db)
        try Self.saveInterviewers(db, interview.interviewers, for: stored.id)
        let plan = stored.isOpen ? try Self.replan(db, id: stored.id, interview: interview, settings: settings, now: now) : nil
        try Self.log(db, stored.id, nil, event, now)
        var updated = try Self.resolveInterview(db, stored.id)
        updated.planWarnings = plan?.warnings ?? []
        updated.planNotices = plan?.notices ?? []
        return updated
    }

    /// Ends an interview (rule 15 of docs/follow-up-guidance.md): its open follow-ups are cancelled and leave the feed.
    /// An interview that already ended keeps its outcome unless `replacingOutcome` says to
    /// change it: a second `cancel` is more often a mistyped id than a change of mind.
    @discardableResult
    public func cancel(_ query: String, outcome: Outcome, at now: Date, replacingOutcome: Bool = false,
                       afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> StoredInterview {
        try write(afterChange) { db in
            let stored = try Self.resolveInterview(db, query)
            guard let row = try InterviewRow.fetchOne(db, id: stored.id) else { throw StoreError.missing(.interview, id: stored.id) }
            if let ended = row.outcome, !replacingOutcome {
                throw StoreError.alreadyEnded(id: stored.id, outcome: ended, endedAt: row.endedAt.map(Date.init(timeIntervalSince1970:)))
            }
            return try Self.cancel(db, stored, outcome: outcome, now: now)
        }
    }

    /// Ends `stored` inside the caller's transaction: its open follow-ups are cancelled.
    static func cancel(_ db: Database, _ stored: StoredInterview, outcome: Outcome, now: Date) throws -> StoredInterview {
        try end(db, stored.id, outcome: outcome, now: now)
        return try resolveInterview(db, stored.id)
    }

    /// An ended interview's planned follow-ups cancelled (arguments: the reason, the time, the
    /// interview's id) in one statement, compiled once per connection: an import ends thousands
    /// of interviews, and a record's update encodes each of its columns. The `+` keeps SQLite
    /// from reaching the interview's few rows through an index on status, which would walk
    /// every planned follow-up of the store.
    static let cancelPlannedFollowUps = """
        UPDATE followUp SET status = 'cancelled', cancelReason = ?, sequence = sequence + 1, modifiedAt = ?
        WHERE interviewId = ? AND +status = 'planned'
        """

    /// Ends the interview `id`, or gives an ended one another outcome.
    private static func end(_ db: Database, _ id: String, outcome: Outcome, now: Date) throws {
        guard var row = try InterviewRow.fetchOne(db, id: id) else { throw StoreError.missing(.interview, id: id) }
        let replacing = row.outcome != nil
        row.state = "ended"
        row.outcome = outcome.rawValue
        row.endedAt = now.timeIntervalSince1970
        row.updatedAt = now.timeIntervalSince1970
        try row.update(db)
        try db.cachedStatement(sql: cancelPlannedFollowUps).execute(arguments: [outcome.cancelReason, now.timeIntervalSince1970, id])
        try log(db, id, nil, replacing ? "outcome changed to \(outcome.cancelReason)" : "ended: \(outcome.cancelReason)", now)
    }

    /// Deletes an interview and its follow-ups (for mistakes); its history keeps a line.
    public func remove(_ query: String, at now: Date, afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) {
        try write(afterChange) { db in
            let stored = try Self.resolveInterview(db, query)
            _ = try InterviewRow.deleteOne(db, key: stored.id)
            try Self.log(db, stored.id, nil, "removed", now)
        }
    }

    // MARK: Rows to values

    static func storedInterview(_ db: Database, id: String) throws -> StoredInterview {
        guard let row = try InterviewRow.fetchOne(db, id: id) else { throw StoreError.missing(.interview, id: id) }
        return try stored(row, db)
    }

    /// Three queries however many interviews: their interviewers and follow-ups are read
    /// whole and grouped here, not asked for an interview at a time.
    /// `openOnly` reads open interviews and nothing of the ended ones (through the index on
    /// `state`), so `list` costs what it shows, not the whole job search.
    static func loadInterviews(_ db: Database, openOnly: Bool = false) throws -> [StoredInterview] {
        let scope = openOnly ? "WHERE interviewId IN (SELECT id FROM interview WHERE state = 'open')" : ""
        let interviewerRows = Dictionary(grouping: try InterviewerRow.fetchAll(db, sql: "SELECT * FROM interviewer \(scope) "
                                                                                     + "ORDER BY interviewId, position"),
                                         by: \.interviewId)
        let followUpRows = Dictionary(grouping: try FollowUpRow.fetchAll(db, sql: "SELECT * FROM followUp \(scope) ORDER BY interviewId, position"),
                                      by: \.interviewId)
        let interviews = openOnly ? InterviewRow.filter(Column("state") == "open") : InterviewRow.all()
        return try interviews.order(Column("start"), Column("id")).fetchAll(db).map { row in
            try stored(row, interviewerRows: interviewerRows[row.id] ?? [], followUpRows: followUpRows[row.id] ?? [])
        }
    }

    static func stored(_ row: InterviewRow, _ db: Database) throws -> StoredInterview {
        try stored(row, interviewerRows: InterviewerRow.fetchAll(db, interviewId: row.id),
                   followUpRows: FollowUpRow.fetchAll(db, interviewId: row.id))
    }

    /// An interview from its row and the rows of its interviewers and follow-ups, each in order.
    private static func stored(_ row: InterviewRow, interviewerRows: [InterviewerRow], followUpRows: [FollowUpRow]) throws -> StoredInterview {
        let interviewers = try interviewerRows.map { try $0.interviewer() }
        let followUps = try followUpRows.map { try $0.followUp(interviewers: interviewers) }
        guard let zone = TimeZone(identifier: row.timeZone) else {
            throw StoreError.corrupt("interview \(row.id) has the unknown zone \(row.timeZone)")
        }
        var interview = Interview(start: Date(timeIntervalSince1970: row.start), timeZone: zone, company: row.company, role: row.role,
                                  interviewers: interviewers, mainContact: row.mainContact,
                                  instructions: try JSONColumn.decode(InstructionsColumn.self, row.instructions).value,
                                  format: Interview.Format(rawValue: row.format) ?? .onsite,
                                  location: row.location, videoLink: row.videoLink)
        interview.identity = row.id
        return StoredInterview(id: row.id, interview: interview, settings: try JSONColumn.decode(ScheduleColumn.self, row.schedule).value,
                               followUps: followUps, outcome: row.outcome.flatMap(Outcome.init(rawValue:)),
                               endedAt: row.endedAt.map(Date.init(timeIntervalSince1970:)),
                               createdAt: Date(timeIntervalSince1970: row.createdAt), invitation: row.invitation)
    }

    /// A stored interview that `interview` repeats: the same start and company (given or from
    /// the card), and the same role or the same interviewers.
    private static func sameInterview(as interview: Interview, _ db: Database) throws -> StoredInterview? {
        let rows = try InterviewRow.fetchAll(db, startingAt: interview.start.timeIntervalSince1970)
        func people(_ interview: Interview) -> Set<String> {
            Set(interview.interviewers.map { ($0.preferredEmail ?? $0.name).lowercased() })
        }
        let company = (interview.companyName ?? "").lowercased()
        for row in rows {
            // A company given on the row that differs settles it without reading the whole
            // interview: an import of thousands often has dozens at one start.
            if let given = row.company, !given.isEmpty, given.singleLine.lowercased() != company { continue }
            let candidate = try stored(row, db)
            let stored = candidate.interview
            guard (stored.companyName ?? "").lowercased() == (interview.companyName ?? "").lowercased() else { continue }
            if (stored.role ?? "").lowercased() == (interview.role ?? "").lowercased() || people(stored) == people(interview) {
                return candidate
            }
        }
        return nil
    }

    /// The interview whose id is exactly `query`. Commands change or delete what they name, so
    /// a prefix is never taken for the whole id: an id that is unknown or only starts one or more
    /// stored ids is an error that lists the candidates.
    static func resolveInterview(_ db: Database, _ query: String) throws -> StoredInterview {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !needle.isEmpty else { throw StoreError.noInterviewID }
        if let row = try InterviewRow.fetchOne(db, id: needle) { return try stored(row, db) }
        // The ids the query starts, through the primary key (a range, as for follow-ups), else
        // the first interviews through the index on start: never every row, however many.
        let prefixed = try InterviewRow.filter(sql: "id >= ? AND id < ?", arguments: [needle, needle + "\u{10FFFF}"])
            .order(Column("start"), Column("id")).limit(11).fetchAll(db)
        let shown = prefixed.isEmpty ? try InterviewRow.order(Column("start"), Column("id")).limit(10).fetchAll(db) : prefixed
        let candidates = try shown.prefix(10).map { try Self.candidate($0, db) }
        throw StoreError.noSuchInterview(query: query, candidates: Array(candidates), startsSeveral: prefixed.count > 1)
    }

    /// "23432c5a40  Tue 1 Dec 2026 14:00 (America/Chicago)  Acme Robotics [ended: withdrawn]".
    private static func candidate(_ row: InterviewRow, _ db: Database) throws -> String {
        let zone = TimeZone(identifier: row.timeZone) ?? .gmt
        // The company as lists show it: the one given, else the main contact's organisation.
        let company = try row.company ?? InterviewerRow
            .filter(Column("interviewId") == row.id && Column("position") == row.mainContact).fetchOne(db)?.organization
        let title = [company, row.role].compactMap { $0 }.joined(separator: ", ")
        let state = row.outcome.map { " [ended: \($0)]" } ?? ""
        return "\(row.id)  \(Planner.describe(Date(timeIntervalSince1970: row.start), in: zone))\(title.isEmpty ? "" : "  " + title)\(state)"
    }

    static func saveInterviewers(_ db: Database, _ interviewers: [Interviewer], for id: String) throws {
        for (position, interviewer) in interviewers.enumerated() {
            try InterviewerRow(interviewer, interviewId: id, position: position).insert(db)
        }
    }

    /// Plans the interview again and stores the follow-ups; returns the plan, for its warnings
    /// and notices.
    @discardableResult
    static func replan(_ db: Database, id: String, interview: Interview, settings: Planner.Settings, now: Date) throws -> Plan {
        var interview = interview
        interview.identity = id
        let plan = Planner(settings: settings, profile: try loadProfile(db)).plan(interview, now: now)
        var existing = Dictionary(uniqueKeysWithValues: try FollowUpRow.fetchAll(db, interviewId: id).map { ($0.id, $0) })
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
        return plan
    }

    static func log(_ db: Database, _ interviewID: String, _ followUpID: String?, _ event: String, _ now: Date) throws {
        try HistoryRow(at: now.timeIntervalSince1970, interviewId: interviewID, followUpId: followUpID, event: event).insert(db)
    }
}
