import Foundation
import FollowUpPlanning
import GRDB
import GRDBSQLite

/// Which follow-ups a feed shows: every planned one, and done ones due on or after
/// `oldestDoneDay`. Cancelled follow-ups never appear; older done ones stay in the store.
public struct FeedWindow: Sendable, Hashable {
    public static let defaultKeepDays = 30

    public var oldestDoneDay: CalendarDay

    public init(oldestDoneDay: CalendarDay) {
        self.oldestDoneDay = oldestDoneDay
    }

    /// Done follow-ups due in the last `keepDays` days (counted in UTC, so the window does not
    /// depend on the machine's zone) or later.
    public init(keepDays: Int, now: Date) {
        oldestDoneDay = CalendarDay(now, in: TimeZone(identifier: "UTC")!).adding(days: -max(0, keepDays))
    }

    public func shows(_ followUp: FollowUp) -> Bool {
        switch followUp.status {
        case .planned: return true
        case .done: return followUp.timing.day >= oldestDoneDay
        case .cancelled: return false
        }
    }

    /// The same test in SQL, over `feedComponent`'s `status` and `dueDay`.
    var sqlCondition: (sql: String, arguments: StatementArguments) {
        // The index the feed is read through (v5, in feed order) holds both columns, so SQLite
        // tests them there and reads only the rows of components it keeps.
        ("(status = 'planned' OR (status = 'done' AND dueDay >= ?))", [oldestDoneDay.description])
    }
}

/// A follow-up's event and task as they appear in the feed files, serialised.
public struct RenderedComponent: Sendable {
    public var event: [UInt8]
    public var task: [UInt8]

    public init(event: [UInt8], task: [UInt8]) {
        self.event = event
        self.task = task
    }
}

extension StoreSnapshot {
    /// Renders the components of every follow-up changed since the feed was last written:
    /// `render` gets them a batch at a time and returns one component per follow-up, in order.
    /// Cancelled and deleted follow-ups lose their component. Returns the rows of the
    /// components it rendered; when there are any, ``feedComponentRevision()`` changes, so
    /// that feed files written before can be told from the components now stored.
    @discardableResult
    public func refreshFeedComponents(batchSize: Int = 2048, render: ([FollowUp]) throws -> [RenderedComponent]) throws(StoreError) -> Set<Int64> {
        try reporting {
            var rendered: Set<Int64> = []
            var zones: [String: TimeZone] = [:]
            // Follow-ups that were deleted or cancelled show in no feed: their components go, in
            // two statements however many (an import of a long search cancels thousands).
            try db.execute(sql: """
                DELETE FROM feedComponent WHERE followUpId IN (
                    SELECT p.followUpId FROM feedPending p LEFT JOIN followUp f ON f.id = p.followUpId
                    WHERE f.id IS NULL OR f.status = 'cancelled');
                DELETE FROM feedPending WHERE followUpId IN (
                    SELECT p.followUpId FROM feedPending p LEFT JOIN followUp f ON f.id = p.followUpId
                    WHERE f.id IS NULL OR f.status = 'cancelled');
                """)
            while true {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(Self.followUpColumns), p.followUpId FROM feedPending p LEFT JOIN followUp f ON f.id = p.followUpId LIMIT ?
                    """, arguments: [batchSize])
                if rows.isEmpty {
                    if !rendered.isEmpty { try setSetting(Self.componentRevisionKey, UUID().uuidString) }
                    return rendered
                }
                var shown: [FollowUpRow] = []
                var followUps: [FollowUp] = []
                for row in rows {
                    let pendingId: String = row[Self.pendingIdIndex]
                    try db.execute(sql: "DELETE FROM feedPending WHERE followUpId = ?", arguments: [pendingId])
                    // A deleted follow-up (NULL columns) or a cancelled one shows in no feed.
                    guard let status: String = row[Self.statusIndex], status != "cancelled" else {
                        try db.execute(sql: "DELETE FROM feedComponent WHERE followUpId = ?", arguments: [pendingId])
                        continue
                    }
                    let followUpRow = FollowUpRow(columnsInOrder: row)
                    shown.append(followUpRow)
                    followUps.append(try followUpRow.followUp(interviewers: [], zones: &zones))
                }
                guard !followUps.isEmpty else { continue }
                let components = try render(followUps)
                guard components.count == followUps.count else {
                    throw StoreError.corrupt("the feed renderer returned \(components.count) components for \(followUps.count) follow-ups")
                }
                for ((row, followUp), component) in zip(zip(shown, followUps), components) {
                    var start: Double?, zone: String?
                    if case .slot(let slotStart, _, let slotZone) = followUp.timing {
                        start = slotStart.timeIntervalSince1970
                        zone = slotZone.identifier
                    }
                    // Stored in place (an update keeps the row), in one statement that also says
                    // which row it is.
                    let stored = try Int64.fetchOne(try db.cachedStatement(sql: Self.storeComponent), arguments: [
                        row.id, row.interviewId, row.position, row.status, followUp.timing.day.description, start, zone,
                        Data(component.event), Data(component.task),
                    ])
                    if let stored { rendered.insert(stored) }
                }
            }
        }
    }

    private static let storeComponent = """
        INSERT INTO feedComponent (followUpId, interviewId, position, status, dueDay, start, timeZone, event, task)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (followUpId) DO UPDATE SET interviewId = excluded.interviewId, position = excluded.position,
            status = excluded.status, dueDay = excluded.dueDay, start = excluded.start, timeZone = excluded.timeZone,
            event = excluded.event, task = excluded.task
        RETURNING rowid
        """

    /// `FollowUpRow.columnList` qualified by the alias `f`; the pending id comes after them.
    private static let followUpColumns = FollowUpRow.columnList.split(separator: ",")
        .map { "f." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    private static let pendingIdIndex = FollowUpRow.columnList.split(separator: ",").count
    private static let statusIndex = 17

    static let componentRevisionKey = "feed.componentRevision"

    /// Changes, to a value never used before, whenever components are rendered: feed files
    /// that recorded it when they were written hold every component as it is stored while it
    /// stays the same. Nil before the first component.
    public func feedComponentRevision() throws(StoreError) -> String? {
        try reporting {
            try setting(Self.componentRevisionKey)
        }
    }

    /// Marks every follow-up's component out of date (after the way components are rendered changed).
    public func invalidateFeedComponents() throws(StoreError) {
        try reporting {
            try db.execute(sql: "INSERT OR IGNORE INTO feedPending (followUpId) SELECT id FROM followUp")
        }
    }

    /// How many components wait to be rendered.
    public func pendingFeedComponentCount() throws(StoreError) -> Int {
        try reporting {
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedPending") ?? 0
        }
    }

    /// The zones of the timed follow-ups the window shows, with their first and last start,
    /// from the stored components (what `feedOutline(in:)` computes from the follow-ups).
    public func feedComponentZones(in window: FeedWindow) throws(StoreError) -> [(zone: String, from: Date, through: Date)] {
        try reporting {
            var spans: [String: (first: Double, last: Double)] = [:]
            func include(_ row: Row) {
                // A zone whose components have no start (untimed follow-ups) has no span.
                guard let zone: String = row[0], let first: Double = row[1], let last: Double = row[2] else { return }
                let span = spans[zone]
                spans[zone] = (min(first, span?.first ?? first), max(last, span?.last ?? last))
            }
            // Planned components: however many there are, each zone is found by one step down the
            // index of planned zones (v5) past the one before, and its first and last start at the
            // two ends of its part of that index.
            for row in try Row.fetchAll(db, sql: """
                WITH RECURSIVE zone(name) AS (
                    SELECT (SELECT MIN(timeZone) FROM feedComponent WHERE status = 'planned')
                    UNION ALL
                    SELECT (SELECT MIN(timeZone) FROM feedComponent WHERE status = 'planned' AND timeZone > zone.name)
                    FROM zone WHERE zone.name IS NOT NULL)
                SELECT name,
                    (SELECT MIN(start) FROM feedComponent WHERE status = 'planned' AND timeZone = zone.name),
                    (SELECT MAX(start) FROM feedComponent WHERE status = 'planned' AND timeZone = zone.name)
                FROM zone WHERE name IS NOT NULL
                """) {
                include(row)
            }
            // Done ones in the window: the few due since its oldest day, by status and due day.
            for row in try Row.fetchAll(db, sql: """
                SELECT timeZone, MIN(start), MAX(start) FROM feedComponent
                WHERE status = 'done' AND dueDay >= ? AND timeZone IS NOT NULL AND start IS NOT NULL GROUP BY timeZone
                """, arguments: [window.oldestDoneDay.description]) {
                include(row)
            }
            // In SQLite's order of text (its bytes), as the feed has always listed them.
            return spans.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { zone, span in
                (zone, Date(timeIntervalSince1970: span.first), Date(timeIntervalSince1970: span.last))
            }
        }
    }

    /// Every stored component the window shows, in interview and plan order: its row, and the
    /// bytes of its event and of its task, pointing into SQLite's own buffers (valid only
    /// during the call).
    ///
    /// This is the whole cost of a change in a large feed, so it is read with SQLite's C API:
    /// each blob goes from the page SQLite holds straight to `body`, with no `Row` or `Data`
    /// made per component.
    public func forEachFeedComponent(in window: FeedWindow,
                                     _ body: (Int64, UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws(StoreError) {
        try reporting {
            try forEachRow(of: Self.feedComponentQuery(window)) { handle in
                try body(sqlite3_column_int64(handle, 2), Self.blob(handle, 0), Self.blob(handle, 1))
            }
        }
    }

    /// The `columns` of the components the window shows, in feed order. The id breaks ties, as
    /// in `forEachFeedFollowUp`: a done follow-up that a re-plan dropped keeps its old position,
    /// which a new one may share. The index in that order (v5) has SQLite walk it instead of
    /// sorting every event and task in a temporary table, which cost more than the rest of a
    /// change put together.
    static func feedComponentQuery(_ window: FeedWindow, columns: String = "event, task, rowid") -> (sql: String, arguments: StatementArguments) {
        let condition = window.sqlCondition
        return ("""
            SELECT \(columns) FROM feedComponent INDEXED BY feedComponent_in_feed_order
            WHERE \(condition.sql) ORDER BY interviewId, position, followUpId
            """, condition.arguments)
    }

    /// Steps `query` through SQLite's C API, handing `body` each row's statement to read its
    /// columns from, with no `Row` made per row.
    private func forEachRow(of query: (sql: String, arguments: StatementArguments), _ body: (SQLiteStatement) throws -> Void) throws {
        let statement = try db.makeStatement(sql: query.sql)
        try statement.setArguments(query.arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw stepError(code, statement) }
            try body(handle)
        }
    }

    /// Column `index` of the current row as bytes; empty for NULL or an empty blob.
    private static func blob(_ handle: SQLiteStatement, _ index: Int32) -> UnsafeRawBufferPointer {
        // `sqlite3_column_blob` first, then the length, as SQLite's documentation asks.
        guard let bytes = sqlite3_column_blob(handle, index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// The rows of the components the window shows, in feed order, read from the feed-order
    /// index alone (it holds the row, as every SQLite index does): no component is read.
    /// Stepped through SQLite's C API: a `fetchAll` decoding tens of thousands of rows took
    /// three times as long.
    public func feedComponentRows(in window: FeedWindow) throws(StoreError) -> [Int64] {
        try reporting {
            var rows: [Int64] = []
            try forEachRow(of: Self.feedComponentQuery(window, columns: "rowid")) { handle in
                rows.append(sqlite3_column_int64(handle, 0))
            }
            return rows
        }
    }

    /// The error of a failed `sqlite3_step` of `statement`, as GRDB would have thrown it.
    private func stepError(_ code: Int32, _ statement: Statement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }

    /// The event and task of the component in `row`, pointing into SQLite's own buffers
    /// (valid only during the call).
    public func withFeedComponent(row: Int64, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) throws(StoreError) {
        try reporting {
            let statement = try db.cachedStatement(sql: "SELECT event, task FROM feedComponent WHERE rowid = ?")
            try statement.setArguments([row])
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                if code == SQLITE_DONE { throw StoreError.corrupt("no feed component in row \(row)") }
                throw stepError(code, statement)
            }
            try body(Self.blob(handle, 0), Self.blob(handle, 1))
        }
    }

    public func setting(_ key: String) throws(StoreError) -> String? {
        try reporting {
            try SettingRow.fetchOne(db, key: key)?.value
        }
    }

    public func setSetting(_ key: String, _ value: String) throws(StoreError) {
        try reporting {
            try SettingRow(key: key, value: value).save(db)
        }
    }
}
