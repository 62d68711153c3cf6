import Testing
@testable import FollowUpCLI

/// A first word that is no command is answered before ArgumentParser sees it (`main()` prints
/// the message and exits 64; `ConfusingTests.aMistypedCommandGetsASuggestion` runs that path).
struct CommandSuggestionTests {
    func unknown(_ typed: String) -> String? {
        CommandSuggestion.unknownCommand(typed, among: FollowUpCommand.commandNames)
    }

    @Test func aMistypedCommandGetsTheNearestOne() {
        #expect(unknown("agnda") == "unknown command 'agnda'; did you mean 'agenda'? ('followup --help' lists them)")
        #expect(unknown("Remte") == "unknown command 'Remte'; did you mean 'remote'? ('followup --help' lists them)")
    }

    /// `explain` was replaced by `plan --dry-run`; whatever follows it, it is no command.
    @Test func explainIsGoneAndTheCommandsAreListed() throws {
        let message = try #require(unknown("explain"))
        #expect(message.hasPrefix("unknown command 'explain': the commands are plan, card, invite, add, edit,"), "\(message)")
        #expect(message.contains(", sync, inbox, contacts"))
        #expect(!message.contains("help"))
    }

    @Test(arguments: ["plan", "remote", "help", "--help", "--version", "-h"])
    func commandsAndOptionsAreLeftToTheParser(typed: String) {
        #expect(unknown(typed) == nil)
    }

    @Test func everyCommandAndHelpAreNames() {
        #expect(FollowUpCommand.commandNames == ["plan", "card", "invite", "add", "edit", "done", "cancel", "remove", "list", "agenda", "draft",
                                                 "profile", "import", "export", "feed", "serve", "remote", "sync", "inbox", "contacts",
                                                 "help"])
    }
}
