import ArgumentParser
import FollowUpKit
import MailSync
import Foundation

struct InboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "List the invitations sync found in your mail and you have not added.",
        discussion: """
        Not every meeting is an interview, so a new invitation is not stored by itself: add one \
        with 'followup add --invite inbox:ID' (all of add's options apply). Its updates and \
        cancellations are then followed by every sync.
        """
    )

    @OptionGroup var storage: StoreOptions

    @Flag(help: "Print JSON: an array of objects with id, summary, start (UTC), organizer, received (UTC), account.")
    var json = false

    func run() throws {
        let invitations = try storage.existing()?.store.inbox() ?? []
        if json {
            print(InboxReport.json(invitations))
        } else if invitations.isEmpty {
            print("no invitation waiting: 'followup sync' reads your mail account ('followup remote add NAME imaps://HOST --user USER')")
        } else {
            print(InboxReport.text(invitations, in: TimeZone.current))
            print("add one with 'followup add --invite inbox:ID'")
        }
    }
}
