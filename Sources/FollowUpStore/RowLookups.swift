import GRDB

// The look-ups a change runs for every interview it touches, as SQL that SQLite compiles once
// per connection (GRDB's statement cache, `cached: true`). A query-interface request is
// compiled again on every call, through GRDB's authorizer: importing 10,000 interviews ran
// these tens of thousands of times, and compiling them was a quarter of the import.

extension InterviewRow {
    static func fetchOne(_ db: Database, id: String) throws -> InterviewRow? {
        try fetchOne(db, SQLRequest(sql: "SELECT * FROM interview WHERE id = ?", arguments: [id], cached: true))
    }

    static func exists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, SQLRequest(sql: "SELECT EXISTS (SELECT 1 FROM interview WHERE id = ?)", arguments: [id], cached: true)) ?? false
    }

    /// The interviews that start at `start` (through the index on start).
    static func fetchAll(_ db: Database, startingAt start: Double) throws -> [InterviewRow] {
        try fetchAll(db, SQLRequest(sql: "SELECT * FROM interview WHERE start = ?", arguments: [start], cached: true))
    }
}

extension InterviewerRow {
    /// An interview's interviewers, in their order.
    static func fetchAll(_ db: Database, interviewId: String) throws -> [InterviewerRow] {
        try fetchAll(db, SQLRequest(sql: "SELECT * FROM interviewer WHERE interviewId = ? ORDER BY position",
                                    arguments: [interviewId], cached: true))
    }
}

extension FollowUpRow {
    static func fetchOne(_ db: Database, id: String) throws -> FollowUpRow? {
        try fetchOne(db, SQLRequest(sql: "SELECT * FROM followUp WHERE id = ?", arguments: [id], cached: true))
    }

    /// An interview's follow-ups, in plan order.
    static func fetchAll(_ db: Database, interviewId: String) throws -> [FollowUpRow] {
        try fetchAll(db, SQLRequest(sql: "SELECT * FROM followUp WHERE interviewId = ? ORDER BY position",
                                    arguments: [interviewId], cached: true))
    }
}

extension ProfileRow {
    /// The profile, when one was set.
    static func fetchOnly(_ db: Database) throws -> ProfileRow? {
        try fetchOne(db, SQLRequest(sql: "SELECT * FROM profile WHERE id = ?", arguments: [onlyID], cached: true))
    }
}
