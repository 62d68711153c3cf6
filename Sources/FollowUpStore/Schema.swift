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
        migrator.registerMigration("v4-interviewer-zone-source") { db in
            // Where an interviewer's zone came from when the card has no TZ (its address or
            // phone number), so a plan made again says so too.
            try db.alter(table: "interviewer") { table in table.add(column: "timeZoneSource", .text) }
        }
        migrator.registerMigration("v4-feed-components-and-read-indexes") { db in
            // The feed is assembled from each follow-up's rendered event and task, kept here and
            // rendered again only when its row changes: a change costs its own follow-ups, not
            // the whole job search. Only follow-ups a feed can show (not cancelled ones) have one.
            try db.create(table: "feedComponent") { table in
                table.primaryKey("followUpId", .text)
                    .references("followUp", onDelete: .cascade, onUpdate: .cascade)
                table.column("interviewId", .text).notNull()
                table.column("position", .integer).notNull()
                table.column("status", .text).notNull()
                // The day it is due (YYYY-MM-DD, in its own zone): what the feed window compares.
                table.column("dueDay", .text).notNull()
                table.column("start", .double)
                table.column("timeZone", .text)
                table.column("event", .blob).notNull()
                table.column("task", .blob).notNull()
            }
            try db.create(index: "feedComponent_on_interviewId_position", on: "feedComponent", columns: ["interviewId", "position"])
            try db.create(index: "feedComponent_on_status_dueDay", on: "feedComponent", columns: ["status", "dueDay"])
            // Follow-ups whose component is out of date. Triggers fill it, so every change, by
            // any code path, is seen; whoever writes the feed renders these and empties it.
            try db.create(table: "feedPending") { table in
                table.primaryKey("followUpId", .text)
            }
            try db.execute(sql: """
                CREATE TRIGGER followUp_feedPending_insert AFTER INSERT ON followUp
                BEGIN INSERT OR IGNORE INTO feedPending (followUpId) VALUES (NEW.id); END;
                CREATE TRIGGER followUp_feedPending_update AFTER UPDATE ON followUp
                BEGIN INSERT OR IGNORE INTO feedPending (followUpId) VALUES (NEW.id); END;
                INSERT INTO feedPending (followUpId) SELECT id FROM followUp;
                """)
            // Read commands read what they show: open interviews, planned follow-ups by date.
            try db.create(index: "interview_on_state", on: "interview", columns: ["state"])
            try db.create(index: "followUp_on_status_day", on: "followUp", columns: ["status", "day"])
            try db.create(index: "followUp_on_status_start", on: "followUp", columns: ["status", "start"])
        }
        migrator.registerMigration("v4-profile-and-interview-format") { db in
            // The candidate who signs the drafts: one row, id 1.
            try db.create(table: "profile") { table in
                table.primaryKey("id", .integer)
                table.column("name", .text)
                table.column("emails", .text).notNull().defaults(to: "[]")
                table.column("phone", .text)
                table.column("signature", .text)
            }
            // Interviews stored before this were all planned as held in person.
            try db.alter(table: "interview") { table in
                table.add(column: "format", .text).notNull().defaults(to: "onsite")
            }
            // For greetings: "Dear Dr. Vogel". Cards stored before keep greeting by given name.
            try db.alter(table: "interviewer") { table in
                table.add(column: "familyName", .text)
                table.add(column: "honorificPrefix", .text)
            }
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
        migrator.registerMigration("v4-interviewer-photo") { db in
            // The picture a scanned card carries, for the contact made of it (contacts export,
            // sync). Cards stored before this keep none.
            try db.alter(table: "interviewer") { table in
                table.add(column: "photo", .blob)
                table.add(column: "photoType", .text)
            }
        }
        migrator.registerMigration("v5-change-indexes") { db in
            // `add` looks for the same interview by its start (`sameInterview`): through an
            // index, not every interview, so adding or importing does not slow with the store.
            try db.create(index: "interview_on_start", on: "interview", columns: ["start"])
            // The feed is assembled in interview and plan order from the components its window
            // shows. With the window's columns in this index SQLite walks it in that order and
            // reads only the rows it keeps, instead of sorting every shown event and task.
            try db.create(index: "feedComponent_in_feed_order", on: "feedComponent",
                          columns: ["interviewId", "position", "followUpId", "status", "dueDay"])
            // The feed's header lists the zones of what it shows: read from this index alone.
            try db.create(index: "feedComponent_zones_in_window", on: "feedComponent",
                          columns: ["status", "dueDay", "timeZone", "start"])
        }
        migrator.registerMigration("v5-planned-zones-index") { db in
            // The planned components' zones, each with its first and last start, found by a few
            // steps down this index (`feedComponentZones`) instead of grouping every planned
            // component: with 10,000 open interviews that grouping was a tenth of a change.
            try db.create(index: "feedComponent_planned_zones", on: "feedComponent", columns: ["status", "timeZone", "start"])
            // It replaces the index the grouping read: the done components in the window are
            // few, found by status and due day. One index more made `feed --rebuild` 8% slower.
            try db.drop(index: "feedComponent_zones_in_window")
        }
        migrator.registerMigration("names-interviewer-name-parts") { db in
            // The other parts of a card's `N` (additional names, honorific suffix), so that an
            // exported contact keeps all five as the card gave them. Interviewers stored before
            // keep none.
            try db.alter(table: "interviewer") { table in
                table.add(column: "additionalNames", .text)
                table.add(column: "honorificSuffix", .text)
            }
        }
        migrator.registerMigration("mail-v1") { db in
            // Mail accounts are remotes too (imap://, imaps://): whether drafts go to their
            // Drafts folder, and whether plain IMAP to another machine was allowed.
            try db.alter(table: "remote") { table in
                table.add(column: "mailDrafts", .boolean).notNull().defaults(to: true)
                table.add(column: "allowPlain", .boolean).notNull().defaults(to: false)
            }
            // How far each folder of a mail account was read: new mail is what has a higher
            // UID in the same UIDVALIDITY (RFC 3501, 2.3.1.1), never what a date search finds.
            try db.create(table: "mailFolder") { table in
                table.column("remote", .text).notNull().references("remote", onDelete: .cascade)
                table.column("folder", .text).notNull()
                table.column("uidValidity", .integer).notNull()
                table.column("lastUid", .integer).notNull()
                table.primaryKey(["remote", "folder"])
            }
            // Invitations found in the mailbox and not stored as interviews (yet): the message
            // itself, so adding one later reads exactly what arrived.
            try db.create(table: "mailInvitation") { table in
                table.primaryKey("id", .text)
                table.column("remote", .text).notNull().references("remote", onDelete: .cascade)
                table.column("messageId", .text)
                table.column("eventUid", .text).notNull()
                table.column("summary", .text).notNull()
                table.column("start", .double)
                table.column("organizer", .text)
                table.column("sentAt", .double)
                table.column("message", .blob).notNull()
                table.column("added", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "mailInvitation_on_eventUid", on: "mailInvitation", columns: ["remote", "eventUid"])
            // One row per follow-up whose draft went to a Drafts folder. Written before the
            // APPEND (`uid` NULL), so a sync cut off between the two finds its draft by
            // Message-ID instead of appending it twice; `staleUids` are earlier versions still to
            // remove; `handedOver` once the user edited, sent or deleted it: never touched again.
            try db.create(table: "mailDraft") { table in
                table.column("remote", .text).notNull().references("remote", onDelete: .cascade)
                table.column("followUpId", .text).notNull()
                table.column("messageId", .text).notNull()
                table.column("contentHash", .text).notNull()
                table.column("uid", .integer)
                table.column("uidValidity", .integer)
                table.column("staleUids", .text).notNull().defaults(to: "")
                table.column("handedOver", .boolean).notNull().defaults(to: false)
                table.primaryKey(["remote", "followUpId"])
            }
            // Answers from the people met, found in the mailbox: `list` and `agenda` show the
            // latest, and one from the main contact moves the check-in.
            try db.create(table: "interviewReply") { table in
                table.column("interviewId", .text).notNull().references("interview", onDelete: .cascade)
                table.column("address", .text).notNull()
                table.column("name", .text)
                table.column("sentAt", .double).notNull()
                table.column("messageId", .text).notNull()
                table.primaryKey(["interviewId", "messageId"])
            }
        }
        return migrator
    }
}
