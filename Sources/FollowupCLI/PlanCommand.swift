import ArgumentParser
import FollowupKit
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
          followup plan --card dana.vcf --card lee.vcf --at "2026-12-01 14:00" \\
            --tz America/Chicago --company Acme --role "Backend Engineer" \\
            --decision-by 2026-12-09 --talking-point "the robot fleet rollout" --out calendar
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

    @Flag(help: "Show the plan as a table with the rule behind each follow-up, and write nothing.")
    var dryRun = false

    func run() throws {
        let request = interview.request(outputDirectory: URL(fileURLWithPath: out), said: said, schedule: schedule)
        let result = dryRun ? try request.prepare() : try request.run()
        Terminal.warn(result.cardWarnings)
        if dryRun {
            // The table ends with the plan's warnings as notes.
            print(PlanReport.table(result.plan))
            return
        }
        Terminal.warn(result.plan.warnings.map { "warning: \($0)" })
        print("Follow-ups for the interview on \(result.plan.interview.day):")
        print(PlanReport.text(result.plan))
        print("wrote \(Terminal.display(result.files.eventsURL))")
        print("wrote \(Terminal.display(result.files.tasksURL))")
    }
}

struct InterviewOptions: ParsableArguments {
    @Option(name: .customLong("card"), help: ArgumentHelp("A vCard file of one interviewer (repeat for a panel).", valueName: "file"))
    var cards: [String] = []

    @Option(help: ArgumentHelp("When the interview starts: \"YYYY-MM-DD HH:MM\".", valueName: "date time"))
    var at: String

    @Option(help: ArgumentHelp("The IANA time zone of --at, or a city that names one (default: the system's).", valueName: "zone"))
    var tz: String?

    @Option(help: "The company you interviewed with.")
    var company: String?

    @Option(help: "The role you interviewed for.")
    var role: String?

    @Option(help: ArgumentHelp("Take only the card matching this name or e-mail from files that hold several.", valueName: "name-or-email"))
    var pick: String?

    @Option(help: ArgumentHelp("The main contact who gets the check-in (default: the first card).", valueName: "name-or-email"))
    var primary: String?

    func validate() throws {
        if cards.isEmpty { throw ValidationError("give at least one --card FILE (the interviewer's vCard)") }
    }

    func request(outputDirectory: URL, said: InstructionOptions, schedule: ScheduleOptions) -> PlanRequest {
        PlanRequest(cardFiles: cards, at: at, timeZoneName: tz, company: company, role: role, pick: pick, primary: primary,
                    outputDirectory: outputDirectory,
                    instructions: InstructionInput(decisionBy: said.decisionBy, followUpOn: said.followUpOn, prefer: said.prefer,
                                                   noFollowUp: said.noFollowUp, talkingPoint: said.talkingPoint, strength: said.strength),
                    schedule: ScheduleInput(callAt: schedule.callAt, callMinutes: schedule.callMinutes,
                                            workdays: schedule.workdays, holidaysFile: schedule.holidays),
                    now: Terminal.now)
    }
}

struct InstructionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The interviewer decides by this date: check in on the first working day after it.", valueName: "YYYY-MM-DD"))
    var decisionBy: String?

    @Option(help: ArgumentHelp("The interviewer named the day to follow up: check in on it.", valueName: "YYYY-MM-DD"))
    var followUpOn: String?

    @Option(help: ArgumentHelp("How the interviewer prefers the check-in: email or phone.", valueName: "email|phone"))
    var prefer: String?

    @Flag(help: "The interviewer asked not to be contacted: plan the thank-you e-mails only.")
    var noFollowUp = false

    @Option(help: ArgumentHelp("Something specific from the conversation, for the thank-you draft.", valueName: "text"))
    var talkingPoint: String?

    @Option(help: ArgumentHelp("One concrete qualification of yours, for the thank-you draft.", valueName: "text"))
    var strength: String?
}

struct ScheduleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("When the check-in call starts, in the interviewer's zone (default 10:00).", valueName: "HH:MM"))
    var callAt: String?

    @Option(help: ArgumentHelp("How long the call is, in minutes (default 15).", valueName: "n"))
    var callMinutes: Int?

    @Option(help: ArgumentHelp("The working days (default Mon-Fri), such as Sun-Thu or Mon,Tue,Thu.", valueName: "days"))
    var workdays: String?

    @Option(help: ArgumentHelp("An iCalendar file of public holidays, which are not working days.", valueName: "file.ics"))
    var holidays: String?
}
