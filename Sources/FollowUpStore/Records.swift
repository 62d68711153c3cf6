import Foundation
import GRDB

/// Rows as stored. Only this module sees them; the public API speaks in planner types.
struct InterviewRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "interview"
    var id: String
    var start: Double
    var timeZone: String
    var company: String?
    var role: String?
    var mainContact: Int
    var instructions: String
    var schedule: String
    var state: String
    var outcome: String?
    var endedAt: Double?
    var createdAt: Double
    var updatedAt: Double
    var format: String
    var location: String?
    var videoLink: String?
    var invitationUid: String?
    var invitationRecurrenceId: String?
    var invitationSequence: Int?
    var invitationStamp: Double?
}

struct InterviewerRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "interviewer"
    var interviewId: String
    var position: Int
    var name: String
    var givenName: String?
    var familyName: String?
    var honorificPrefix: String?
    var additionalNames: String?
    var honorificSuffix: String?
    var organization: String?
    var title: String?
    var emails: String
    var phones: String
    var timeZone: String?
    var timeZoneSource: String?
    var photo: Data?
    var photoType: String?
}

struct FollowUpRow: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "followUp"
    var id: String
    var interviewId: String
    var position: Int
    var action: String
    var interviewerPosition: Int?
    var address: String
    var day: String?
    var start: Double?
    var minutes: Int?
    var timeZone: String?
    var summary: String
    var details: String
    var draftSubject: String?
    var draftBody: String?
    var draftLink: String?
    var rule: Int
    var reason: String
    var status: String
    var doneAt: Double?
    var cancelReason: String?
    var sequence: Int
    var modifiedAt: Double

    /// Every column, in the order of the stored properties, for `init(columnsInOrder:)`.
    static let columnList = """
        id, interviewId, position, action, interviewerPosition, address, day, start, minutes, timeZone, summary, details,
        draftSubject, draftBody, draftLink, rule, reason, status, doneAt, cancelReason, sequence, modifiedAt
        """

    /// Whether what a calendar shows differs (status and bookkeeping aside).
    func differsInContent(from other: FollowUpRow) -> Bool {
        action != other.action || address != other.address || day != other.day || start != other.start
            || minutes != other.minutes || timeZone != other.timeZone || summary != other.summary
            || details != other.details || draftBody != other.draftBody || interviewerPosition != other.interviewerPosition
    }
}

struct HistoryRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "history"
    var at: Double
    var interviewId: String
    var followUpId: String?
    var event: String
}

/// The candidate's profile; the table holds one row, with id 1.
struct ProfileRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "profile"
    static let onlyID = 1
    var id: Int = onlyID
    var name: String?
    var emails: String
    var phone: String?
    var signature: String?
}

struct SettingRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}

extension FollowUpRow {
    /// A row selected with `columnList`, read by position: a feed reads tens of thousands, and
    /// looking each column up by name would cost more than the rest of the read.
    init(columnsInOrder row: Row) {
        self.init(id: row[0], interviewId: row[1], position: row[2], action: row[3], interviewerPosition: row[4],
                  address: row[5], day: row[6], start: row[7], minutes: row[8], timeZone: row[9], summary: row[10],
                  details: row[11], draftSubject: row[12], draftBody: row[13], draftLink: row[14], rule: row[15],
                  reason: row[16], status: row[17], doneAt: row[18], cancelReason: row[19], sequence: row[20],
                  modifiedAt: row[21])
    }
}

// A calendar and address book account, and what was last pushed to it (`sync`).
struct RemoteRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "remote"
    var name: String
    var url: String
    var user: String?
    var passwordFile: String?
    var calendarURL: String?
    var addressBookURL: String?
    var calendarSyncToken: String?
    var createdAt: Double
    var mailDrafts: Bool = true
    var allowPlain: Bool = false

    var account: RemoteAccount? {
        guard let url = URL(string: url) else { return nil }
        return RemoteAccount(name: name, url: url, user: user, passwordFile: passwordFile, calendarURL: calendarURL.flatMap(URL.init(string:)),
                             addressBookURL: addressBookURL.flatMap(URL.init(string:)), calendarSyncToken: calendarSyncToken,
                             sendsDrafts: mailDrafts, allowsPlain: allowPlain)
    }
}

struct RemoteObjectRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "remoteObject"
    var remote: String
    var key: String
    var followUpId: String?
    var href: String
    var etag: String?
    var confirmed: Bool
    var sequence: Int?
    var contentHash: String?

    init(remote: String, _ object: RemoteObject) {
        self.remote = remote
        key = object.key
        followUpId = object.followUpID
        href = object.href
        etag = object.etag
        confirmed = object.confirmed
        sequence = object.sequence
        contentHash = object.contentHash
    }

    var object: RemoteObject {
        RemoteObject(key: key, followUpID: followUpId, href: href, etag: etag, confirmed: confirmed, sequence: sequence, contentHash: contentHash)
    }
}
