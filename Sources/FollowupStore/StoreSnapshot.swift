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
        let digits = text.utf8.map { Int($0) - 48 }
        let dash = Int(UInt8(ascii: "-")) - 48
        guard digits.count == 10, digits[4] == dash, digits[7] == dash,
              digits.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (0...9).contains($0.element) }) else {
            return CalendarDay(iso: text)
        }
        let year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
        return CalendarDay(year: year, month: digits[5] * 10 + digits[6], day: digits[8] * 10 + digits[9])
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
