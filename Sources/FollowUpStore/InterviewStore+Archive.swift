import Foundation
import FollowUpPlanning
import GRDB

extension InterviewStore {
    /// The whole store as JSON (pretty-printed, keys sorted). Of the settings, only those named
    /// in `settingKeys` go in: others hold a machine's paths or secrets (the feed's token).
    public func exportArchive(settingKeys: Set<String>) throws(StoreError) -> Data {
        let archive = try read { db in
            let interviewers = Dictionary(grouping: try InterviewerRow.order(Column("interviewId"), Column("position")).fetchAll(db),
                                          by: \.interviewId)
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
                                            honorificPrefix: person.honorificPrefix, additionalNames: person.additionalNames,
                                            honorificSuffix: person.honorificSuffix, organization: person.organization, title: person.title,
                                            emails: try JSONColumn.decode([ContactColumn].self, person.emails),
                                            phones: try JSONColumn.decode([ContactColumn].self, person.phones), timeZone: person.timeZone,
                                            timeZoneSource: person.timeZoneSource,
                                            photo: person.photo.flatMap { data in person.photoType.map { Photo(data: data, mediaType: $0) } })
                    },
                    followUps: (followUps[row.id] ?? []).map(ArchivedFollowUp.init),
                    history: (historyByInterview[row.id] ?? []).map {
                        ArchivedHistory(at: $0.at, interviewId: nil, followUpId: $0.followUpId, event: $0.event)
                    })
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
        do {
            return try encoder.encode(archive)
        } catch {
            throw .cannotEncode("the export", reason: "\(error)")
        }
    }

    /// Reads an archive into the store in one transaction. Interviews whose id is already
    /// stored are skipped, so importing the same backup twice adds nothing; settings are taken
    /// only where `settingKeys` names them. A malformed archive changes nothing.
    public func importArchive(_ data: Data, settingKeys: Set<String>,
                              afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> ImportSummary {
        let archive: StoreArchive
        do {
            archive = try JSONDecoder().decode(StoreArchive.self, from: data)
        } catch let error as DecodingError {
            throw .badArchive(ArchiveDecoding.describe(error))
        } catch {
            throw .badArchive("it cannot be read: \(error)")
        }
        guard archive.format == StoreArchive.formatName else {
            throw .badArchive("its format is '\(archive.format)', not '\(StoreArchive.formatName)'")
        }
        guard archive.version <= StoreArchive.currentVersion else {
            throw .badArchive("it is version \(archive.version), written by a newer followup; "
                              + "this one reads up to version \(StoreArchive.currentVersion)")
        }
        for item in archive.interviews {
            if let reason = item.outOfRange { throw .badArchive("interview \(item.id): \(reason)") }
        }
        return try write(afterChange) { db in
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
                                       additionalNames: person.additionalNames, honorificSuffix: person.honorificSuffix,
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
                let known = try HistoryRow.filter(Column("interviewId") == interviewId && Column("at") == line.at && Column("event") == line.event)
                    .fetchCount(db)
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
