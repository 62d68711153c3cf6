import FollowUpPlanning
import Foundation
import GRDB

/// How far one folder of a mail account was read.
public struct MailFolderMark: Sendable, Hashable {
    public var folder: String
    public var uidValidity: UInt32
    /// The highest UID read; new mail is above it.
    public var lastUID: UInt32

    public init(folder: String, uidValidity: UInt32, lastUID: UInt32) {
        self.folder = folder
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// An invitation found in the mailbox that is not (yet) a stored interview.
public struct InboxInvitation: Sendable, Hashable {
    /// A short id the user types (`add --invite inbox:ID`).
    public var id: String
    public var remote: String
    public var messageID: String?
    public var eventUID: String
    public var summary: String
    public var start: Date?
    public var organizer: String?
    /// The message's own `Date:`.
    public var sentAt: Date?
    /// The whole message, as it arrived.
    public var message: [UInt8]
    /// Whether it was stored as an interview.
    public var added: Bool

    public init(id: String, remote: String, messageID: String?, eventUID: String, summary: String, start: Date?, organizer: String?,
                sentAt: Date?, message: [UInt8], added: Bool = false) {
        self.id = id
        self.remote = remote
        self.messageID = messageID
        self.eventUID = eventUID
        self.summary = summary
        self.start = start
        self.organizer = organizer
        self.sentAt = sentAt
        self.message = message
        self.added = added
    }
}

/// What the store knows of one follow-up's draft in a mail account's Drafts folder.
public struct MailDraftRecord: Sendable, Hashable {
    public var followUpID: String
    public var messageID: String
    /// A digest of the message's text as appended: a different one means the draft changed.
    public var contentHash: String
    /// Its UID in the Drafts folder; nil while the APPEND is not confirmed.
    public var uid: UInt32?
    public var uidValidity: UInt32?
    /// Earlier versions appended and still to remove.
    public var staleUIDs: [UInt32]
    /// The user edited, sent or deleted it: it is theirs, and never touched again.
    public var handedOver: Bool

    public init(followUpID: String, messageID: String, contentHash: String, uid: UInt32?, uidValidity: UInt32?, staleUIDs: [UInt32] = [],
                handedOver: Bool = false) {
        self.followUpID = followUpID
        self.messageID = messageID
        self.contentHash = contentHash
        self.uid = uid
        self.uidValidity = uidValidity
        self.staleUIDs = staleUIDs
        self.handedOver = handedOver
    }
}

/// A message from someone met at an interview, after it.
public struct InterviewReply: Sendable, Hashable {
    public var interviewID: String
    public var address: String
    public var name: String?
    public var sentAt: Date
    public var messageID: String

    /// "Riley Park replied on Mon 14 Dec", the day on `zone`'s calendar.
    public func sentence(in zone: TimeZone) -> String {
        "\(name ?? address) replied on \(Planner.describeShortDay(CalendarDay(sentAt, in: zone)))"
    }

    public init(interviewID: String, address: String, name: String?, sentAt: Date, messageID: String) {
        self.interviewID = interviewID
        self.address = address
        self.name = name
        self.sentAt = sentAt
        self.messageID = messageID
    }
}

extension InterviewStore {
    // MARK: Folders

    public func mailFolderMarks(of remote: String) throws(StoreError) -> [String: MailFolderMark] {
        try read { db in
            var marks: [String: MailFolderMark] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT folder, uidValidity, lastUid FROM mailFolder WHERE remote = ?", arguments: [remote]) {
                let mark = MailFolderMark(folder: row["folder"], uidValidity: UInt32(clamping: row["uidValidity"] as Int64),
                                          lastUID: UInt32(clamping: row["lastUid"] as Int64))
                marks[mark.folder] = mark
            }
            return marks
        }
    }

    static func save(_ db: Database, _ mark: MailFolderMark, of remote: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO mailFolder (remote, folder, uidValidity, lastUid) VALUES (?, ?, ?, ?)",
                       arguments: [remote, mark.folder, Int64(mark.uidValidity), Int64(mark.lastUID)])
    }

    /// Saves how far a folder was read, with whatever was found in the same transaction: a sync
    /// cut off before it reads the same messages again, and finds what they say already done.
    public func saveMailFolderMark(_ mark: MailFolderMark, of remote: String) throws(StoreError) {
        try write { db in try Self.save(db, mark, of: remote) }
    }

    // MARK: Inbox

    /// Invitations found and not stored, oldest first.
    public func inbox() throws(StoreError) -> [InboxInvitation] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mailInvitation WHERE added = 0 ORDER BY COALESCE(sentAt, 0), id").map(Self.inboxInvitation)
        }
    }

    /// The invitation whose id is or starts with `query`.
    public func inboxInvitation(_ query: String) throws(StoreError) -> InboxInvitation {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM mailInvitation WHERE id = ? OR id LIKE ? ESCAPE '\\'",
                                        arguments: [query, Self.likePrefix(query)])
            guard !rows.isEmpty, !query.isEmpty else { throw StoreError.noSuchInboxInvitation(query: query) }
            if let exact = rows.first(where: { ($0["id"] as String) == query }) { return Self.inboxInvitation(exact) }
            guard rows.count == 1 else {
                throw StoreError.ambiguous(query: query, matches: rows.map { "\($0["id"] as String)  \($0["summary"] as String)" })
            }
            return Self.inboxInvitation(rows[0])
        }
    }

    private static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    private static func inboxInvitation(_ row: Row) -> InboxInvitation {
        InboxInvitation(id: row["id"], remote: row["remote"], messageID: row["messageId"], eventUID: row["eventUid"], summary: row["summary"],
                        start: (row["start"] as Double?).map(Date.init(timeIntervalSince1970:)), organizer: row["organizer"],
                        sentAt: (row["sentAt"] as Double?).map(Date.init(timeIntervalSince1970:)), message: [UInt8](row["message"] as Data),
                        added: row["added"])
    }

    static func save(_ db: Database, _ invitation: InboxInvitation) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO mailInvitation (id, remote, messageId, eventUid, summary, start, organizer, sentAt, message, added)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [invitation.id, invitation.remote, invitation.messageID, invitation.eventUID, invitation.summary,
                        invitation.start?.timeIntervalSince1970, invitation.organizer, invitation.sentAt?.timeIntervalSince1970,
                        Data(invitation.message), invitation.added])
    }

    /// Marks an inbox invitation as stored: it leaves the list.
    public func markInboxInvitationAdded(_ id: String) throws(StoreError) {
        try write { db in try db.execute(sql: "UPDATE mailInvitation SET added = 1 WHERE id = ?", arguments: [id]) }
    }

    // MARK: Drafts

    public func mailDrafts(of remote: String) throws(StoreError) -> [String: MailDraftRecord] {
        try read { db in
            var records: [String: MailDraftRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM mailDraft WHERE remote = ?", arguments: [remote]) {
                let stale = (row["staleUids"] as String).split(separator: ",").compactMap { UInt32($0) }
                let record = MailDraftRecord(followUpID: row["followUpId"], messageID: row["messageId"], contentHash: row["contentHash"],
                                             uid: (row["uid"] as Int64?).map { UInt32(clamping: $0) },
                                             uidValidity: (row["uidValidity"] as Int64?).map { UInt32(clamping: $0) },
                                             staleUIDs: stale, handedOver: row["handedOver"])
                records[record.followUpID] = record
            }
            return records
        }
    }

    public func saveMailDraft(_ record: MailDraftRecord, of remote: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO mailDraft (remote, followUpId, messageId, contentHash, uid, uidValidity, staleUids, handedOver)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [remote, record.followUpID, record.messageID, record.contentHash, record.uid.map { Int64($0) },
                            record.uidValidity.map { Int64($0) }, record.staleUIDs.map { String($0) }.joined(separator: ","), record.handedOver])
        }
    }

    public func forgetMailDraft(followUpID: String, of remote: String) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM mailDraft WHERE remote = ? AND followUpId = ?", arguments: [remote, followUpID]) }
    }

    // MARK: What the mailbox said

    /// What one folder's new messages say, stored in one transaction with the folder's mark.
    public struct MailFindings: Sendable {
        public var mark: MailFolderMark
        public var invitations: [InboxInvitation] = []
        public var replies: [InterviewReply] = []
        /// Follow-ups done, each at the time of the message that did it.
        public var done: [(followUpID: String, at: Date, note: String)] = []
        /// Check-ins moved later.
        public var moved: [(followUpID: String, day: CalendarDay, note: String)] = []

        public init(mark: MailFolderMark) {
            self.mark = mark
        }

        /// Whether storing them changes more than the mark.
        public var changesSomething: Bool { !invitations.isEmpty || !replies.isEmpty || !done.isEmpty || !moved.isEmpty }
    }

    /// Stores what a folder's new messages say and how far it was read: all of it, or nothing.
    public func record(_ findings: MailFindings, of remote: String, at now: Date,
                       afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) {
        let changes = !findings.done.isEmpty || !findings.moved.isEmpty
        try write(changes ? afterChange : nil) { db in
            for invitation in findings.invitations { try Self.keep(db, invitation) }
            for reply in findings.replies {
                try db.execute(sql: "INSERT OR IGNORE INTO interviewReply (interviewId, address, name, sentAt, messageId) VALUES (?, ?, ?, ?, ?)",
                               arguments: [reply.interviewID, reply.address, reply.name, reply.sentAt.timeIntervalSince1970, reply.messageID])
            }
            for item in findings.done {
                guard var row = try FollowUpRow.fetchOne(db, id: item.followUpID), row.status == "planned" else { continue }
                row.status = "done"
                row.doneAt = item.at.timeIntervalSince1970
                row.sequence += 1
                row.modifiedAt = now.timeIntervalSince1970
                try row.update(db)
                try HistoryRow(at: now.timeIntervalSince1970, interviewId: row.interviewId, followUpId: row.id, event: item.note).insert(db)
            }
            for item in findings.moved {
                _ = try Self.move(db, followUp: item.followUpID, to: .day(item.day), now: now, note: item.note)
            }
            try Self.save(db, findings.mark, of: remote)
        }
    }

    /// The latest reply on each interview that has one.
    public func latestReplies() throws(StoreError) -> [String: InterviewReply] {
        try read { db in
            var replies: [String: InterviewReply] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM interviewReply ORDER BY sentAt") {
                let reply = InterviewReply(interviewID: row["interviewId"], address: row["address"], name: row["name"],
                                           sentAt: Date(timeIntervalSince1970: row["sentAt"] as Double), messageID: row["messageId"])
                replies[reply.interviewID] = reply
            }
            return replies
        }
    }
}

extension InterviewStore {
    /// Keeps an invitation found in the mailbox; a later copy of the same event replaces it.
    static func keep(_ db: Database, _ invitation: InboxInvitation) throws {
        // One already added stays added: a copy of it that arrives later is not new.
        let added = try Bool.fetchOne(db, sql: "SELECT added FROM mailInvitation WHERE id = ?", arguments: [invitation.id]) ?? false
        var invitation = invitation
        invitation.added = added || invitation.added
        try save(db, invitation)
    }
}
