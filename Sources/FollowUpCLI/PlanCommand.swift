import ArgumentParser
import FollowUpKit
import Foundation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the follow-ups of one interview and write them as calendar files.",
        discussion: """
        Writes two files named after the interview: NAME.events.ics (events, for Google \
        Calendar, Outlook and Apple Calendar) and NAME.tasks.ics (to-dos, for Thunderbird and \
        Apple Reminders). What the interviewer said comes first: a named day, a decision date, \
        a preferred channel.

        Example:
          followup plan --card dana-diaz.vcf --card lee-chen.vcf \\
            --at "2026-12-01 14:00" --tz America/Chicago \\
            --company Acme --role "Backend Engineer" \\
            --decision-by 2026-12-09 \\
            --talking-point "the robot fleet rollout" --out calendar

        With --invite, the interview comes from the calendar invitation you received (an .ics \
        file, or the whole e-mail saved as .eml): its time and zone, the organizer and the \
        attendees you met, each of whom gets a thank-you. --me (or your profile's addresses) \
        names you among them.

        From an invitation:
          followup plan --invite invitation.eml --me you@example.com --out calendar
        """
    )

    @OptionGroup(title: "The interview")
    var interview: InterviewOptions

    @OptionGroup(title: "What the interviewer said")
    var said: InstructionOptions

    @OptionGroup(title: "Scheduling")
    var schedule: ScheduleOptions

    @Option(help: ArgumentHelp("The folder for the calendar files, created if missing.", valueName: "dir"))
    var out: String = "."

    @Option(help: ArgumentHelp("Also write each e-mail as a .eml draft into this folder, ready to open and send.", valueName: "dir"))
    var drafts: String?

    @Flag(help: "Show the plan as a table with the rule behind each follow-up, and write nothing.")
    var dryRun = false

    func run() throws {
        // The profile of the store, if there is one; plan itself never creates a store.
        let profile = try JobSearch.existingProfile()
        let draftsDirectory = drafts.map { URL(fileURLWithPath: $0) }
        try interview.checkCombination()
        try interview.checkChoices(said)
        if var invitation = interview.invitationRequest(outputDirectory: URL(fileURLWithPath: out), said: said, schedule: schedule) {
            invitation.profile = profile
            invitation.draftsDirectory = draftsDirectory
            let results = dryRun ? try invitation.prepare() : try invitation.run()
            for result in results { show(result) }
            return
        }
        var request = interview.request(outputDirectory: URL(fileURLWithPath: out), said: said, schedule: schedule)
        request.profile = profile
        request.draftsDirectory = draftsDirectory
        show(dryRun ? try request.prepare() : try request.run())
    }

    private func show(_ result: PlanRequest.Result) {
        Terminal.warn(result.cardWarnings)
        Terminal.warn(result.plan.warnings.map { "warning: \($0)" })
        if dryRun {
            print(PlanReport.table(result.plan))
            Terminal.warn(result.notices.map { "note: \($0)" })
            return
        }
        Terminal.warn(result.notices.map { "note: \($0)" })
        print("Follow-ups for the interview on \(result.plan.interview.day):")
        print(PlanReport.text(result.plan))
        print("wrote \(Terminal.display(result.files.eventsURL))")
        print("wrote \(Terminal.display(result.files.tasksURL))")
        for draft in result.drafts?.files ?? [] {
            print("wrote \(Terminal.display(draft.url))")
        }
    }
}

/// The help of the options `plan`, `add` and `edit` all take, written once so that it reads the
/// same in each command. `edit` declares the interview's own options itself (its `--at` is
/// optional and it adds cards with `--add-card`), with these texts; the interviewer's
/// instructions and the scheduling options are the shared groups below.
enum InterviewHelp {
    static let at = ArgumentHelp("When the interview starts: \"YYYY-MM-DD HH:MM\".", valueName: "date time")
    static let tz = ArgumentHelp(
        "The IANA time zone of --at, or a city that names one (default: the system's). With --invite: the zone of the people "
            + "neither a card nor the invitation places.",
        valueName: "zone")
    static let company = ArgumentHelp("The company you interviewed with (default: the main contact's organisation).")
    static let role = ArgumentHelp("The role you interviewed for.")
    static let primary = ArgumentHelp("The main contact who gets the check-in (default: the first card).", valueName: "name-or-email")
    static let format = ArgumentHelp(
        "How the interview is held: onsite, phone or video (default: onsite; with --invite, video when it has a call link).",
        valueName: "onsite|phone|video")
}

/// The interview of `plan` and `add`: cards and a start, or an invitation.
struct InterviewOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The calendar invitation of the interview: an .ics file, or the e-mail saved as .eml. Gives the time, zone and people; replaces --at.",
        valueName: "file"))
    var invite: String?

    @Option(name: .customLong("me"), help: ArgumentHelp(
        "With --invite: your own e-mail address, which gets no thank-you (repeat for each address you use).", valueName: "address"))
    var me: [String] = []

    @Option(name: .customLong("card"), help: ArgumentHelp(
        "A vCard file of one interviewer (repeat for a panel). With --invite: adds phone, title and zone to the attendee with its address, "
            + "or an interviewer the invitation does not list.",
        valueName: "file"))
    var cards: [String] = []

    @Option(help: InterviewHelp.at)
    var at: String?

    @Option(help: InterviewHelp.tz)
    var tz: String?

    @Option(help: InterviewHelp.company)
    var company: String?

    @Option(help: InterviewHelp.role)
    var role: String?

    @Option(help: ArgumentHelp("Take only the card matching this name or e-mail from files that hold several.", valueName: "name-or-email"))
    var pick: String?

    @Option(help: InterviewHelp.primary)
    var primary: String?

    @Option(help: InterviewHelp.format)
    var format: String?

    /// Which options go together. Checked when the command runs, not in `validate()`: the parser
    /// validates before it reports a mistyped option, which would hide that mistake.
    func checkCombination() throws {
        if invite != nil {
            if at != nil { throw ValidationError("--at cannot be given with --invite: the invitation's time is the interview's") }
            return
        }
        if !me.isEmpty { throw ValidationError("--me names you among an invitation's attendees: give it with --invite FILE") }
        if cards.isEmpty { throw ValidationError("give at least one --card FILE (the interviewer's vCard), or --invite FILE") }
        if at == nil { throw ValidationError("give --at \"YYYY-MM-DD HH:MM\" (when the interview starts), or --invite FILE") }
    }

    /// Values that must be one of a few words, checked with the combination: a wrong one is a
    /// mistake in the command line (exit 64), found before any file is read.
    func checkChoices(_ said: InstructionOptions) throws {
        try Choices.check(format: format, prefer: said.prefer)
    }

    /// The request of `--invite`; nil without it.
    func invitationRequest(outputDirectory: URL, said: InstructionOptions, schedule: ScheduleOptions) -> InvitationRequest? {
        guard let invite else { return nil }
        return InvitationRequest(invitationFile: invite, cardFiles: cards, me: me, timeZoneName: tz, company: company, role: role,
                                 pick: pick, primary: primary, format: format, outputDirectory: outputDirectory, instructions: said.input,
                                 schedule: schedule.input, now: Terminal.now)
    }

    func request(outputDirectory: URL, said: InstructionOptions, schedule: ScheduleOptions) -> PlanRequest {
        PlanRequest(cardFiles: cards, at: at ?? "", timeZoneName: tz, company: company, role: role, pick: pick, primary: primary,
                    format: format, outputDirectory: outputDirectory, instructions: said.input, schedule: schedule.input, now: Terminal.now)
    }
}

/// The options whose value is one of a few words, as `plan`, `add` and `edit` check them.
enum Choices {
    /// `--format` and `--prefer`: a value that is none of their words is a `ValidationError`
    /// with the library's message; `none` (clearing it in `edit`) passes.
    static func check(format: String?, prefer: String?) throws {
        do {
            _ = try InterviewInput.format(format)
            _ = try InstructionInput.channel(prefer)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// What the interviewer said, for `plan`, `add` and `edit`. Every value is optional: absent
/// means "not said" for a new interview and "unchanged" for `edit`.
struct InstructionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The interviewer decides by this date: check in on the first working day after it ('none': no date).",
                               valueName: "YYYY-MM-DD"))
    var decisionBy: String?

    @Option(help: ArgumentHelp("The interviewer named the day to follow up: check in on it ('none': no day).", valueName: "YYYY-MM-DD"))
    var followUpOn: String?

    @Option(help: ArgumentHelp("How the interviewer prefers the check-in: email or phone ('none': no preference).", valueName: "email|phone"))
    var prefer: String?

    @Flag(inversion: .prefixedNo,
          help: "Whether the interviewer welcomes a check-in; --no-follow-up plans the thank-you e-mails only (default: --follow-up).")
    var followUp: Bool?

    @Option(help: ArgumentHelp(
        "Something specific from the conversation, for the thank-you drafts; repeat for several. 'NAME=text' puts it only in the draft "
            + "to the interviewer NAME (a name, a unique first name, or an e-mail address).",
        valueName: "text"))
    var talkingPoint: [String] = []

    @Option(help: ArgumentHelp("One concrete qualification of yours, for the thank-you draft.", valueName: "text"))
    var strength: String?

    var input: InstructionInput {
        InstructionInput(decisionBy: decisionBy, followUpOn: followUpOn, prefer: prefer, noFollowUp: followUp == false,
                         talkingPoints: talkingPoint, strength: strength)
    }
}

/// When calls happen and which days are working days, for `plan`, `add` and `edit`. Absent
/// values take the defaults the help names (applied by the planner), or stay unchanged in `edit`.
struct ScheduleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When the check-in call starts, in the interviewer's zone (default 10:00).", valueName: "HH:MM"))
    var callAt: String?

    @Option(help: ArgumentHelp("How long the call is, in minutes (default 15).", valueName: "n"))
    var callMinutes: Int?

    @Option(help: ArgumentHelp("The working days (default Mon-Fri), such as Sun-Thu or Mon,Tue,Thu.", valueName: "days"))
    var workdays: String?

    @Option(help: ArgumentHelp("An iCalendar file of public holidays, which are not working days.", valueName: "file.ics"))
    var holidays: String?

    var input: ScheduleInput {
        ScheduleInput(callAt: callAt, callMinutes: callMinutes, workdays: workdays, holidaysFile: holidays)
    }
}
