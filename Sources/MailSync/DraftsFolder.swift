import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import MailExport

/// The planned e-mails of the open interviews, kept as drafts in the account's Drafts folder:
/// appended once with `\Draft`, replaced when their text changes, removed when the follow-up is
/// done or cancelled. A draft that is no longer where it was appended was edited, sent or
/// deleted by the user: it is theirs from then on and never touched again.
struct DraftsFolder {
    let sync: MailSync
    let session: IMAPSession
    let folder: String

    private var store: InterviewStore { sync.store }
    private var remote: String { sync.account.name }

    func update(report: inout MailSyncReport) throws {
        let status = try session.run("STATUS \(MailSync.quoted(folder)) (UIDVALIDITY UIDNEXT)")
        guard let validity = status.uidValidity else {
            throw MailSyncError.malformedReply(remote, reason: "STATUS of \(folder) gave no UIDVALIDITY")
        }
        var records = try store.mailDrafts(of: remote)
        let wanted = try Self.wantedDrafts(store: store, profile: sync.profile, now: sync.now)
        // Only the drafts this store appended are looked for: a folder of any size costs one SEARCH.
        let ours = records.values.flatMap { record in (record.uid.map { [$0] } ?? []) + record.staleUIDs }
        var present: Set<UInt32> = ours.isEmpty ? [] : Set(try session.run("UID SEARCH UID \(Self.set(ours))", in: folder).searchUIDs)

        for (followUpID, message) in wanted.sorted(by: { $0.key < $1.key }) {
            let hash = Self.hash(message)
            var record = records[followUpID]
            if var pending = record, pending.uid == nil, !pending.handedOver {
                // Cut off after the record was written: the APPEND may have landed.
                if let found = try findAppended(pending) {
                    pending.uid = found
                    pending.uidValidity = validity
                    try store.saveMailDraft(pending, of: remote)
                    record = pending
                    present.insert(found)
                } else {
                    try append(message, followUpID: followUpID, hash: hash, stale: pending.staleUIDs, validity: validity, report: &report)
                    continue
                }
            }
            guard var existing = record else {
                try append(message, followUpID: followUpID, hash: hash, stale: [], validity: validity, report: &report)
                continue
            }
            if existing.handedOver { continue }
            guard let uid = existing.uid, existing.uidValidity == validity, present.contains(uid) else {
                existing.handedOver = true
                if !sync.dryRun { try store.saveMailDraft(existing, of: remote) }
                continue
            }
            guard existing.contentHash != hash else { continue }
            report.draftsReplaced += 1
            report.lines.append("draft replaced: \(message.subject)")
            try append(message, followUpID: followUpID, hash: hash, stale: existing.staleUIDs + [uid], validity: validity, report: &report,
                       counting: false)
        }
        // Drafts of follow-ups that are done, cancelled, or whose interview ended or is gone.
        for (followUpID, var record) in records where wanted[followUpID] == nil {
            if !record.handedOver, let uid = record.uid, present.contains(uid) {
                record.staleUIDs.append(uid)
                report.draftsRemoved += 1
                report.lines.append("draft removed: its follow-up is no longer planned (\(followUpID.prefix(8)))")
            }
            guard !sync.dryRun else { continue }
            try expunge(record.staleUIDs)
            try store.forgetMailDraft(followUpID: followUpID, of: remote)
        }
    }

    /// The draft of every planned e-mail follow-up of an open interview, by follow-up id.
    static func wantedDrafts(store: InterviewStore, profile: Profile?, now: Date) throws -> [String: MailMessage] {
        var drafts: [String: MailMessage] = [:]
        for stored in try store.interviews(includingEnded: false) where stored.isOpen {
            for followUp in stored.followUps where followUp.status == .planned && followUp.draft != nil {
                guard followUp.action == .thankYouEmail || followUp.action == .checkInEmail else { continue }
                if let message = MailMessage(draft: followUp, profile: profile, date: now, timeZone: stored.interview.timeZone) {
                    drafts[followUp.id] = message
                }
            }
        }
        return drafts
    }

    /// Records the draft, appends it with `\Draft`, records its UID, then removes `stale`.
    private func append(_ message: MailMessage, followUpID: String, hash: String, stale: [UInt32], validity: UInt32,
                        report: inout MailSyncReport, counting: Bool = true) throws {
        if counting {
            report.draftsAppended += 1
            report.lines.append("draft added to \(folder): \(message.subject)")
        }
        guard !sync.dryRun else { return }
        var record = MailDraftRecord(followUpID: followUpID, messageID: message.messageID, contentHash: hash, uid: nil, uidValidity: validity,
                                     staleUIDs: stale)
        try store.saveMailDraft(record, of: remote)
        var uid = try session.append(Array(message.rendered.utf8), to: folder)
        if uid == nil { uid = try findAppended(record) }
        if let uid {
            // curl's APPEND sets \Seen only; a mail program shows a draft by \Draft.
            _ = try session.run("UID STORE \(uid) +FLAGS.SILENT (\\Draft)", in: folder)
        }
        record.uid = uid
        try expunge(stale)
        record.staleUIDs = []
        try store.saveMailDraft(record, of: remote)
    }

    /// The newest message in the folder with the record's Message-ID that is not one of its
    /// earlier versions.
    private func findAppended(_ record: MailDraftRecord) throws -> UInt32? {
        let reply = try session.run("UID SEARCH HEADER Message-ID \(MailSync.quoted("<\(record.messageID)>"))", in: folder)
        let found = reply.searchUIDs.filter { !record.staleUIDs.contains($0) }.max()
        if let found { _ = try session.run("UID STORE \(found) +FLAGS.SILENT (\\Draft)", in: folder) }
        return found
    }

    /// Removes messages this store appended (UIDPLUS's UID EXPUNGE touches no other message).
    private func expunge(_ uids: [UInt32]) throws {
        guard !uids.isEmpty else { return }
        let set = Self.set(uids)
        _ = try session.run("UID STORE \(set) +FLAGS.SILENT (\\Deleted)", in: folder)
        _ = try session.run("UID EXPUNGE \(set)", in: folder)
    }

    static func set(_ uids: [UInt32]) -> String {
        uids.sorted().map(String.init).joined(separator: ",")
    }

    /// A fingerprint of what the reader sees (recipients, subject, text), not of its Date.
    static func hash(_ message: MailMessage) -> String {
        var hash = FNV1a()
        for mailbox in message.to {
            hash.add((mailbox.name ?? "").utf8)
            hash.add(0)
            hash.add(mailbox.address.utf8)
            hash.add(0)
        }
        hash.add(message.subject.utf8)
        hash.add(0)
        hash.add(message.body.utf8)
        hash.add((message.from?.address ?? "").utf8)
        return String(hash.value, radix: 16)
    }
}
