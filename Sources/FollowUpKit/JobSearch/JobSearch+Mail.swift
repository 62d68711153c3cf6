import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import MailSync

/// The user's mail account as a partner of the job search (`docs/mailbox.md`): invitations
/// found there (`inbox`, `add --invite inbox:ID`), and `sync` with it.
extension JobSearch {
    /// `add --invite inbox:ID`: the invitation the mailbox holds under `id`, as a request
    /// `add` takes like a file.
    func inboxRequest(_ id: String, _ request: InvitationRequest) throws(FollowUpError) -> InvitationRequest {
        let found: InboxInvitation
        do { found = try store.inboxInvitation(id) } catch { throw .store(error) }
        var request = request
        (request.invitationFile, request.invitationContent) = ("inbox:\(found.id)", found.message)
        return request
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
