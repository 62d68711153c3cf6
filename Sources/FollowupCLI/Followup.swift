import ArgumentParser
import FollowupKit
import ICalendarExport

@main
struct Followup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Plan polite, timely follow-ups after a job interview, from your interviewers' business cards.",
        discussion: """
        Import the vCards you scanned, and followup writes calendar files with a thank-you \
        e-mail to each interviewer and one check-in with your main contact.
        """,
        version: FollowupVersion.current,
        subcommands: [PlanCommand.self, CardCommand.self]
    )
}
