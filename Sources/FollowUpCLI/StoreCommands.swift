import ArgumentParser
import FollowUpKit
import FollowUpStore
import Foundation

struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("""
        The store file (default: $FOLLOWUP_STORE, else $XDG_DATA_HOME/followup/followup.sqlite, \
        else ~/.local/share/followup/followup.sqlite).
        """, valueName: "path"))
    var store: String?

    /// The store. Commands that store something new (`add`, `import`, `profile`, `remote add`,
    /// `feed`, `serve`) create it; every other command needs it to exist.
    func open(creating: Bool = false) throws -> JobSearch { try JobSearch(storePath: store, creating: creating) }

    /// The store when there is one: for commands that have nothing to say about a missing one
    /// beyond "nothing yet".
    func existing() throws -> JobSearch? {
        do {
            return try JobSearch(storePath: store, creating: false)
        } catch FollowUpError.noStore {
            return nil
        }
    }
}

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Store an interview and its follow-ups; the feed, when set up, follows.",
        discussion: """
        Takes the same options as 'followup plan'; to see the plan before storing it, run \
        'followup plan --dry-run' with them. Prints the interview's short id for later commands.

        With --invite, a later copy of the same invitation (the same UID) follows the stored \
        interview instead of adding one: a newer copy moves it and plans it again, an older \
        one changes nothing, and a cancellation ends it.
        """
    )

    @OptionGroup var storage: StoreOptions
    @OptionGroup(title: "The interview") var interview: InterviewOptions
    @OptionGroup(title: "What the interviewer said") var said: InstructionOptions
    @OptionGroup(title: "Scheduling") var schedule: ScheduleOptions

    @Option(help: ArgumentHelp("Also write each e-mail as a .eml draft into this folder, ready to open and send.", valueName: "dir"))
    var drafts: String?

    func run() throws {
        try interview.checkCombination()
        try interview.checkChoices(said)
        let search = try storage.open(creating: true)
        if let invitation = interview.invitationRequest(outputDirectory: URL(fileURLWithPath: "."), said: said, schedule: schedule) {
            let result = try search.add(invitation, now: Terminal.now)
            Terminal.warn(result.warnings)
            print(StoreReport.invitationOutcomes(result.outcomes))
            for outcome in result.outcomes {
                switch outcome {
                case .added(let stored), .updated(let stored, _): try writeDrafts(of: stored, search)
                case .cancelled, .unchanged: break
                }
            }
            return
        }
        let request = interview.request(outputDirectory: URL(fileURLWithPath: "."), said: said, schedule: schedule)
        let result = try search.add(request, now: Terminal.now)
        Terminal.warn(result.warnings)
        let stored = result.interview
        print("stored interview \(stored.id)")
        print(StoreReport.list([stored]))
        try writeDrafts(of: stored, search)
    }

    /// With `--drafts`, the stored interview's e-mails to send as `.eml` files, as `plan` writes them.
    private func writeDrafts(of stored: StoredInterview, _ search: JobSearch) throws {
        guard let drafts else { return }
        let files = DraftFiles(stored: stored, profile: try search.profile(), directory: URL(fileURLWithPath: drafts), date: Terminal.now)
        try files.write()
        for file in files.files { print("wrote \(Terminal.display(file.url))") }
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the stored interviews and their follow-ups.")

    @OptionGroup var storage: StoreOptions

    @Flag(help: "Include interviews that ended (offer, rejection, withdrawal).")
    var all = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let search = try storage.open()
        let interviews = try search.interviews(includingEnded: all)
        if json {
            print(try StoreReport.json(interviews))
        } else if interviews.isEmpty {
            let ended = all ? 0 : try search.interviews(includingEnded: true).count
            print(StoreReport.nothingListed(store: Terminal.display(search.store.path), ended: ended))
        } else {
            print(StoreReport.list(interviews, home: .current, replies: try search.store.latestReplies()))
        }
    }
}

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "What is overdue, due today, and due in the next days, most urgent first.")

    @OptionGroup var storage: StoreOptions

    // Unconditional, so that `--days -1` reaches validate() as a number, not as an option.
    @Option(parsing: .unconditional, help: "How many days ahead to show.")
    var days = 7

    @Option(help: ArgumentHelp("The time zone that decides what 'today' is (default: the system's).", valueName: "zone"))
    var tz: String?

    func validate() throws {
        guard (0...JobSearch.longestAgendaDays).contains(days) else {
            throw ValidationError("--days takes 0 to \(JobSearch.longestAgendaDays) days, not \(days)")
        }
    }

    func run() throws {
        let zone = try tz.map { try InterviewInput.timeZone(named: $0) } ?? .current
        let search = try storage.open()
        print(StoreReport.agenda(try search.agenda(now: Terminal.now, in: zone, days: days), store: Terminal.display(search.store.path),
                                 replies: try search.store.latestReplies()))
    }
}

struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark a follow-up done, or a whole step of an interview.",
        discussion: """
        followup done 1a2b3c4d                     one follow-up, by the id 'followup list' shows
        followup done 3f9a1c --step thank-you      every thank-you e-mail of interview 3f9a1c
        followup done 1a2b3c4d --undo              not done after all: planned again
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: "A follow-up id, or an interview id with --step.")
    var id: String

    @Option(help: ArgumentHelp("With an interview id: the step that is done.", valueName: "step"))
    var step: Step?

    @Flag(help: "Take 'done' back: the follow-up is planned again.")
    var undo = false

    func run() throws {
        let search = try storage.open()
        if undo {
            let reopened = try search.undoDone(id, step: step, now: Terminal.now)
            if reopened.isEmpty { print("nothing to take back: not marked done") }
            for followUp in reopened { print("planned again: \(followUp.summary)") }
            return
        }
        let marked = try search.done(id, step: step, now: Terminal.now)
        if marked.isEmpty { print("nothing left to mark: already done") }
        for followUp in marked { print("done: \(followUp.summary)") }
    }
}

extension Step: ExpressibleByArgument {}
extension Outcome: ExpressibleByArgument {}

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "End an interview: its open follow-ups are cancelled and leave the calendar.")

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The interview id.")
    var id: String

    @Option(help: ArgumentHelp("Why it ended.", valueName: "reason"))
    var reason: Outcome

    @Flag(help: "Change the outcome of an interview that already ended.")
    var changeOutcome = false

    @Option(help: ArgumentHelp(
        "Also write the interview's calendar files into this folder, as 'plan --out' names them, with its open follow-ups cancelled: "
            + "importing them removes the entries the files 'plan' wrote put in a calendar.",
        valueName: "dir"))
    var out: String?

    func run() throws {
        let search = try storage.open()
        let stored = try search.cancel(id, outcome: reason, changingOutcome: changeOutcome, now: Terminal.now)
        if changeOutcome {
            print("interview \(stored.id) ended (\(reason.rawValue))")
        } else {
            print("interview \(stored.id) ended (\(reason.rawValue)); its open follow-ups are cancelled")
        }
        if let out {
            let files = try CalendarFiles(ended: stored, profile: try search.profile(), directory: URL(fileURLWithPath: out), stamp: Terminal.now)
            try files.write()
            print("wrote \(Terminal.display(files.eventsURL))")
            print("wrote \(Terminal.display(files.tasksURL))")
        }
    }
}

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Delete a stored interview that was added by mistake.")

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The interview id.")
    var id: String

    func run() throws {
        let search = try storage.open()
        let stored = try search.interview(id)
        try search.remove(stored.id, now: Terminal.now)
        print("removed interview \(stored.id)")
    }
}

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a stored interview; its follow-ups are planned again and keep their calendar entries.",
        discussion: """
        Give only what changes: an option left out keeps the stored value, and the defaults \
        named below are those an interview gets when it is added. 'none' (or an empty value) \
        clears any option, back to that default: --talking-point none, --decision-by none, \
        --call-at none; --talking-point options given replace the stored ones. --follow-up or \
        --no-follow-up switches the check-in on or off. A card given with --add-card that \
        shares an e-mail address with a stored one replaces it; --remove-card NAME takes one \
        out. A new --tz without --at keeps the interview's wall-clock time.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The interview id.")
    var id: String

    @OptionGroup(title: "The interview") var interview: InterviewChangeOptions
    @OptionGroup(title: "What the interviewer said") var said: InstructionOptions
    @OptionGroup(title: "Scheduling") var schedule: ScheduleOptions

    func run() throws {
        try Choices.check(format: interview.format, prefer: said.prefer)
        var edit = InterviewEdit()
        edit.at = interview.at
        edit.timeZoneName = interview.tz
        edit.company = interview.company
        edit.role = interview.role
        edit.primary = interview.primary
        edit.format = interview.format
        edit.addCards = interview.addCards
        edit.removeCards = interview.removeCards
        edit.decisionBy = said.decisionBy
        edit.followUpOn = said.followUpOn
        edit.prefer = said.prefer
        edit.noFollowUp = said.followUp.map { !$0 }
        edit.talkingPoints = said.talkingPoint
        edit.strength = said.strength
        edit.callAt = schedule.callAt
        edit.callMinutes = schedule.callMinutes
        edit.workdays = schedule.workdays
        edit.holidaysFile = schedule.holidays
        let result = try storage.open().edit(id, edit, now: Terminal.now)
        Terminal.warn(result.warnings)
        let stored = result.interview
        print("updated interview \(stored.id)")
        print(StoreReport.list([stored]))
    }
}

/// The interview options of `edit`: the same names and help as `plan`'s, all optional, and
/// `--add-card` instead of `--card`, since the stored cards stay.
struct InterviewChangeOptions: ParsableArguments {
    @Option(name: .customLong("add-card"), help: ArgumentHelp("A vCard file of one more interviewer (repeat for several).", valueName: "file"))
    var addCards: [String] = []

    @Option(name: .customLong("remove-card"),
            help: ArgumentHelp("The name or e-mail of an interviewer to take out (repeat for several).", valueName: "name-or-email"))
    var removeCards: [String] = []

    @Option(help: InterviewHelp.at)
    var at: String?

    @Option(help: InterviewHelp.tz)
    var tz: String?

    @Option(help: InterviewHelp.company)
    var company: String?

    @Option(help: InterviewHelp.role)
    var role: String?

    @Option(help: InterviewHelp.primary)
    var primary: String?

    @Option(help: InterviewHelp.format)
    var format: String?
}

struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Write the calendar feed of every open follow-up; later changes keep it up to date.",
        discussion: """
        Writes events.ics and tasks.ics into DIR and remembers DIR: every later add, done, \
        cancel, edit, remove or import rewrites them. Subscribe to the files (or to 'followup serve'). \
        The feed holds every open follow-up, and done ones due in the last 30 days (--keep-days) \
        or later; older ones stay in the store and in 'followup list --all'.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Option(help: ArgumentHelp("The folder for the feed files (default: the one used last time).", valueName: "dir"))
    var out: String?

    @Option(name: .customLong("keep-days"), parsing: .unconditional,
            help: ArgumentHelp("How many days done follow-ups stay in the feed after they were due (default 30; remembered).", valueName: "n"))
    var keepDays: Int?

    @Flag(help: "Render every entry again instead of reusing those of unchanged follow-ups.")
    var rebuild = false

    func validate() throws {
        if let keepDays, !(0...JobSearch.longestKeepDays).contains(keepDays) {
            throw ValidationError("--keep-days takes 0 to \(JobSearch.longestKeepDays) days, not \(keepDays)")
        }
    }

    func run() throws {
        let files = try storage.open(creating: true).writeFeed(to: out.map { URL(fileURLWithPath: $0) }, keepDays: keepDays,
                                                               rebuild: rebuild, now: Terminal.now)
        print("wrote \(Terminal.display(files.events))")
        print("wrote \(Terminal.display(files.tasks))")
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store the interviews of a spreadsheet (CSV), or a whole store exported as JSON.",
        discussion: """
        A CSV file names its columns in its first line, in any order and case: company, role, \
        date (YYYY-MM-DD), time (HH:MM), timezone, name, email, phone, title, and optionally \
        decision_by, follow_up_on, prefer (email or phone) and outcome (offer, rejected, \
        withdrawn; empty while the interview is open). One row per interviewer: consecutive \
        rows with the same company, role, date, time and zone are one interview. Other columns \
        are ignored. A wrong row stops the import and nothing is stored. A FILE.json is read \
        as 'followup export --json' wrote it. Interviews already stored are skipped.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: ArgumentHelp("The CSV file, or a .json export.", valueName: "file"))
    var file: String

    func run() throws {
        let summary = try storage.open(creating: true).importFile(file, now: Terminal.now)
        print("imported \(summary.added.count) interview\(summary.added.count == 1 ? "" : "s")"
              + (summary.alreadyStored.isEmpty ? "" : "; \(summary.alreadyStored.count) already stored, skipped"))
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every interview as CSV, or the whole store as JSON (--json) for a backup.",
        discussion: """
        The CSV has the columns 'followup import' reads, one row per interviewer. The JSON holds \
        everything (follow-ups with their states and ids, history, settings other than the \
        feed's folder and token); 'followup import FILE.json' reads it into another store.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Flag(help: "The whole store as versioned JSON instead of CSV.")
    var json = false

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func run() throws {
        let data = try storage.open().export(json: json)
        if let out {
            try JobSearch.saveExport(data, to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(data)
            if json { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
    }
}
