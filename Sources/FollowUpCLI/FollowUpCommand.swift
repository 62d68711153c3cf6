import ArgumentParser
import FollowUpKit
import Foundation
import FollowUpSupport

@main
struct FollowUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Plan polite, timely follow-ups after a job interview, from your interviewers' business cards.",
        discussion: """
        Import the vCards you scanned, and followup writes calendar files with a thank-you \
        e-mail to each interviewer and one check-in with your main contact. Plan one interview \
        into two files with 'plan' ('plan --dry-run' only shows it), or keep a whole job \
        search in a store with 'add' and publish it as one calendar feed with 'feed' or 'serve'.
        """,
        version: FollowUpVersion.current,
        // ArgumentParser heads each group "<NAME> SUBCOMMANDS:".
        groupedSubcommands: [
            CommandGroup(name: "One interview", subcommands: [PlanCommand.self, CardCommand.self, InviteCommand.self]),
            CommandGroup(name: "Job search", subcommands: [
                AddCommand.self, EditCommand.self, DoneCommand.self, CancelCommand.self, RemoveCommand.self,
                ListCommand.self, AgendaCommand.self, DraftCommand.self, ProfileCommand.self, ImportCommand.self, ExportCommand.self,
            ]),
            CommandGroup(name: "Calendar feed", subcommands: [FeedCommand.self, ServeCommand.self]),
            CommandGroup(name: "Calendar and mail servers",
                         subcommands: [RemoteCommand.self, SyncCommand.self, InboxCommand.self, ContactsCommand.self]),
        ]
    )

    /// Every subcommand's name, and `help`.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// Problems with the user's files and values are reported as one plain line, like other
    /// Unix tools; mistakes in the command line itself keep ArgumentParser's usage help.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let typed = arguments.first, let message = CommandSuggestion.unknownCommand(typed, among: commandNames) {
            FileHandle.standardError.write(Data("followup: error: \(message)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot()
            // Help and --version answer whatever the environment says; a command needs "now".
            _ = try Terminal.fixedNow.get()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as FollowUpError {
            FileHandle.standardError.write(Data("followup: error: \(error)\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
