import Foundation
import FollowUpPlanning
import GRDB

/// The whole store as one versioned JSON document, for backups and for moving a job search to
/// another computer (docs/import-export.md). Rows are written as they are stored, so an
/// archive read back into an empty store gives the same interviews, follow-up ids (the feed's
/// UIDs), sequences and history. Times are seconds since 1970-01-01 UTC.
struct StoreArchive: Codable {
    static let formatName = "followup-store"
    static let currentVersion = 1

    var format: String
    var version: Int
    var interviews: [ArchivedInterview]
    /// History lines of interviews that were removed (an interview's own are in it).
    var removedInterviewHistory: [ArchivedHistory]
    var settings: [String: String]
    /// The candidate who signs the drafts; absent when none was set.
    var profile: ArchivedProfile?
}

struct ArchivedProfile: Codable {
    var name: String?
    var emails: [String]
    var phone: String?
    var signature: String?
}

struct ArchivedInterview: Codable {
    var id: String
    var start: Double
    var timeZone: String
    var company: String?
    var role: String?
    var mainContact: Int
    var instructions: InstructionsColumn
    var schedule: ScheduleColumn
    var state: String
    var outcome: String?
    var endedAt: Double?
    var createdAt: Double
    var updatedAt: Double
    /// `onsite`, `phone` or `video`; archives written before interviews had a form lack it.
    var format: String?
    var interviewers: [ArchivedInterviewer]
    var followUps: [ArchivedFollowUp]
    var history: [ArchivedHistory]
}

struct ArchivedInterviewer: Codable {
    var name: String
    var givenName: String?
    var familyName: String?
    var honorificPrefix: String?
    var organization: String?
    var title: String?
    var emails: [ContactColumn]
    var phones: [ContactColumn]
    var timeZone: String?
    var timeZoneSource: String?
    /// The card's picture, base64 in the document.
    var photo: Photo?
}

struct ArchivedFollowUp: Codable {
    var id: String
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
}

struct ArchivedHistory: Codable {
    var at: Double
    var interviewId: String?
    var followUpId: String?
    var event: String
}

extension InterviewStore {
    /// The whole store as JSON (pretty-printed, keys sorted). Of the settings, only those named
    /// in `settingKeys` go in: others hold a machine's paths or secrets (the feed's token).
    public func exportArchive(settingKeys: Set<String>) throws -> Data {
        let archive = try readForArchive { db in
            let interviewers = Dictionary(grouping: try InterviewerRow.order(Column("interviewId"), Column("position")).fetchAll(db), by: \.interviewId)
            let followUps = Dictionary(grouping: try FollowUpRow.order(Column("interviewId"), Column("position")).fetchAll(db), by: \.interviewId)
            let history = try HistoryRow.order(Column("rowid")).fetchAll(db)
            let historyByInterview = Dictionary(grouping: history, by: \.interviewId)
            let rows = try InterviewRow.order(Column("start"), Column("id")).fetchAll(db)
            let ids = Set(rows.map(\.id))
            let interviews = try rows.map { row in
                ArchivedInterview(
                    id: row.id, start: row.start, timeZone: row.timeZone, company: row.company, role: row.role, mainContact: row.mainContact,
                    instructions: try JSONColumn.decode(InstructionsColumn.self, row.instructions),
                    schedule: try JSONColumn.decode(ScheduleColumn.self, row.schedule), state: row.state, outcome: row.outcome,
                    endedAt: row.endedAt, createdAt: row.createdAt, updatedAt: row.updatedAt, format: row.format,
                    interviewers: try (interviewers[row.id] ?? []).map { person in
                        ArchivedInterviewer(name: person.name, givenName: person.givenName, familyName: person.familyName,
                                            honorificPrefix: person.honorificPrefix, organization: person.organization, title: person.title,
                                            emails: try JSONColumn.decode([ContactColumn].self, person.emails),
                                            phones: try JSONColumn.decode([ContactColumn].self, person.phones), timeZone: person.timeZone,
                                            timeZoneSource: person.timeZoneSource,
                                            photo: person.photo.flatMap { data in person.photoType.map { Photo(data: data, mediaType: $0) } })
                    },
                    followUps: (followUps[row.id] ?? []).map(ArchivedFollowUp.init),
                    history: (historyByInterview[row.id] ?? []).map { ArchivedHistory(at: $0.at, interviewId: nil, followUpId: $0.followUpId, event: $0.event) })
            }
            let removed = history.filter { !ids.contains($0.interviewId) }
                .map { ArchivedHistory(at: $0.at, interviewId: $0.interviewId, followUpId: $0.followUpId, event: $0.event) }
            var settings: [String: String] = [:]
            for row in try SettingRow.fetchAll(db) where settingKeys.contains(row.key) { settings[row.key] = row.value }
            let profile = try ProfileRow.fetchOnly(db).map { row in
                ArchivedProfile(name: row.name, emails: try JSONColumn.decode([String].self, row.emails), phone: row.phone, signature: row.signature)
            }
            return StoreArchive(format: StoreArchive.formatName, version: StoreArchive.currentVersion, interviews: interviews,
                                removedInterviewHistory: removed, settings: settings, profile: profile)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(archive)
    }

    /// Reads an archive into the store in one transaction. Interviews whose id is already
    /// stored are skipped, so importing the same backup twice adds nothing; settings are taken
    /// only where `settingKeys` names them. A malformed archive changes nothing.
    public func importArchive(_ data: Data, settingKeys: Set<String>, afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws -> ImportSummary {
        let archive: StoreArchive
        do {
            archive = try JSONDecoder().decode(StoreArchive.self, from: data)
        } catch let error as DecodingError {
            throw StoreError.badArchive(ArchiveDecoding.describe(error))
        }
        guard archive.format == StoreArchive.formatName else {
            throw StoreError.badArchive("its format is '\(archive.format)', not '\(StoreArchive.formatName)'")
        }
        guard archive.version <= StoreArchive.currentVersion else {
            throw StoreError.badArchive("it is version \(archive.version), written by a newer followup; this one reads up to version \(StoreArchive.currentVersion)")
        }
        return try writeForArchive(afterChange) { db in
            var summary = ImportSummary()
            for item in archive.interviews {
                if try InterviewRow.exists(db, id: item.id) {
                    summary.alreadyStored.append(item.id)
                    continue
                }
                try InterviewRow(id: item.id, start: item.start, timeZone: item.timeZone, company: item.company, role: item.role,
                                 mainContact: item.mainContact, instructions: try JSONColumn.encode(item.instructions),
                                 schedule: try JSONColumn.encode(item.schedule), state: item.state, outcome: item.outcome,
                                 endedAt: item.endedAt, createdAt: item.createdAt, updatedAt: item.updatedAt,
                                 format: item.format ?? Interview.Format.onsite.rawValue).insert(db)
                for (position, person) in item.interviewers.enumerated() {
                    try InterviewerRow(interviewId: item.id, position: position, name: person.name, givenName: person.givenName,
                                       familyName: person.familyName, honorificPrefix: person.honorificPrefix,
                                       organization: person.organization, title: person.title, emails: try JSONColumn.encode(person.emails),
                                       phones: try JSONColumn.encode(person.phones), timeZone: person.timeZone,
                                       timeZoneSource: person.timeZoneSource, photo: person.photo?.data,
                                       photoType: person.photo?.mediaType).insert(db)
                }
                for (position, followUp) in item.followUps.enumerated() {
                    try followUp.row(interviewId: item.id, position: position).insert(db)
                }
                for line in item.history {
                    try HistoryRow(at: line.at, interviewId: item.id, followUpId: line.followUpId, event: line.event).insert(db)
                }
                // Read it back as every command will: an archive that names an unknown zone,
                // action or date fails here, and nothing is imported.
                do {
                    _ = try Self.storedInterview(db, id: item.id)
                } catch StoreError.corrupt(let reason) {
                    throw StoreError.badArchive("interview \(item.id): \(reason.replacingOccurrences(of: "the store is damaged: ", with: ""))")
                }
                summary.added.append(item.id)
            }
            for line in archive.removedInterviewHistory {
                guard let interviewId = line.interviewId else { continue }
                let known = try HistoryRow.filter(Column("interviewId") == interviewId && Column("at") == line.at && Column("event") == line.event).fetchCount(db)
                if known == 0 { try HistoryRow(at: line.at, interviewId: interviewId, followUpId: line.followUpId, event: line.event).insert(db) }
            }
            // A profile already here is this computer's user: an archive does not replace it.
            if let profile = archive.profile, try !ProfileRow.exists(db, key: ProfileRow.onlyID) {
                try ProfileRow(name: profile.name, emails: try JSONColumn.encode(profile.emails), phone: profile.phone,
                               signature: profile.signature).insert(db)
            }
            for (key, value) in archive.settings where settingKeys.contains(key) {
                try SettingRow(key: key, value: value).save(db)
            }
            return summary
        }
    }
}

extension ArchivedFollowUp {
    init(_ row: FollowUpRow) {
        self.init(id: row.id, action: row.action, interviewerPosition: row.interviewerPosition, address: row.address, day: row.day,
                  start: row.start, minutes: row.minutes, timeZone: row.timeZone, summary: row.summary, details: row.details,
                  draftSubject: row.draftSubject, draftBody: row.draftBody, draftLink: row.draftLink, rule: row.rule, reason: row.reason,
                  status: row.status, doneAt: row.doneAt, cancelReason: row.cancelReason, sequence: row.sequence, modifiedAt: row.modifiedAt)
    }

    func row(interviewId: String, position: Int) -> FollowUpRow {
        FollowUpRow(id: id, interviewId: interviewId, position: position, action: action, interviewerPosition: interviewerPosition,
                    address: address, day: day, start: start, minutes: minutes, timeZone: timeZone, summary: summary, details: details,
                    draftSubject: draftSubject, draftBody: draftBody, draftLink: draftLink, rule: rule, reason: reason, status: status,
                    doneAt: doneAt, cancelReason: cancelReason, sequence: sequence, modifiedAt: modifiedAt)
    }
}

/// A decoding error as a sentence that names where in the document it is.
enum ArchiveDecoding {
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the document" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "it is not JSON (\(context.debugDescription))" : "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not a \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected a \(type)"
        @unknown default:
            return "\(error)"
        }
    }
}
