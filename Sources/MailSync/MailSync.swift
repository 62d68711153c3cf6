import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import MailExport

/// One sync with a mail account: invitations in, drafts out, and what the user sent and was
/// answered read back (`docs/mailbox.md`).
///
/// Every folder is read from where the last sync stopped (its UIDVALIDITY and highest UID),
/// so a second sync with nothing new asks for no message at all. What a folder's new messages
/// say is stored in one transaction with its new mark: a sync cut off half-way reads the same
/// messages again and finds what they say already done. A draft is recorded before it is
/// appended and found again by its Message-ID, so none is appended twice.
public struct MailSync {
    /// Follows an invitation that updates or cancels a stored interview, as `add --invite` does
    /// (what the user set at `add` kept). Returns what to tell the user.
    public typealias UpdateFollower = (_ message: [UInt8], _ name: String) throws -> [String]

    let store: InterviewStore
    let account: RemoteAccount
    /// Nil for mail kept in local Maildir folders (`MaildirSync`).
    let server: MailServer?
    let user: String
    let password: String?
    let profile: Profile?
    let now: Date
    let dryRun: Bool
    let afterChange: ((StoreSnapshot) throws -> Void)?
    let followUpdate: UpdateFollower

    public init(store: InterviewStore, account: RemoteAccount, server: MailServer?, user: String, password: String?, profile: Profile?,
                now: Date, dryRun: Bool, afterChange: ((StoreSnapshot) throws -> Void)?, followUpdate: @escaping UpdateFollower) {
        self.store = store
        self.account = account
        self.server = server
        self.user = user
        self.password = password
        self.profile = profile
        self.now = now
        self.dryRun = dryRun
        self.afterChange = afterChange
        self.followUpdate = followUpdate
    }

    /// The folder names tried when no folder carries the SPECIAL-USE flag (RFC 6154).
    static let draftsNames = ["Drafts", "INBOX.Drafts", "INBOX/Drafts", "[Gmail]/Drafts", "[Google Mail]/Drafts", "Draft"]
    static let sentNames = ["Sent", "INBOX.Sent", "INBOX/Sent", "[Gmail]/Sent Mail", "[Google Mail]/Sent Mail", "Sent Items", "Sent Messages",
                            "Sent Mail"]

    public func run() throws -> MailSyncReport {
        guard let server else { throw MailSyncError.invalidURL(account.url.absoluteString) }
        let session = try IMAPSession(server: server, user: user, password: password)
        var report = MailSyncReport(account: account.name)
        let folders = try session.run("LIST \"\" \"*\"").folders.filter { !$0.flags.contains("\\noselect") }
        let drafts = Self.folder(in: folders, flag: "\\drafts", names: Self.draftsNames)
        let sent = Self.folder(in: folders, flag: "\\sent", names: Self.sentNames)
        // The second connection that streams new messages' envelopes, opened when there are some.
        var stream: IMAPSession?
        try read(folder: "INBOX", role: .inbox, session: session, stream: &stream, report: &report)
        if let sent {
            try read(folder: sent, role: .sent, session: session, stream: &stream, report: &report)
        } else {
            report.lines.append("note: no Sent folder found: sent thank-yous are not read")
        }
        stream?.logOut()
        if account.sendsDrafts {
            guard let drafts else { throw MailSyncError.noFolder(account.name, role: "Drafts", tried: Self.draftsNames) }
            try DraftsFolder(sync: self, session: session, folder: drafts).update(report: &report)
        }
        return report
    }

    var myAddresses: Set<String> {
        var addresses = Set((profile?.emailAddresses ?? []).map { $0.lowercased() })
        if user.contains("@") { addresses.insert(user.lowercased()) }
        return addresses
    }

    static func folder(in folders: [MailFolder], flag: String, names: [String]) -> String? {
        if let flagged = folders.first(where: { $0.flags.contains(flag) }) { return flagged.name }
        for name in names {
            if let found = folders.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) { return found.name }
        }
        return nil
    }

    // MARK: Reading a folder

    enum Role {
        case inbox
        case sent
    }

    /// Reads the folder's messages above its mark: headers and body structure only, the whole
    /// message only for one that carries an invitation.
    private func read(folder: String, role: Role, session: IMAPSession, stream: inout IMAPSession?, report: inout MailSyncReport) throws {
        let status = try session.run("STATUS \(Self.quoted(folder)) (UIDVALIDITY UIDNEXT)")
        guard let validity = status.uidValidity, let next = status.uidNext else {
            throw MailSyncError.malformedReply(account.name, reason: "STATUS of \(folder) gave no UIDVALIDITY or UIDNEXT")
        }
        let marks = try store.mailFolderMarks(of: account.name)
        let previous = marks[folder].flatMap { $0.uidValidity == validity ? $0 : nil }
        // The first sync (or one after the server renumbered the folder) looks back by Date:.
        let since: Date? = previous == nil ? now.addingTimeInterval(-Double(MailLimits.firstSyncDays) * 86_400) : nil
        // UIDs are the server's numbers, up to UInt32.max: reckoned in Int, so none traps.
        let start = Int(previous?.lastUID ?? 0) + 1
        guard start < Int(next) else { return }
        var low = UInt32(start)
        // Who the interviewers are is read after the invitations of the folder before it were followed.
        var people = PeopleIndex(interviews: try store.interviews(includingEnded: false), me: myAddresses)
        var findings = InterviewStore.MailFindings(mark: MailFolderMark(folder: folder, uidValidity: validity, lastUID: low - 1))
        var unrecorded = 0
        if stream == nil, let server { stream = try IMAPSession.streaming(server: server, user: user, password: password) }
        guard let stream else { return }
        var invitations: [(uid: UInt32, size: Int?, headers: MessageHeaders)] = []
        func fetch(_ low: UInt32) throws -> (high: UInt32, tag: String) {
            let high = Self.lastUID(ofBatchFrom: low, before: next)
            return (high, try stream.send("UID FETCH \(low):\(high) (\(role == .inbox ? Self.inboxItems : Self.sentItems))", in: folder))
        }
        var pending = try fetch(low)
        while low < next {
            let high = pending.high
            let reply = try stream.receive(pending.tag)
            // The next batch is asked for now: the server sends it while this one is read.
            if high + 1 < next { pending = try fetch(high + 1) }
            findings.mark.lastUID = high
            for message in reply.fetched.sorted(by: { ($0.uid ?? 0) < ($1.uid ?? 0) }) {
                guard let uid = message.uid, uid >= low, uid <= high, let envelope = message.envelope else { continue }
                if let since, (MessageHeaders.date(of: envelope) ?? .distantPast) < since { continue }
                let headers = MessageHeaders(envelope: envelope)
                switch role {
                case .inbox:
                    if let structure = message.bodyStructure, BodyStructure.hasCalendarPart(structure) {
                        invitations.append((uid, message.size, headers))
                    }
                    people.reply(in: headers, findings: &findings, now: now)
                case .sent:
                    people.sent(headers, findings: &findings)
                }
            }
            report.invitationsFound += invitations.count
            report.lines += try readInvitations(invitations, in: folder, stream: stream, findings: &findings)
            invitations.removeAll()
            unrecorded += Int(high - low) + 1
            low = high + 1
            // What the messages say is stored with the mark at once; a mark alone every few thousand messages.
            if findings.changesSomething || unrecorded >= MailLimits.messagesPerMark || low >= next {
                report.add(findings)
                if !dryRun { try store.record(findings, of: account.name, at: now, afterChange: afterChange) }
                findings = InterviewStore.MailFindings(mark: findings.mark)
                unrecorded = 0
            }
        }
    }

    /// The last UID of the FETCH that starts at `low` (below `next`): at most
    /// `MailLimits.fetchBatch` UIDs, never past `next - 1`, whatever numbers the server gives.
    static func lastUID(ofBatchFrom low: UInt32, before next: UInt32) -> UInt32 {
        UInt32(min(Int(next) - 1, Int(low) + MailLimits.fetchBatch - 1))
    }

    /// What a sync reads of each new message: of the inbox, its size and structure (to find
    /// invitations) and envelope; of Sent, its envelope.
    static let inboxItems = "UID RFC822.SIZE BODYSTRUCTURE ENVELOPE"
    static let sentItems = "UID ENVELOPE"

    /// The messages that carry an invitation, read whole in one FETCH (one too large to read is
    /// named and skipped), each then followed or kept for the inbox.
    private func readInvitations(_ messages: [(uid: UInt32, size: Int?, headers: MessageHeaders)], in folder: String, stream: IMAPSession,
                                 findings: inout InterviewStore.MailFindings) throws -> [String] {
        var lines: [String] = []
        var wanted: [UInt32] = []
        for message in messages {
            if let size = message.size, size > MailLimits.maximumMessageBytes {
                lines.append("note: \(folder) message \(message.uid) (\(message.headers.subject ?? "no subject")) is over "
                    + "\(MailLimits.maximumMessageBytes >> 20) MiB: its invitation was not read")
            } else {
                wanted.append(message.uid)
            }
        }
        guard !wanted.isEmpty else { return lines }
        let reply = try stream.stream("UID FETCH \(wanted.map(String.init).joined(separator: ",")) (UID BODY.PEEK[])", in: folder)
        var bodies: [UInt32: [UInt8]] = [:]
        for message in reply.fetched { if let uid = message.uid, let body = message.section { bodies[uid] = body } }
        for message in messages {
            guard let bytes = bodies[message.uid] else { continue }
            lines += try MailedInvitation(message: bytes, name: "\(account.name):\(folder)/\(message.uid)", headers: message.headers)
                .handle(sync: self, findings: &findings)
        }
        return lines
    }

    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// What one sync with a mail account did.
public struct MailSyncReport: Sendable {
    public var account: String
    public var lines: [String] = []
    public var invitationsFound = 0
    public var repliesFound = 0
    public var markedDone = 0
    public var checkInsMoved = 0
    public var draftsAppended = 0
    public var draftsReplaced = 0
    public var draftsRemoved = 0

    public init(account: String) {
        self.account = account
    }

    mutating func add(_ findings: InterviewStore.MailFindings) {
        repliesFound += findings.replies.count
        markedDone += findings.done.count
        checkInsMoved += findings.moved.count
        lines += findings.done.map { "\($0.note)" } + findings.moved.map { "\($0.note)" }
        lines += findings.replies.map { $0.sentence(in: .current) }
    }

    /// "Mon 14 Dec", on the user's calendar: when a message was sent.
    static func day(_ date: Date) -> String {
        Planner.describeShortDay(CalendarDay(date, in: .current))
    }

    public var summary: String {
        "\(account): \(invitationsFound) invitation(s) found, \(repliesFound) reply(ies), \(markedDone) follow-up(s) done, "
            + "\(checkInsMoved) check-in(s) moved, \(draftsAppended) draft(s) added, \(draftsReplaced) replaced, \(draftsRemoved) removed"
    }
}
