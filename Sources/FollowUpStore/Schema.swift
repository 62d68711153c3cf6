import GRDB

/// The store's schema, one migration per release that changed it. Migrations only ever add:
/// an old store file is brought up to date in place, never rebuilt.
public enum StoreSchema {
    public static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-interviews") { db in
            try db.create(table: "interview") { table in
                table.primaryKey("id", .text)
                table.column("start", .double).notNull()
                table.column("timeZone", .text).notNull()
                table.column("company", .text)
                table.column("role", .text)
                table.column("mainContact", .integer).notNull().defaults(to: 0)
                table.column("instructions", .text).notNull()
                table.column("schedule", .text).notNull()
                table.column("state", .text).notNull().defaults(to: "open")
                table.column("outcome", .text)
                table.column("endedAt", .double)
                table.column("createdAt", .double).notNull()
                table.column("updatedAt", .double).notNull()
            }
            try db.create(table: "interviewer") { table in
                table.autoIncrementedPrimaryKey("rowid")
                table.column("interviewId", .text).notNull().indexed()
                    .references("interview", onDelete: .cascade)
                table.column("position", .integer).notNull()
                table.column("name", .text).notNull()
                table.column("givenName", .text)
                table.column("organization", .text)
                table.column("title", .text)
                table.column("emails", .text).notNull()
                table.column("phones", .text).notNull()
                table.column("timeZone", .text)
            }
            try db.create(table: "followUp") { table in
                table.primaryKey("id", .text)
                table.column("interviewId", .text).notNull().indexed()
                    .references("interview", onDelete: .cascade)
                table.column("position", .integer).notNull()
                table.column("action", .text).notNull()
                table.column("interviewerPosition", .integer)
                table.column("address", .text).notNull()
                table.column("day", .text)
                table.column("start", .double)
                table.column("minutes", .integer)
                table.column("timeZone", .text)
                table.column("summary", .text).notNull()
                table.column("details", .text).notNull()
                table.column("draftSubject", .text)
                table.column("draftBody", .text)
                table.column("draftLink", .text)
                table.column("rule", .integer).notNull()
                table.column("reason", .text).notNull()
                table.column("status", .text).notNull().defaults(to: "planned")
                table.column("doneAt", .double)
                table.column("cancelReason", .text)
                table.column("sequence", .integer).notNull().defaults(to: 0)
                table.column("modifiedAt", .double).notNull()
            }
        }

        migrator.registerMigration("v2-history-and-settings") { db in
            try db.create(table: "history") { table in
                table.autoIncrementedPrimaryKey("rowid")
                table.column("at", .double).notNull()
                table.column("interviewId", .text).notNull().indexed()
                table.column("followUpId", .text)
                table.column("event", .text).notNull()
            }
            try db.create(table: "setting") { table in
                table.primaryKey("key", .text)
                table.column("value", .text).notNull()
            }
            // Stores from v1 had no history: record that their interviews were added.
            try db.execute(sql: """
                INSERT INTO history (at, interviewId, followUpId, event)
                SELECT createdAt, id, NULL, 'added' FROM interview
                """)
        }
        migrator.registerMigration("v3-follow-up-order") { db in
            // Lists and feeds read follow-ups in interview and plan order; with this index
            // SQLite walks them in that order instead of sorting each interview's.
            try db.create(index: "followUp_on_interviewId_position", on: "followUp", columns: ["interviewId", "position"])
        }
        migrator.registerMigration("v4-calendar-sync") { db in
            // The user's CalDAV/CardDAV accounts. Never a password: those come from a file,
            // ~/.netrc or the environment each time.
            try db.create(table: "remote") { table in
                table.primaryKey("name", .text)
                table.column("url", .text).notNull()
                table.column("user", .text)
                // Where the password is read from at each sync, when a file: the path, never its content.
                table.column("passwordFile", .text)
                table.column("calendarURL", .text)
                table.column("addressBookURL", .text)
                table.column("calendarSyncToken", .text)
                table.column("createdAt", .double).notNull()
            }
            // One row per object on a server: where it is, the ETag it had when last seen, and
            // what was pushed. A row is written before its PUT (`confirmed` 0), so a sync cut
            // off between the two finds the object again at its href instead of duplicating it.
            try db.create(table: "remoteObject") { table in
                table.column("remote", .text).notNull().references("remote", onDelete: .cascade)
                table.column("key", .text).notNull()
                table.column("followUpId", .text)
                table.column("href", .text).notNull()
                table.column("etag", .text)
                table.column("confirmed", .boolean).notNull().defaults(to: false)
                table.column("sequence", .integer)
                table.column("contentHash", .text)
                table.primaryKey(["remote", "key"])
            }
        }
        return migrator
    }
}
