import ArgumentParser
import FollowUpKit
import FollowUpStore
import Foundation

struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store file (default: $FOLLOWUP_STORE, else ~/.local/share/followup/followup.sqlite).", valueName: "path"))
    var store: String?

    func open() throws -> JobSearch { try JobSearch(storePath: store) }
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

    func run() throws {
        let search = try storage.open()
        if let invitation = interview.invitationRequest(outputDirectory: URL(fileURLWithPath: "."), said: said, schedule: schedule) {
            let result = try search.add(invitation, now: Terminal.now)
            Terminal.warn(result.warnings)
            print(StoreReport.invitationOutcomes(result.outcomes))
            return
        }
        let request = interview.request(outputDirectory: URL(fileURLWithPath: "."), said: said, schedule: schedule)
        let result = try search.add(request, now: Terminal.now)
        Terminal.warn(result.warnings)
        let stored = result.interview
        print("stored interview \(stored.id)")
        print(StoreReport.list([stored]))
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
        let interviews = try storage.open().interviews(includingEnded: all)
        print(json ? try StoreReport.json(interviews) : StoreReport.list(interviews))
    }
}

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda", abstract: "What is overdue, due today, and due in the next days, most urgent first.")

    @OptionGroup var storage: StoreOptions

    @Option(help: "How many days ahead to show.")
    var days = 7

    @Option(help: ArgumentHelp("The time zone that decides what 'today' is (default: the system's).", valueName: "zone"))
    var tz: String?

    func run() throws {
        let zone = try tz.map { try InterviewInput.timeZone(named: $0) } ?? .current
        print(StoreReport.agenda(try storage.open().agenda(now: Terminal.now, in: zone, days: days)))
    }
}

struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark a follow-up done, or a whole step of an interview.",
        discussion: """
        followup done 1a2b3c4d                     one follow-up, by the id 'followup list' shows
        followup done 3f9a1c --step thank-you      every thank-you e-mail of interview 3f9a1c
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: "A follow-up id, or an interview id with --step.")
    var id: String

    @Option(help: ArgumentHelp("With an interview id: the step that is done (checklist, thank-you, check-in).", valueName: "step"))
    var step: Step?

    func run() throws {
        let marked = try storage.open().done(id, step: step, now: Terminal.now)
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

    @Option(help: ArgumentHelp("Why it ended: offer, rejected or withdrawn.", valueName: "reason"))
    var reason: Outcome

    func run() throws {
        let stored = try storage.open().cancel(id, outcome: reason, now: Terminal.now)
        print("interview \(stored.id) ended (\(reason.rawValue)); its open follow-ups are cancelled")
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
        named below are those an interview gets when it is added. 'none' clears a date or the \
        preferred channel, an empty text clears a talking point or strength, and --follow-up or \
        --no-follow-up switches the check-in on or off. A new --tz without --at keeps the \
        interview's wall-clock time.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The interview id.")
    var id: String

    @OptionGroup(title: "The interview") var interview: InterviewChangeOptions
    @OptionGroup(title: "What the interviewer said") var said: InstructionOptions
    @OptionGroup(title: "Scheduling") var schedule: ScheduleOptions

    func run() throws {
        var edit = InterviewEdit()
        edit.at = interview.at
        edit.timeZoneName = interview.tz
        edit.company = interview.company
        edit.role = interview.role
        edit.primary = interview.primary
        edit.addCards = interview.addCards
        edit.decisionBy = said.decisionBy
        edit.followUpOn = said.followUpOn
        edit.prefer = said.prefer
        edit.noFollowUp = said.followUp.map { !$0 }
        edit.talkingPoint = said.talkingPoint
        edit.strength = said.strength
        edit.callAt = schedule.callAt
        edit.callMinutes = schedule.callMinutes
        edit.workdays = schedule.workdays
        edit.holidaysFile = schedule.holidays
        let stored = try storage.open().edit(id, edit, now: Terminal.now)
        print("updated interview \(stored.id)")
        print(StoreReport.list([stored]))
    }
}

/// The interview options of `edit`: the same names and help as `plan`'s, all optional, and
/// `--add-card` instead of `--card`, since the stored cards stay.
struct InterviewChangeOptions: ParsableArguments {
    @Option(name: .customLong("add-card"), help: ArgumentHelp("A vCard file of one more interviewer (repeat for several).", valueName: "file"))
    var addCards: [String] = []

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
}

struct FeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Write the calendar feed of every open follow-up; later changes keep it up to date.",
        discussion: """
        Writes events.ics and tasks.ics into DIR and remembers DIR: every later add, done, \
        cancel, edit or remove rewrites them. Subscribe to the files (or to 'followup serve').
        """
    )

    @OptionGroup var storage: StoreOptions

    @Option(help: ArgumentHelp("The folder for the feed files (default: the one used last time).", valueName: "dir"))
    var out: String?

    func run() throws {
        let files = try storage.open().writeFeed(to: out.map { URL(fileURLWithPath: $0) })
        print("wrote \(Terminal.display(files.events))")
        print("wrote \(Terminal.display(files.tasks))")
    }
}
