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
        migrator.registerMigration("v4-invitations") { db in
            // An interview planned from a calendar invitation keeps what identifies the
            // organizer's event (UID, RECURRENCE-ID) and which copy it was planned from
            // (SEQUENCE, DTSTAMP), so a later copy of the invitation moves or cancels it; and
            // where it takes place, for the checklist on the day.
            try db.alter(table: "interview") { table in
                table.add(column: "location", .text)
                table.add(column: "videoLink", .text)
                table.add(column: "invitationUid", .text)
                table.add(column: "invitationRecurrenceId", .text)
                table.add(column: "invitationSequence", .integer)
                table.add(column: "invitationStamp", .double)
            }
            try db.create(index: "interview_on_invitationUid", on: "interview", columns: ["invitationUid"])
        }
        return migrator
    }
}
