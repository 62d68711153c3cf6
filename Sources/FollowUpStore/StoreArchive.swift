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
    /// The name's other parts (`N`); archives written before they were kept lack them.
    var additionalNames: String?
    var honorificSuffix: String?
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

extension ArchivedInterview {
    /// What lies outside the span the store takes (`StoredValueLimits`), named by its field;
    /// nil when nothing does. Checked before anything is written, as a stored value past it
    /// would make every later command that reads the interview trap.
    var outOfRange: String? {
        func instant(_ field: String, _ seconds: Double?) -> String? {
            guard let seconds, !StoredValueLimits.contains(secondsSince1970: seconds) else { return nil }
            return "\(field) \(seconds) is not an instant in \(StoredValueLimits.yearsDescription)"
        }
        let own = [instant("start", start), instant("endedAt", endedAt), instant("createdAt", createdAt),
                   instant("updatedAt", updatedAt)]
        if let reason = own.lazy.compactMap({ $0 }).first { return reason }
        for (index, followUp) in followUps.enumerated() {
            let place = "followUps[\(index)] (\(followUp.id))"
            let instants = [instant("start", followUp.start), instant("doneAt", followUp.doneAt), instant("modifiedAt", followUp.modifiedAt)]
            if let reason = instants.lazy.compactMap({ $0 }).first { return "\(place) \(reason)" }
            if let day = followUp.day, let parsed = CalendarDay(iso: day), !StoredValueLimits.contains(parsed) {
                return "\(place) day \(day) is not in \(StoredValueLimits.yearsDescription)"
            }
            guard StoredValueLimits.sequences.contains(followUp.sequence) else {
                return "\(place) sequence \(followUp.sequence) is not between \(StoredValueLimits.sequences.lowerBound) "
                    + "and \(StoredValueLimits.sequences.upperBound)"
            }
        }
        for (index, line) in history.enumerated() {
            if let reason = instant("at", line.at) { return "history[\(index)] \(reason)" }
        }
        return nil
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
            return context.codingPath.isEmpty
                ? "it is not JSON (\(context.debugDescription))"
                : "\(path(context.codingPath)): \(context.debugDescription)"
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
