import Foundation
import FollowUpPlanning
import GRDB

/// The store as one transaction sees it, read an interview at a time: what a feed is made from.
/// Valid only inside the closure it is handed to.
public struct StoreSnapshot {
    let db: Database

    /// Every interview, in id order, one at a time: three cursors (interviews, interviewers,
    /// follow-ups, each ordered by interview) are merged, so the whole store is never in
    /// memory at once, whatever its size.
    public func forEachInterview(_ body: (StoredInterview) throws -> Void) throws {
        let interviews = try InterviewRow.order(Column("id")).fetchCursor(db)
        let interviewers = try InterviewerRow.order(Column("interviewId"), Column("position")).fetchCursor(db)
        let followUps = try FollowUpRow.order(Column("interviewId"), Column("position")).fetchCursor(db)
        var nextInterviewer = try interviewers.next()
        var nextFollowUp = try followUps.next()
        while let interview = try interviews.next() {
            // Rows of an interview that no longer exists cannot be there (foreign keys), but
            // rows that sort before this one are skipped all the same.
            var people: [Interviewer] = []
            while let row = nextInterviewer, row.interviewId <= interview.id {
                if row.interviewId == interview.id { people.append(try row.interviewer()) }
                nextInterviewer = try interviewers.next()
            }
            var planned: [FollowUp] = []
            while let row = nextFollowUp, row.interviewId <= interview.id {
                if row.interviewId == interview.id { planned.append(try row.followUp(interviewers: people)) }
                nextFollowUp = try followUps.next()
            }
            try body(try FollowupStore.stored(interview, interviewers: people, followUps: planned))
        }
    }

    /// Every interview at once, oldest first; for small stores and tests.
    public func interviews() throws -> [StoredInterview] {
        var all: [StoredInterview] = []
        try forEachInterview { all.append($0) }
        return all.sorted { ($0.interview.start, $0.id) < ($1.interview.start, $1.id) }
    }

    /// The zones of the timed follow-ups a feed shows, with the first and last start in each.
    public func slotZones() throws -> [(zone: String, from: Date, through: Date)] {
        try Row.fetchAll(db, sql: """
            SELECT timeZone, MIN(start) AS first, MAX(start) AS last FROM followUp
            WHERE start IS NOT NULL AND timeZone IS NOT NULL AND status != 'cancelled'
            GROUP BY timeZone ORDER BY timeZone
            """).map { row in
            (row["timeZone"], Date(timeIntervalSince1970: row["first"]), Date(timeIntervalSince1970: row["last"]))
        }
    }

    /// When anything a feed shows last changed.
    public func lastModification() throws -> Date? {
        try Double.fetchOne(db, sql: "SELECT MAX(modifiedAt) FROM followUp WHERE status != 'cancelled'").map(Date.init(timeIntervalSince1970:))
    }
}
