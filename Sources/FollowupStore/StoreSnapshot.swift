import Foundation
import FollowUpPlanning
import GRDB

/// The store as one transaction sees it, read a row at a time: what a feed is made from.
/// Valid only inside the closure it is handed to.
public struct StoreSnapshot {
    let db: Database

    /// Every follow-up a feed shows (planned and done ones of every interview, not cancelled
    /// ones), in interview and plan order, read straight from their rows. A feed needs nothing
    /// of the interviewers' cards: summaries, details and addresses are in the rows, so each
    /// follow-up comes without its `interviewer`.
    public func forEachFeedFollowUp(_ body: (FollowUp) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, action, address, day, start, minutes, timeZone, summary, details,
                   rule, reason, status, doneAt, sequence, modifiedAt
            FROM followUp WHERE status != 'cancelled' ORDER BY interviewId, position
            """)
        var zones: [String: TimeZone] = [:]
        while let row = try rows.next() {
            let id: String = row[0]
            let actionName: String = row[1]
            guard let action = FollowUp.Action(rawValue: actionName) else {
                throw StoreError.corrupt("follow-up \(id) has the unknown action '\(actionName)'")
            }
            let timing: FollowUp.Timing
            if let dayText: String = row[3], let day = Self.day(dayText) {
                timing = .day(day)
            } else if let start: Double = row[4], let minutes: Int = row[5], let zoneName: String = row[6],
                      let zone = zones[zoneName] ?? TimeZone(identifier: zoneName) {
                zones[zoneName] = zone
                timing = .slot(start: Date(timeIntervalSince1970: start), minutes: minutes, timeZone: zone)
            } else {
                throw StoreError.corrupt("follow-up \(id) has no date")
            }
            let modified: Double = row[14]
            let statusName: String = row[11]
            let status: FollowUp.Status = statusName == "done"
                ? .done(on: Date(timeIntervalSince1970: (row[12] as Double?) ?? modified)) : .planned
            try body(FollowUp(id: id, action: action, interviewer: nil, address: row[2], timing: timing, summary: row[7],
                              details: row[8], rule: row[9], reason: row[10], status: status, sequence: row[13],
                              lastModified: Date(timeIntervalSince1970: modified)))
        }
    }

    /// `YYYY-MM-DD` as the store writes it, read without a `Calendar`.
    static func day(_ text: String) -> CalendarDay? {
        var digits: (Int, Int, Int) = (0, 0, 0)
        var part = 0
        var count = 0
        for byte in text.utf8 {
            count += 1
            if byte == UInt8(ascii: "-") {
                part += 1
                if part > 2 { return CalendarDay(iso: text) }
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let digit = Int(byte - UInt8(ascii: "0"))
                switch part {
                case 0: digits.0 = digits.0 * 10 + digit
                case 1: digits.1 = digits.1 * 10 + digit
                default: digits.2 = digits.2 * 10 + digit
                }
            } else {
                return CalendarDay(iso: text)
            }
        }
        guard count == 10, part == 2 else { return CalendarDay(iso: text) }
        let day = CalendarDay(year: digits.0, month: digits.1, day: digits.2)
        return day.isValid ? day : nil
    }

    /// What a feed's header needs before its first follow-up, in one pass over the rows: the
    /// zones of the timed follow-ups it shows with the first and last start in each, and when
    /// anything it shows last changed.
    public func feedOutline() throws -> (zones: [(zone: String, from: Date, through: Date)], lastModification: Date?) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT timeZone, MIN(start) AS first, MAX(start) AS last, MAX(modifiedAt) AS modified FROM followUp
            WHERE status != 'cancelled' GROUP BY timeZone ORDER BY timeZone
            """)
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
