import ArgumentParser
import FollowUpKit
import Foundation
import InvitationReading

struct InviteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Show what followup reads from meeting invitations (.ics files or saved e-mails).",
        discussion: """
        Reads an .ics file, or a whole e-mail (.eml) whose text/calendar or application/ics part \
        holds the invitation, and shows each event's time (in UTC and in its zone), organizer, \
        attendees, cancellation and video link: what planning from the invitation will use.
        """
    )

    @Argument(help: ArgumentHelp("Invitation files: .ics, or e-mails saved as .eml.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The IANA zone for times whose TZID neither the file nor followup knows.", valueName: "zone"))
    var tz: String?

    @Flag(help: "Print one JSON array, one object per file, instead of text.")
    var json = false

    /// Every file is read, even after one fails, as `card` does: the user sees all that can be
    /// read and every file that cannot, then a failing exit status.
    func run() throws {
        let fallbackZone = try tz.map { name throws(FollowUpError) in try InterviewInput.timeZone(named: name) }
        var invitations: [Invitation] = []
        var failures: [String] = []
        for file in files {
            do {
                invitations += try InvitationReport.read([file], fallbackZone: fallbackZone)
            } catch {
                failures.append("error: \(error)")
            }
        }
        Terminal.warn(InvitationReport.warningLines(invitations))
        if json {
            print(InvitationReport.json(invitations), terminator: "")
        } else if !invitations.isEmpty {
            print(InvitationReport.text(invitations))
        }
        Terminal.warn(failures)
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
