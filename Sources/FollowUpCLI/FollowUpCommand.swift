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
        var parsed: ParsableCommand?
        do {
            var command = try parseAsRoot()
            parsed = command
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
        } catch let error as ValidationError {
            guard let parsed else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error, thrownBy: type(of: parsed)) + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    /// A mistake in the command line that a subcommand's `run()` found (options that do not go
    /// together, a value none of the words an option takes), with that subcommand's usage, as
    /// ArgumentParser prints a mistake it finds itself; it would give followup's own usage,
    /// since it no longer knows which subcommand ran.
    static func fullMessage(for error: ValidationError, thrownBy command: ParsableCommand.Type) -> String {
        guard let path = path(to: command, from: self) else { return fullMessage(for: error) }
        return "Error: \(error.message)\nUsage: \(usageString(for: command))\n"
            + "  See '\(path.joined(separator: " ")) --help' for more information."
    }

    /// The command names from `root` down to `command`: `["followup", "remote", "add"]`.
    private static func path(to command: ParsableCommand.Type, from root: ParsableCommand.Type) -> [String]? {
        let name = root._commandName
        if ObjectIdentifier(root) == ObjectIdentifier(command) { return [name] }
        for child in root.configuration.subcommands {
            if let rest = path(to: command, from: child) { return [name] + rest }
        }
        return nil
    }
}
