import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import MailExport

/// One sync with mail kept locally in Maildir folders (`maildir:PATH`: what mutt, notmuch and
/// mbsync keep): the same rules as an IMAP account (`MailSync`), on files.
///
/// Maildir has no UIDs: a folder's mark is the newest modification time read (a delivered file
/// keeps it when a mail program moves it from `new/` to `cur/` or changes its flags), and the
/// messages of that very second are read again, which changes nothing twice. A draft is a file
/// in Drafts' `cur/` whose name holds its follow-up and the fingerprint of its text, so a sync
/// cut off finds it again by name; a draft whose file is gone was edited, sent or deleted by the
/// user, and is theirs.
public struct MaildirSync {
    let mail: MailSync
    let root: URL

    public init(mail: MailSync, root: URL) {
        self.mail = mail
        self.root = root
    }

    private var store: InterviewStore { mail.store }
    private var account: String { mail.account.name }

    public func run() throws -> MailSyncReport {
        var report = MailSyncReport(account: account)
        guard let inbox = folder(["INBOX", ""]) else {
            throw MailSyncError.connection(account, reason: "\(root.path) holds no Maildir (no cur/ and new/ folders)")
        }
        try read(inbox, name: "INBOX", role: .inbox, report: &report)
        if let sent = folder(MailSync.sentNames) {
            try read(sent, name: "Sent", role: .sent, report: &report)
        } else {
            report.lines.append("note: no Sent folder found in \(root.path): sent thank-yous are not read")
        }
        if mail.account.sendsDrafts {
            guard let drafts = folder(MailSync.draftsNames) else {
                throw MailSyncError.noFolder(account, role: "Drafts", tried: MailSync.draftsNames)
            }
            try updateDrafts(in: drafts, report: &report)
        }
        return report
    }

    /// The first of `names` that is a Maildir under the root: as it is (`Drafts`, mbsync's
    /// `[Gmail]/Drafts`), or in Maildir++'s dotted form (`.Drafts`, `.INBOX.Drafts`); `""` is the
    /// root itself.
    func folder(_ names: [String]) -> URL? {
        for name in names {
            var candidates = [name.isEmpty ? root : root.appendingPathComponent(name)]
            if !name.isEmpty {
                let dotted = name.hasPrefix("INBOX.") || name.hasPrefix("INBOX/") ? String(name.dropFirst(6)) : name
                candidates.append(root.appendingPathComponent("." + dotted.replacingOccurrences(of: "/", with: ".")))
            }
            for candidate in candidates where Self.isMaildir(candidate) { return candidate }
        }
        return nil
    }

    /// Refuses a mail account's URL that cannot work: an IMAP URL with a path, a Maildir
    /// account whose folder holds no Maildir.
    public static func check(_ url: URL, account: String) throws(MailSyncError) {
        if let root = MailServer.maildirRoot(url) {
            guard isMaildir(root) || isMaildir(root.appendingPathComponent("INBOX")) else {
                throw .connection(account, reason: "\(root.path) holds no Maildir (no cur/ and new/ folders)")
            }
        } else if MailServer(account: account, url: url) == nil || !(url.path.isEmpty || url.path == "/") {
            throw .invalidURL(url.absoluteString)
        }
    }

    static func isMaildir(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("cur").path, isDirectory: &isDirectory) && isDirectory.boolValue
            && FileManager.default.fileExists(atPath: url.appendingPathComponent("new").path)
    }

    /// The messages of a folder (`new/` and `cur/`, no dotfiles), with their modification times
    /// and sizes, oldest first.
    static func messages(in folder: URL) -> [(url: URL, modified: Date, size: Int)] {
        var found: [(URL, Date, Int)] = []
        for part in ["new", "cur"] {
            let directory = folder.appendingPathComponent(part)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where !name.hasPrefix(".") {
                let url = directory.appendingPathComponent(name)
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                      attributes[.type] as? FileAttributeType == .typeRegular,
                      let modified = attributes[.modificationDate] as? Date, let size = attributes[.size] as? Int
                else { continue }
                found.append((url, modified, size))
            }
        }
        return found.sorted { $0.1 < $1.1 }
    }

    private func read(_ folder: URL, name: String, role: MailSync.Role, report: inout MailSyncReport) throws {
        let previous = try store.mailFolderMarks(of: account)[name]
        let since = previous.map { Date(timeIntervalSince1970: Double($0.lastUID)) }
        let window = mail.now.addingTimeInterval(-Double(MailLimits.firstSyncDays) * 86_400)
        let fresh = Self.messages(in: folder).filter { message in since.map { message.modified >= $0 } ?? true }
        guard let newestMessage = fresh.last else { return }
        var people = PeopleIndex(interviews: try store.interviews(includingEnded: false), me: mail.myAddresses)
        let newest = UInt32(clamping: Int(newestMessage.modified.timeIntervalSince1970))
        var findings = InterviewStore.MailFindings(mark: MailFolderMark(folder: name, uidValidity: 0, lastUID: newest))
        for message in fresh {
            guard message.size <= MailLimits.maximumMessageBytes,
                  let bytes = FileManager.default.contents(atPath: message.url.path).map(Array.init)
            else { continue }
            let headers = MessageHeaders(bytes)
            if since == nil, (headers.date ?? .distantPast) < window { continue }
            switch role {
            case .inbox:
                if Self.mentionsCalendar(bytes) {
                    report.invitationsFound += 1
                    report.lines += try MailedInvitation(message: bytes, name: "\(account):\(message.url.lastPathComponent)", headers: headers)
                        .handle(sync: mail, findings: &findings)
                }
                people.reply(in: headers, findings: &findings, now: mail.now)
            case .sent:
                people.sent(headers, findings: &findings)
            }
        }
        report.add(findings)
        if !mail.dryRun { try store.record(findings, of: account, at: mail.now, afterChange: mail.afterChange) }
    }

    /// Whether a part of the message is a calendar: a cheap look for the MIME types and file
    /// name before the whole message is read as an invitation.
    static func mentionsCalendar(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(4 << 20), as: UTF8.self).lowercased()
        return text.contains("text/calendar") || text.contains("application/ics") || text.contains(".ics\"") || text.contains(".ics\r")
            || text.contains(".ics\n")
    }

    // MARK: Drafts

    private func updateDrafts(in folder: URL, report: inout MailSyncReport) throws {
        var records = try store.mailDrafts(of: account)
        let wanted = try DraftsFolder.wantedDrafts(store: store, profile: mail.profile, now: mail.now)
        // The folder is listed once: each draft's files by its name without flags.
        let files = Dictionary(grouping: Self.messages(in: folder).map(\.url)) { Self.baseName($0.lastPathComponent) }
        for (followUpID, message) in wanted.sorted(by: { $0.key < $1.key }) {
            let hash = DraftsFolder.hash(message)
            if let record = records[followUpID] {
                records[followUpID] = nil
                if record.handedOver { continue }
                let name = Self.draftName(followUpID, record.contentHash)
                guard let old = files[name] else {
                    var handed = record
                    handed.handedOver = true
                    if !mail.dryRun { try store.saveMailDraft(handed, of: account) }
                    continue
                }
                guard record.contentHash != hash else { continue }
                report.draftsReplaced += 1
                report.lines.append("draft replaced: \(message.subject)")
                if mail.dryRun { continue }
                try write(message, followUpID: followUpID, hash: hash, in: folder)
                Self.remove(old)
            } else {
                report.draftsAppended += 1
                report.lines.append("draft added to \(folder.lastPathComponent): \(message.subject)")
                if mail.dryRun { continue }
                try write(message, followUpID: followUpID, hash: hash, in: folder)
            }
        }
        for (followUpID, record) in records {
            let name = Self.draftName(followUpID, record.contentHash)
            if !record.handedOver, files[name] != nil {
                report.draftsRemoved += 1
                report.lines.append("draft removed: its follow-up is no longer planned (\(followUpID.prefix(8)))")
            }
            guard !mail.dryRun else { continue }
            if !record.handedOver { Self.remove(files[name] ?? []) }
            try store.forgetMailDraft(followUpID: followUpID, of: account)
        }
    }

    /// Writes the draft under its name in `cur/` (flags Draft and Seen), then records it.
    private func write(_ message: MailMessage, followUpID: String, hash: String, in folder: URL) throws {
        let url = folder.appendingPathComponent("cur").appendingPathComponent(Self.draftName(followUpID, hash) + ":2,DS")
        do { try AtomicFile.replace([(message.rendered, url)]) } catch { throw MailSyncError.connection(account, reason: error.description) }
        try store.saveMailDraft(MailDraftRecord(followUpID: followUpID, messageID: message.messageID, contentHash: hash, uid: nil, uidValidity: nil),
                                of: account)
    }

    /// Removes a draft's files; one a mail program moved or removed meanwhile is gone already.
    private static func remove(_ urls: [URL]) {
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }

    /// `followup-ID-HASH.local`: the same for the same text of the same follow-up.
    static func draftName(_ followUpID: String, _ hash: String) -> String {
        "followup-\(followUpID)-\(hash).local"
    }

    /// A Maildir file's unique name, without its `:2,FLAGS` info.
    static func baseName(_ fileName: String) -> String {
        fileName.split(separator: ":", maxSplits: 1).first.map(String.init) ?? fileName
    }
}
