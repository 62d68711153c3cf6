import Foundation
import FollowUpPlanning
import GRDB

// The follow-ups of the stored interviews: the agenda's, one by its id, and marking them done
// or planned again.
extension InterviewStore {
    // MARK: Reading

    /// The planned follow-ups due before `end` (overdue ones included), with their interview's
    /// id, in interview and plan order: what an agenda shows, read through the indexes on
    /// status and date instead of every interview.
    public func plannedFollowUps(dueBefore end: Date) throws(StoreError) -> [ScheduledFollowUp] {
        try read { db in
            // Day deadlines are compared as text, a day late to be safe in any zone; the
            // agenda decides exactly.
            let lastDay = CalendarDay(end, in: TimeZone(identifier: "UTC")!).adding(days: 1).description
            let rows = try FollowUpRow.fetchAll(db, sql: """
                SELECT f.* FROM followUp f JOIN interview i ON i.id = f.interviewId
                WHERE f.id IN (SELECT id FROM followUp WHERE status = 'planned' AND day <= ?
                               UNION SELECT id FROM followUp WHERE status = 'planned' AND start < ?)
                ORDER BY i.start, i.id, f.position
                """, arguments: [lastDay, end.timeIntervalSince1970 + 86_400])
            var interviewers: [String: [Interviewer]] = [:]
            return try rows.map { row in
                if interviewers[row.interviewId] == nil { interviewers[row.interviewId] = try Self.loadInterviewers(db, row.interviewId) }
                return ScheduledFollowUp(interviewID: row.interviewId, followUp: try row.followUp(interviewers: interviewers[row.interviewId]!))
            }
        }
    }

    /// The follow-up whose id starts with `query`, with its interview.
    public func followUp(_ query: String) throws(StoreError) -> (followUp: FollowUp, interview: StoredInterview) {
        try read { db in
            let row = try Self.resolveFollowUp(db, query)
            let stored = try Self.resolveInterview(db, row.interviewId)
            guard let followUp = stored.followUps.first(where: { $0.id == row.id }) else { throw StoreError.missing(.followUp, id: row.id) }
            return (followUp, stored)
        }
    }

    // MARK: Changing

    /// Marks follow-ups done: one follow-up by its id, or a whole step of an interview
    /// (`step` with an interview id). Returns what it marked.
    @discardableResult
    public func markDone(_ query: String, step: Step? = nil, at now: Date,
                         afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> [FollowUp] {
        try write(afterChange) { db in try Self.markDone(db, query, step: step, now: now) }
    }

    /// `markDone` inside the caller's transaction.
    static func markDone(_ db: Database, _ query: String, step: Step?, now: Date) throws -> [FollowUp] {
        let rows = try followUpRows(db, query, step: step)
        if let step, rows.isEmpty {
            throw StoreError.noFollowUpOfStep(interviewID: try resolveInterview(db, query).id, step: step)
        }
        // Nothing planned, and something cancelled: say so, not "already done".
        if !rows.contains(where: { $0.status == "planned" }), let cancelled = rows.first(where: { $0.status == "cancelled" }) {
            throw StoreError.cancelledFollowUp(id: String(cancelled.id.prefix(shownIDLength)), summary: cancelled.summary,
                                               reason: cancelled.cancelReason)
        }
        var marked: [String] = []
        for var row in rows where row.status == "planned" {
            row.status = "done"
            row.doneAt = now.timeIntervalSince1970
            row.sequence += 1
            row.modifiedAt = now.timeIntervalSince1970
            try row.update(db)
            try log(db, row.interviewId, row.id, "done: \(row.summary)", now)
            marked.append(row.id)
        }
        var result: [FollowUp] = []
        for id in marked {
            guard let row = try FollowUpRow.fetchOne(db, id: id) else { throw StoreError.missing(.followUp, id: id) }
            result.append(try row.followUp(interviewers: try loadInterviewers(db, row.interviewId)))
        }
        return result
    }

    /// The follow-ups `done` and `done --undo` act on: the one `query` names, or with `step`
    /// those of that step of the interview `query` names, in plan order.
    private static func followUpRows(_ db: Database, _ query: String, step: Step?) throws -> [FollowUpRow] {
        guard let step else { return [try resolveFollowUp(db, query)] }
        let stored = try resolveInterview(db, query)
        return try FollowUpRow.fetchAll(db, interviewId: stored.id)
            .filter { row in FollowUp.Action(rawValue: row.action).map(step.contains) ?? false }
    }

    /// Takes back `markDone`: done follow-ups (one, or a step of an interview) are planned
    /// again, with a higher sequence so calendars show them open. Returns what it changed.
    @discardableResult
    public func markPlanned(_ query: String, step: Step? = nil, at now: Date,
                            afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> [FollowUp] {
        try write(afterChange) { db in
            var result: [FollowUp] = []
            for var row in try Self.followUpRows(db, query, step: step) where row.status == "done" {
                row.status = "planned"
                row.doneAt = nil
                row.sequence += 1
                row.modifiedAt = now.timeIntervalSince1970
                try row.update(db)
                try Self.log(db, row.interviewId, row.id, "not done: \(row.summary)", now)
                result.append(try row.followUp(interviewers: try Self.loadInterviewers(db, row.interviewId)))
            }
            return result
        }
    }

    // MARK: Rows to values

    private static func loadInterviewers(_ db: Database, _ id: String) throws -> [Interviewer] {
        try InterviewerRow.fetchAll(db, interviewId: id).map { try $0.interviewer() }
    }

    /// The follow-up whose id is the one `followup list` shows (or the whole id). A shorter
    /// prefix is an error listing the follow-ups it starts, as for interviews.
    private static func resolveFollowUp(_ db: Database, _ query: String) throws -> FollowUpRow {
        let needle = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard needle.count >= 4 else { throw StoreError.followUpIDTooShort(query: query) }
        // A range, not LIKE: SQLite walks the primary key for it instead of every follow-up.
        let rows = try FollowUpRow.filter(sql: "id >= ? AND id < ?", arguments: [needle, needle + "\u{10FFFF}"]).fetchAll(db)
        if let exact = rows.first(where: { $0.id == needle || (needle.count == shownIDLength && $0.id.hasPrefix(needle)) }),
           rows.count == 1 || exact.id == needle {
            return exact
        }
        guard !rows.isEmpty else {
            throw StoreError.noSuchFollowUp(query: query)
        }
        throw StoreError.ambiguous(query: query, matches: rows.map { "\($0.id.prefix(shownIDLength))  \($0.summary)" })
    }

    /// How many characters of a follow-up's id `followup list` shows.
    public static let shownIDLength = 8
}
