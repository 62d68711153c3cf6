import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import MailSync

/// The user's mail account as a partner of the job search (`docs/mailbox.md`): invitations
/// found there (`inbox`, `add --invite inbox:ID`), and `sync` with it.
extension JobSearch {
    /// Invitations found in the mailbox and not stored as interviews, oldest first.
    public func inbox() throws(FollowUpError) -> [InboxInvitation] {
        do { return try store.inbox() } catch { throw .store(error) }
    }

    /// `add --invite inbox:ID`: the invitation the mailbox holds under `id`, as a request
    /// `add` takes like a file.
    public func inboxRequest(_ id: String, _ request: InvitationRequest) throws(FollowUpError) -> InvitationRequest {
        let found: InboxInvitation
        do { found = try store.inboxInvitation(id) } catch { throw .store(error) }
        var request = request
        request.invitationFile = "inbox:\(found.id)"
        request.invitationContent = found.message
        return request
    }

    /// Takes an inbox invitation off the list once it is stored.
    public func markInboxAdded(_ name: String) throws(FollowUpError) {
        guard name.hasPrefix("inbox:") else { return }
        do { try store.markInboxInvitationAdded(String(name.dropFirst("inbox:".count))) } catch { throw .store(error) }
    }

    /// The sync of a mail account: see `MailSync`. An invitation that updates or cancels a
    /// stored interview is followed as `add --invite` follows it, keeping what the user set at
    /// `add`; a new one waits in the inbox.
    func syncMail(_ account: RemoteAccount, password: String?, dryRun: Bool, now: Date, environment: [String: String],
                  afterChange: (@Sendable (StoreSnapshot) throws -> Void)?) throws -> MailSyncReport {
        let server = MailServer(account: account.name, url: account.url, allowPlain: account.allowsPlain,
                                certificateAuthorities: environment["SSL_CERT_FILE"].nonEmpty)
        let profile = try profile()
        let sync = MailSync(store: store, account: account, server: server, user: account.user ?? "", password: password, profile: profile,
                            now: now, dryRun: dryRun, afterChange: afterChange) { message, name in
            var request = InvitationRequest(invitationFile: name, outputDirectory: FileManager.default.temporaryDirectory, profile: profile,
                                            now: now)
            request.invitationContent = message
            let (outcomes, _) = try add(request, now: now)
            return outcomes.map { "\(name): \(StoreReport.invitationOutcomes([$0]))" }
        }
        if let root = MailServer.maildirRoot(account.url) { return try MaildirSync(mail: sync, root: root).run() }
        return try sync.run()
    }
}

extension JobSearch {
    /// The latest answer from someone met, on each interview that has one, by interview id.
    public func latestReplies() throws(FollowUpError) -> [String: InterviewReply] {
        do { return try store.latestReplies() } catch { throw .store(error) }
    }
}
