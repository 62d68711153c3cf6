import Foundation
import FollowUpPlanning
import GRDB

/// The store as one transaction sees it, read a row at a time: what a feed is made from.
/// Valid only inside the closure it is handed to. Its errors are the store's: SQLite's name the
/// store's `location`, and what a caller's closure throws comes back as it was when it is a
/// `StoreError`, else as `interrupted`.
public struct StoreSnapshot {
    let db: Database
    let location: String

    /// `body`'s errors as the store reports them.
    func reporting<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw .from(error, at: location)
        }
    }

    /// Every follow-up a feed shows (planned and done ones of every interview, not cancelled
    /// ones), in interview and plan order, read straight from their rows. A feed needs nothing
    /// of the interviewers' cards: summaries, details and addresses are in the rows, so each
    /// follow-up comes without its `interviewer`. With a window, only what it shows.
    public func forEachFeedFollowUp(in window: FeedWindow? = nil, _ body: (FollowUp) throws -> Void) throws(StoreError) {
        try reporting {
            let rows = try Row.fetchCursor(db, sql: "SELECT \(FollowUpRow.columnList) FROM followUp WHERE status != 'cancelled' "
                                               + "ORDER BY interviewId, position, id")
            var zones: [String: TimeZone] = [:]
            while let row = try rows.next() {
                let followUp = try FollowUpRow(columnsInOrder: row).followUp(interviewers: [], zones: &zones)
                if let window, !window.shows(followUp) { continue }
                try body(followUp)
            }
        }
    }

    /// What a feed's header needs before its first follow-up, in one pass over the rows: the
    /// zones of the timed follow-ups it shows with the first and last start in each, and when
    /// anything it shows last changed.
    public func feedOutline() throws(StoreError) -> (zones: [(zone: String, from: Date, through: Date)], lastModification: Date?) {
        let rows = try reporting { try Row.fetchAll(db, sql: """
            SELECT timeZone, MIN(start) AS first, MAX(start) AS last, MAX(modifiedAt) AS modified FROM followUp
            WHERE status != 'cancelled' GROUP BY timeZone ORDER BY timeZone
            """) }
        var zones: [(zone: String, from: Date, through: Date)] = []
        var lastModification: Double?
        for row in rows {
            if let modified: Double = row["modified"] { lastModification = max(lastModification ?? modified, modified) }
            // All-day follow-ups have no zone; a zone with no start cannot occur, but is no zone.
            guard let zone: String = row["timeZone"], let first: Double = row["first"], let last: Double = row["last"] else { continue }
            zones.append((zone, Date(timeIntervalSince1970: first), Date(timeIntervalSince1970: last)))
        }
        return (zones, lastModification.map(Date.init(timeIntervalSince1970:)))
    }
}
