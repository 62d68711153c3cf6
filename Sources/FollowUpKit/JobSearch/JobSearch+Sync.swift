import FeedPublishing
import CalendarSync
import FollowUpStore
import Foundation
import MailSync

/// What `followup remote` and `followup sync` do: accounts on the user's own calendar and
/// address book servers, and the two-way sync with them.
extension JobSearch {
    /// Stores an account. The URL may be the server's root, a principal or a collection; the
    /// rest is found at the first sync. A password file is checked now, so a file others can
    /// read is refused before anything is stored, and only its path is kept.
    ///
    /// Plain http:// is refused for any host but this machine's loopback (127.0.0.0/8, ::1,
    /// localhost) unless `allowHTTP`: the password and the job search would cross the network
    /// readable by anyone on the way. `plainHTTPWarning(for:)` says so when it is allowed.
    ///
    /// An `imap://` or `imaps://` URL is a mail account (`docs/mailbox.md`): its planned e-mails
    /// go to its Drafts folder unless `drafts` is false; `allowHTTP` there lets a server that
    /// offers no STARTTLS be used without TLS.
    public func addRemote(name: String, url text: String, user: String?, passwordFile: String?, allowHTTP: Bool = false,
                          drafts: Bool = true, now: Date) throws(FollowUpError) -> RemoteAccount {
        guard let url = MailServer.maildirURL(text) ?? URL(string: text) else { throw .sync(.invalidURL(text)) }
        if MailServer.isMailURL(url) {
            do { try MaildirSync.check(url, account: name) } catch { throw .mail(error) }
        } else {
            guard let origin = Origin(url) else { throw .sync(.invalidURL(text)) }
            guard !origin.isInTheClear || allowHTTP else { throw .sync(.plainHTTP(text)) }
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw .invalidValue(option: "NAME", value: name, expected: "letters, digits, '-', '_' or '.'")
        }
        guard url.user == nil, url.password == nil else {
            throw .invalidValue(option: "URL", value: "(not shown)",
                                expected: "a URL without a user or password in it; use --user and --password-file")
        }
        var absoluteFile: String?
        if let passwordFile {
            let path = URL(fileURLWithPath: passwordFile).standardizedFileURL.path
            do { _ = try Credentials.read(passwordFile: path) } catch { throw .sync(error) }
            absoluteFile = path
        }
        let account = RemoteAccount(name: name, url: url, user: user, passwordFile: absoluteFile, sendsDrafts: drafts,
                                    allowsPlain: allowHTTP && MailServer.isMailURL(url))
        do {
            try store.addRemote(account, now: now)
        } catch {
            throw .store(error)
        }
        return account
    }

    /// What to tell the user about an account reached by plain http:// over a network, else nil.
    public static func plainHTTPWarning(for url: URL) -> String? {
        if let warning = MailServer.plainWarning(for: url) { return "warning: \(warning)" }
        guard let origin = Origin(url), origin.isInTheClear else { return nil }
        return "warning: \(url.absoluteString) is plain http:// to another machine: the password and the job search cross the network "
            + "unencrypted"
    }

    public func remotes() throws(FollowUpError) -> [RemoteAccount] {
        do { return try store.remotes() } catch { throw .store(error) }
    }

    public func removeRemote(name: String) throws(FollowUpError) {
        do { try store.removeRemote(named: name) } catch { throw .store(error) }
    }

    /// Syncs with the account named `name`, or with every account when nil.
    public func sync(_ name: String?, dryRun: Bool, now: Date,
                     environment: [String: String] = ProcessInfo.processInfo.environment) async throws(FollowUpError) -> [AccountReport] {
        let accounts: [RemoteAccount]
        if let name {
            guard let account = try remotes().first(where: { $0.name == name }) else {
                throw .store(.noSuchRemote(name: name))
            }
            accounts = [account]
        } else {
            accounts = try remotes()
            guard !accounts.isEmpty else { throw .noRemote }
        }
        let directory = try feedDirectory()
        var hook: (@Sendable (StoreSnapshot) throws -> Void)?
        if let directory {
            hook = { snapshot in try FeedFiles.write(snapshot, into: directory, now: now) }
        }
        var reports: [AccountReport] = []
        for account in accounts {
            do {
                let password = try Credentials.password(user: account.user, host: account.url.host ?? "", passwordFile: account.passwordFile,
                                                        environment: environment)
                if password == nil, account.user != nil { throw SyncError.noPassword(account: account.name) }
                if MailServer.isMailURL(account.url) {
                    let report = try syncMail(account, password: password, dryRun: dryRun, now: now, environment: environment, afterChange: hook)
                    reports.append(AccountReport(lines: report.lines, summary: report.summary))
                    continue
                }
                let sync = CalendarSync(store: store, account: account, password: password, now: now, dryRun: dryRun, afterChange: hook)
                let report = try await sync.run()
                reports.append(AccountReport(lines: report.lines, summary: report.summary))
            } catch {
                throw Self.wrap(error)
            }
        }
        return reports
    }
}

/// What `sync` did with one account: a calendar server's report or a mail account's.
public struct AccountReport: Sendable {
    public var lines: [String]
    public var summary: String
}
