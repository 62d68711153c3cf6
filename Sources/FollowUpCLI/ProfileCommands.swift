import ArgumentParser
import FollowUpKit
import Foundation

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Show or change your profile, which signs every e-mail draft and call script.",
        discussion: """
        With no option, shows the profile. Each option given changes that part and keeps the \
        others; an empty value clears it, and --email given replaces every address. The first \
        address is the one .eml drafts are sent from. The drafts of every open interview are \
        signed again, and the feed follows. 'followup plan' reads the profile from the default \
        store when there is one.

        Example:
          followup profile --name "Alex Kim" --email alex@example.com
        """
    )

    @OptionGroup var storage: StoreOptions

    @Option(help: ArgumentHelp("Your name, as the drafts are signed.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Your e-mail address (repeat for several; the first sends the drafts).", valueName: "address"))
    var email: [String] = []

    @Option(help: ArgumentHelp("Your phone number, under your name and in call scripts.", valueName: "number"))
    var phone: String?

    @Option(help: ArgumentHelp("The text under the closing of every e-mail, instead of your name and phone.", valueName: "text"))
    var signature: String?

    @Option(help: ArgumentHelp("A UTF-8 file whose text is the signature.", valueName: "file"))
    var signatureFile: String?

    func validate() throws {
        if signature != nil, signatureFile != nil { throw ValidationError("give --signature or --signature-file, not both") }
    }

    func run() throws {
        let input = ProfileInput(name: name, emailAddresses: email.isEmpty ? nil : email, phone: phone,
                                 signature: signature, signatureFile: signatureFile)
        if input.isEmpty {
            // Showing it never creates a store.
            print(ProfileReport.text(try JobSearch.existingProfile(storePath: storage.store)))
            return
        }
        let profile = try storage.open(creating: true).setProfile(input, now: Terminal.now)
        print(ProfileReport.text(profile))
    }
}

struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write a stored e-mail follow-up as a .eml draft, ready to open in a mail program and send.",
        discussion: """
        The id is a follow-up's, as 'followup list' shows it. Without --out the message goes to \
        standard output. Outlook, Apple Mail and Thunderbird open the file as a new message \
        (it carries X-Unsent: 1).
        """
    )

    @OptionGroup var storage: StoreOptions

    @Argument(help: "The follow-up id (a thank-you or check-in e-mail).")
    var id: String

    @Option(help: ArgumentHelp("The file to write, replaced atomically (default: standard output).", valueName: "file"))
    var out: String?

    func run() throws {
        let draft = try storage.open().draft(id, now: Terminal.now)
        guard let out else {
            FileHandle.standardOutput.write(Data(draft.message.rendered.utf8))
            return
        }
        let url = URL(fileURLWithPath: out)
        try DraftFiles.write(draft.message, to: url)
        print("wrote \(Terminal.display(url))")
    }
}
