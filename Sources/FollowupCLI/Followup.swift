import ArgumentParser
import FollowupKit
import Foundation
import ICalendarExport

@main
struct Followup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Plan polite, timely follow-ups after a job interview, from your interviewers' business cards.",
        discussion: """
        Import the vCards you scanned, and followup writes calendar files with a thank-you \
        e-mail to each interviewer and one check-in with your main contact.
        """,
        version: FollowupVersion.current,
        subcommands: [
            PlanCommand.self, ExplainCommand.self, CardCommand.self,
            AddCommand.self, ListCommand.self, AgendaCommand.self, DoneCommand.self, CancelCommand.self,
            EditCommand.self, RemoveCommand.self, FeedCommand.self, ServeCommand.self,
        ]
    )

    /// Problems with the user's files and values are reported as one plain line, like other
    /// Unix tools; mistakes in the command line itself keep ArgumentParser's usage help.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as FollowupError {
            FileHandle.standardError.write(Data("followup: error: \(error)\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
