import ArgumentParser
import FollowUpKit
import Foundation
import VCardKit

extension VCardWriter.Version: ExpressibleByArgument {}

struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Your interviewers as an address book.",
        subcommands: [ContactsExportCommand.self]
    )
}

struct ContactsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every interviewer as one vCard, merged across interviews by e-mail address.",
        discussion: """
        One .vcf for phones, Google Contacts and Outlook, with no server: each card has the \
        person's name, company, title, addresses, numbers and time zone, the category \
        'Interviewer', a note listing the interviews, and a UID that stays the same, so \
        importing again updates the cards instead of adding new ones.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Option(name: .customLong("vcard-version"), help: "3.0 (the widest support) or 4.0.")
    var version: VCardWriter.Version = .v3

    @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "file"))
    var out: String?

    func run() throws {
        let search = try storage.open()
        if let out {
            let count = try search.exportContacts(version: version, to: URL(fileURLWithPath: out))
            print("wrote \(count) contact\(count == 1 ? "" : "s") to \(out)")
        } else {
            FileHandle.standardOutput.write(Data(try search.contactBook(version: version).utf8))
        }
    }
}
