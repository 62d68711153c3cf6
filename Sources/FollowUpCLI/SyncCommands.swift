import ArgumentParser
import FollowUpKit
import Foundation

struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote",
        abstract: "The calendar, address book and mail servers (CalDAV, CardDAV, IMAP) that 'sync' talks to.",
        subcommands: [RemoteAddCommand.self, RemoteListCommand.self, RemoteRemoveCommand.self]
    )
}

struct RemoteAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account on a CalDAV/CardDAV server or a mail (IMAP) server.",
        discussion: """
        URL may be the server's root, your principal or a calendar: the rest is found at the \
        first sync. A mail account is imaps://HOST[:PORT] (or imap://HOST[:PORT], upgraded with \
        STARTTLS): sync reads its invitations, sent mail and replies, and keeps the planned \
        e-mails in its Drafts folder (--no-drafts turns that off). The password is never stored and never given on the command line: it comes \
        from --password-file (which only you may read: chmod 600), else from ~/.netrc \
        ('machine HOST login USER password ...'), else from FOLLOWUP_PASSWORD.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: "A name for the account (letters, digits, '-', '_').")
    var name: String

    @Argument(help: "The server's URL (https://..., imaps://...).")
    var url: String

    @Option(help: "The user name on the server.")
    var user: String?

    @Option(name: .customLong("password-file"),
            help: ArgumentHelp("A file whose first line is the password; only its owner may read it.", valueName: "file"))
    var passwordFile: String?

    @Flag(name: .customLong("allow-http"),
          help: ArgumentHelp("Accept a plain http:// URL of another machine, or an imap:// server without STARTTLS (the password then "
            + "crosses the network unencrypted)."))
    var allowHTTP = false

    @Flag(name: .customLong("no-drafts"), help: "A mail account: do not put the planned e-mails in its Drafts folder.")
    var noDrafts = false

    func run() throws {
        let account = try storage.open(creating: true).addRemote(name: name, url: url, user: user, passwordFile: passwordFile,
                                                                 allowHTTP: allowHTTP, drafts: !noDrafts, now: Terminal.now)
        if let warning = JobSearch.plainHTTPWarning(for: account.url) { Terminal.warn([warning]) }
        print("added remote '\(account.name)' at \(account.url.absoluteString); run 'followup sync \(account.name)'")
    }
}

struct RemoteListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")

    @OptionGroup var storage: StoreOptions

    func run() throws {
        let remotes = try storage.existing()?.remotes() ?? []
        if remotes.isEmpty { print("no remote yet: 'followup remote add NAME URL --user USER'") }
        for remote in remotes {
            var line = "\(remote.name)\t\(remote.url.absoluteString)"
            if let user = remote.user { line += "\tuser \(user)" }
            if let calendar = remote.calendarURL { line += "\tcalendar \(calendar.absoluteString)" }
            print(line)
        }
    }
}

struct RemoteRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Forget an account (what was pushed stays on the server).")

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The account's name.")
    var name: String

    func run() throws {
        try storage.open().removeRemote(name: name)
        print("removed remote '\(name)'")
    }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Push follow-ups and interviewers to your servers, and read back what you did on your phone and in your mail.",
        discussion: """
        A mail account: invitations that arrived since the last sync are read (an update or a \
        cancellation of a stored interview is followed at once, a new one waits in 'followup \
        inbox'); a thank-you you sent marks it done; a reply moves the check-in; the planned \
        e-mails are kept as drafts in its Drafts folder.

        A calendar server:
        Each follow-up becomes a to-do and an event in the calendar 'Interview follow-ups', and \
        each interviewer a card in the address book 'Interviewers' (both made when missing). \
        A to-do ticked on the phone is marked done here; one deleted there is dismissed; a \
        date moved there is kept. When both sides changed, a completion wins, otherwise the \
        change made here wins and sync says what it overrode. Only what changed is sent.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The account to sync (default: every account).")
    var name: String?

    @Flag(help: "Read the server and show what would change, without changing anything.")
    var dryRun = false

    func run() async throws {
        guard let search = try storage.existing() else { throw FollowUpError.noRemote }
        let reports = try await search.sync(name, dryRun: dryRun, now: Terminal.now)
        for report in reports {
            for line in report.lines { print(line) }
            print(report.summary)
        }
    }
}
