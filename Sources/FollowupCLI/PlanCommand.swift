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
        Apple Reminders).

        Example:
          followup plan --card dana.vcf --card lee.vcf --at "2026-12-01 14:00" \\
            --tz America/Chicago --company Acme --role "Backend Engineer" --out calendar
        """
    )

    @Option(name: .customLong("card"), help: ArgumentHelp("A vCard file of one interviewer (repeat for a panel).", valueName: "file"))
    var cards: [String] = []

    @Option(help: ArgumentHelp("When the interview starts: \"YYYY-MM-DD HH:MM\".", valueName: "date time"))
    var at: String

    @Option(help: ArgumentHelp("The IANA time zone of --at (default: the system's).", valueName: "zone"))
    var tz: String?

    @Option(help: "The company you interviewed with.")
    var company: String?

    @Option(help: "The role you interviewed for.")
    var role: String?

    @Option(help: ArgumentHelp("Take only the card matching this name or e-mail from files that hold several.", valueName: "name-or-email"))
    var pick: String?

    @Option(help: ArgumentHelp("The main contact who gets the check-in (default: the first card).", valueName: "name-or-email"))
    var primary: String?

    @Option(help: ArgumentHelp("The folder for the calendar files, created if missing.", valueName: "dir"))
    var out: String = "."

    func validate() throws {
        if cards.isEmpty { throw ValidationError("give at least one --card FILE (the interviewer's vCard)") }
    }

    func run() throws {
        let request = PlanRequest(cardFiles: cards, at: at, timeZoneName: tz, company: company, role: role,
                                  pick: pick, primary: primary, outputDirectory: URL(fileURLWithPath: out))
        let result = try request.run()
        Terminal.warn(result.cardWarnings)
        Terminal.warn(result.plan.warnings.map { "warning: \($0)" })
        print("Follow-ups for the interview on \(result.plan.interview.day):")
        print(PlanReport.text(result.plan))
        print("wrote \(Terminal.display(result.files.eventsURL))")
        print("wrote \(Terminal.display(result.files.tasksURL))")
    }
}
