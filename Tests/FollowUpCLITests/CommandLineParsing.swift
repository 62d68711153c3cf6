import ArgumentParser
import Testing
@testable import FollowUpCLI

/// A command line parsed in-process, as `FollowUpCommand.main()` parses it: the subcommand it
/// names with its values, in milliseconds and without a process.
func parse<Command: ParsableCommand>(_ arguments: [String], as type: Command.Type) throws -> Command {
    let command = try FollowUpCommand.parseAsRoot(arguments)
    return try #require(command as? Command, "\(arguments) parsed as \(Swift.type(of: command))")
}

/// What the `followup` process prints and exits with for an error ArgumentParser handles:
/// `main()` passes every error but a `FollowUpError` to `FollowUpCommand.exit(withError:)`, which
/// prints `fullMessage` (on standard error, or standard output for help) and exits with
/// `exitCode`.
struct Refusal {
    /// The message alone, as `FollowUpCommand.message(for:)` gives it.
    var message: String
    /// Everything printed: `Error: ` and the message, then the usage. 80 columns, as the binary
    /// prints into a pipe.
    var fullMessage: String
    var exitCode: Int32

    init(_ error: any Error) {
        message = FollowUpCommand.message(for: error)
        fullMessage = FollowUpCommand.fullMessage(for: error, columns: 80)
        exitCode = FollowUpCommand.exitCode(for: error).rawValue
    }

    /// A refusal `command`'s `run()` throws: `main()` prints it with that command's usage.
    init(_ error: ValidationError, thrownBy command: ParsableCommand.Type) {
        self.init(error)
        fullMessage = FollowUpCommand.fullMessage(for: error, thrownBy: command)
    }

    /// How the parser refuses `arguments`; nil when they parse.
    static func parsing(_ arguments: [String]) -> Refusal? {
        do {
            _ = try FollowUpCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return Refusal(error)
        }
    }

    /// How `plan` or `add` refuses options that parse but do not go together, or a value none of
    /// an option's words: `run()` checks them before it reads a card or an invitation, and
    /// throws what this returns.
    static func combining(_ arguments: [String]) throws -> Refusal? {
        let command = try FollowUpCommand.parseAsRoot(arguments)
        let interview = try #require((command as? PlanCommand)?.interview ?? (command as? AddCommand)?.interview)
        let said = try #require((command as? PlanCommand)?.said ?? (command as? AddCommand)?.said)
        do {
            try interview.checkCombination()
            try interview.checkChoices(said)
            return nil
        } catch let error as ValidationError {
            return Refusal(error, thrownBy: type(of: command))
        }
    }
}

/// The help `followup ARGUMENTS --help` prints, and that it exits 0. `--help` parses to
/// ArgumentParser's own help command, whose `run()` throws the request for help that `main()`
/// hands to `exit(withError:)`.
func help(_ arguments: [String]) throws -> String {
    var command = try FollowUpCommand.parseAsRoot(arguments + ["--help"])
    // Only the help command is run here: any other would do its work.
    try #require("\(type(of: command))" == "HelpCommand", "\(arguments) --help parsed as \(type(of: command))")
    do {
        try command.run()
    } catch {
        let help = Refusal(error)
        #expect(help.exitCode == 0)
        return help.fullMessage
    }
    Issue.record("the help command of \(arguments) printed nothing")
    return ""
}
