import ICalendar
import Foundation
import Testing
import ICalendarExport

/// `plan --invite` and `add --invite` run as a process on invitations as Exchange/Teams and
/// Google send them (`Fixtures/invitations`, see its README.md): who is thanked, who gets the
/// check-in, the checklist's time, and a stored interview following the organizer's changes.
@Suite(.serialized)
struct InvitationPlanningTests {
    static func fixture(_ name: String) -> String {
        FollowUpBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/invitations/\(name)").path
    }

    let exchange = fixture("exchange-teams-interview.ics")
    let exchangeMail = fixture("exchange-teams-interview.eml")
    let google = fixture("google-interview.ics")
    /// 2026-11-18 10:40 UTC: the interviews are still ahead, so plans hold the checklist.
    let beforeInterview = "1795000000"

    func dryRun(_ invite: String, _ extra: [String]) throws -> FollowUpBinary.Outcome {
        try FollowUpBinary.run(["plan", "--dry-run", "--invite", invite] + extra, now: beforeInterview)
    }

    /// The table's rows, each split into its columns.
    func rows(_ table: String) -> [[String]] {
        table.split(separator: "\n").dropFirst().filter { !$0.hasPrefix("note:") }.map { line in
            line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    @Test(arguments: ["exchange-teams-interview.ics", "exchange-teams-interview.eml"])
    func exchangeInvitationThanksThePeopleMetOnly(file: String) throws {
        let result = try dryRun(Self.fixture(file), ["--me", "alex.morgan@example.org", "--tz", "America/Chicago"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = result.stdout
        let thanked = rows(table).filter { $0[1] == "thank-you e-mail" }.map { $0[2] }
        #expect(thanked == ["Rita Ramos", "Dana Díaz", "Lee Chen"])
        // You, the room and Sam, who declined, get nothing.
        for absent in ["alex.morgan", "room41", "Room 4.1", "Sam Park"] { #expect(!table.contains(absent), "\(absent)") }
        // The check-in goes to the organizer, a person: by e-mail (no phone), five days on.
        let checkIn = try #require(rows(table).first { $0[1].hasPrefix("check-in") })
        #expect(checkIn[0] == "Tue 8 Dec 2026, any time")
        #expect(checkIn[2] == "Rita Ramos")
        #expect(checkIn[3] == "e-mail rita.ramos@acme-robotics.com")
        // The checklist is at the invitation's instant, in its zone (W. Europe Standard Time).
        let checklist = try #require(rows(table).first { $0[1] == "interview checklist" })
        #expect(checklist[0].hasPrefix("Thu 3 Dec 2026 16:00 (Europe/Berlin)"))
    }

    @Test func theEmailPlansWhatItsCalendarPlans() throws {
        let arguments = ["--me", "alex.morgan@example.org"]
        let fromFile = try dryRun(exchange, arguments)
        let fromMail = try dryRun(exchangeMail, arguments)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromMail.stdout == fromFile.stdout)
    }

    @Test func googleInvitationInUTCIsShownInThePeoplesZone() throws {
        let result = try dryRun(google, ["--me", "alex.morgan@gmail.com", "--tz", "Europe/Berlin"])
        #expect(result.status == 0, "\(result.stderr)")
        let table = result.stdout
        let thanked = rows(table).filter { $0[1] == "thank-you e-mail" }.map { $0[2] }
        #expect(thanked == ["Priya Raman", "Omar Haddad"])
        #expect(!table.contains("resource.calendar.google.com"))
        #expect(!table.contains("alex.morgan"))
        let checklist = try #require(rows(table).first { $0[1] == "interview checklist" })
        // 15:00 UTC is 16:00 in Berlin: the instant is kept, the zone is --tz.
        #expect(checklist[0].hasPrefix("Thu 3 Dec 2026 16:00 (Europe/Berlin)"))
        let checkIn = try #require(rows(table).first { $0[1].hasPrefix("check-in") })
        #expect(checkIn[2] == "Priya Raman")
        #expect(checkIn[0] == "Tue 8 Dec 2026, any time")
    }

    @Test func mailingListsMarkedAsPeopleAreNotedAndAddressesAreNeverGreeted() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--invite", Self.fixture("google-agency-interview.ics"), "--me", "alex.morgan@gmail.com",
                                             "--company", "Google", "--tz", "Europe/Berlin", "--out", out.path], now: beforeInterview)
        #expect(result.status == 0, "\(result.stderr)")
        for list in ["openbmc@lists.ozlabs.org", "ML mesa-dev", "amd-gfx list"] {
            #expect(result.stderr.contains("note: \(Self.fixture("google-agency-interview.ics")): no thank-you to \(list)"), "\(list)")
        }
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".events.ics") })
        let events = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        #expect(events.components(separatedBy: "SUMMARY:Thank-you e-mail to").count - 1 == 3)
        #expect(!events.contains("lists.ozlabs.org") && !events.contains("mesa-dev") && !events.contains("amd-gfx"))
        #expect(events.contains("Dear Kim\\,"))
        #expect(!events.contains("Dear rhanley") && !events.contains("Dear mario") && !events.contains("Mario Kleiner De"))
        #expect(events.contains("thank-you e-mail.\\nE-mail: rhanley@google.com") && events.contains("):\\nHello\\,\\n\\nThank you"))
    }

    @Test func planWritesTheChecklistWithTheVideoLinkAndPlace() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--invite", exchangeMail, "--me", "alex.morgan@example.org", "--out", out.path],
                                            now: beforeInterview)
        #expect(result.status == 0, "\(result.stderr)")
        let name = "2026-12-03-acme-robotics-backend-engineer.events.ics"
        let events = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        #expect(ICalendarCheck.parseErrors(in: events) == [])
        #expect(events.contains("DTSTART;TZID=Europe/Berlin:20261203T160000"))
        let unfolded = events.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("Where: Room 4.1 (Berlin)\\; Microsoft Teams Meeting"))
        #expect(unfolded.contains("Join: https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzU4YjQ2ZDctZmE1Zi00@thread.v2/0"))
    }

    @Test func withoutMeTheAttendeesAreListedAndNothingIsWritten() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--invite", exchange, "--out", out.path], now: beforeInterview)
        #expect(result.status == 1)
        #expect(result.stderr.contains("none of the attendees is known to be you"))
        #expect(result.stderr.contains("alex.morgan@example.org"))
        #expect(result.stderr.contains("--me"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func theProfilesAddressIsYouAndItsNameSignsTheVideoInterviewsDrafts() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let environment = ["FOLLOWUP_STORE": folder.appendingPathComponent("store.sqlite").path]
        let profile = try FollowUpBinary.run(["profile", "--name", "Alex Morgan", "--email", "alex.morgan@example.org"],
                                             in: folder, environment: environment)
        #expect(profile.status == 0, "\(profile.stderr)")
        let out = folder.appendingPathComponent("calendar")
        // No --me: the profile says which attendee is the user.
        let result = try FollowUpBinary.run(["plan", "--invite", exchange, "--out", out.path], in: folder, now: beforeInterview,
                                            environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let events = try String(contentsOf: out.appendingPathComponent("2026-12-03-acme-robotics-backend-engineer.events.ics"),
                                encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        #expect(!events.contains("Thank-you e-mail to Alex"))
        #expect(events.contains("Thank-you e-mail to Dana Díaz"))
        // A Teams link makes it a video interview, and the drafts end with the profile's name.
        #expect(events.contains("Thank you for speaking with me on"))
        #expect(events.contains("Best regards\\,\\nAlex Morgan"))
    }

    @Test func aRecurringEventIsPlannedOnItsFirstOccurrenceFromNowWithAWarning() throws {
        let result = try dryRun(Self.fixture("recurring-interview.ics"), ["--me", "alex.morgan@example.org"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("repeats: planned on its first occurrence from now, Thu 19 Nov 2026 10:00 (America/New_York)"))
        let checklist = try #require(rows(result.stdout).first { $0[1] == "interview checklist" })
        #expect(checklist[0].hasPrefix("Thu 19 Nov 2026 10:00 (America/New_York)"))
        #expect(result.stdout.contains("Jordan Blake"))
    }

    @Test func whoGetsNoThankYouIsNamedWithTheReason() throws {
        let result = try dryRun(exchange, ["--me", "alex.morgan@example.org"])
        #expect(result.stderr.contains("no thank-you to Sam Park <sam.park@acme-robotics.com>: declined"))
        #expect(result.stderr.contains("no thank-you to Room 4.1 (Berlin) <room41@acme-robotics.com>: a room"))
        #expect(!result.stderr.contains("alex.morgan"))
    }

    @Test func planningACancellationIsAnErrorThatPointsToAdd() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--invite", Self.fixture("exchange-teams-interview-cancel.ics"), "--out", out.path],
                                            now: beforeInterview)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing to plan: the invitation cancels the interview"))
        #expect(result.stderr.contains("followup add --invite"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    /// The process's side of a combination `run()` refuses (each one is checked in-process, in
    /// FollowUpCLITests): standard error, status 64, before the invitation is read.
    @Test func atAndInviteTogetherAreRefused() throws {
        let result = try FollowUpBinary.run(["plan", "--invite", exchange, "--at", "2026-12-03 16:00"], now: beforeInterview)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--at cannot be given with --invite"))
        #expect(result.stdout.isEmpty)
    }
}

/// A stored interview following its invitation through a reschedule, a stale copy and a
/// cancellation, with the subscribed feed following it.
@Suite(.serialized)
struct InvitationFollowingCommandTests {
    struct Setup {
        var folder: URL
        var store: String { folder.appendingPathComponent("store.sqlite").path }
        var feed: URL { folder.appendingPathComponent("feed") }

        func run(_ arguments: [String], now: String = "1795000000") throws -> FollowUpBinary.Outcome {
            try FollowUpBinary.run([arguments[0], "--store", store] + arguments.dropFirst(), now: now)
        }

        func feedFile(_ name: String) throws -> String {
            try String(contentsOf: feed.appendingPathComponent(name), encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        }
    }

    func fixture(_ name: String) -> String { InvitationPlanningTests.fixture(name) }

    func setup() throws -> Setup {
        let setup = Setup(folder: try FollowUpBinary.temporaryDirectory())
        #expect(try setup.run(["feed", "--out", setup.feed.path]).status == 0)
        return setup
    }

    @Test func exchangeRescheduleStaleCopyAndCancellation() throws {
        let setup = try setup()
        let me = ["--me", "alex.morgan@example.org"]
        let added = try setup.run(["add", "--invite", fixture("exchange-teams-interview.eml")] + me)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("stored interview "))
        let id = String(added.stdout.split(separator: "\n")[0].split(separator: " ").last!)
        let first = try setup.feedFile("events.ics")
        #expect(first.contains("DTSTART;TZID=Europe/Berlin:20261203T160000"))
        #expect(first.contains("SUMMARY:Thank-you e-mail to Dana Díaz (Acme Robotics)"))
        #expect(!first.contains("Sam Park"))
        #expect(try setup.run(["done", id, "--step", "checklist"]).status == 0)

        // The organizer moves it (SEQUENCE 1): the same interview, replanned.
        let moved = try setup.run(["add", "--invite", fixture("exchange-teams-interview-moved.ics")] + me)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.hasPrefix("updated interview \(id)"))
        let list = try setup.run(["list", "--json"])
        #expect(list.stdout.components(separatedBy: "\"id\" : \"\(id)\"").count == 2)
        let second = try setup.feedFile("events.ics")
        #expect(Set(CalendarText.sequences(in: second).keys) == Set(CalendarText.sequences(in: first).keys))
        // The thank-yous move to the day after the new date; the done checklist stays done.
        #expect(second.contains("DTSTART;VALUE=DATE:20261208"))
        #expect(second.contains("DTSTART;VALUE=DATE:20261214"))
        #expect(!second.contains("DTSTART;VALUE=DATE:20261204"))
        #expect(second.contains("Done:"))

        // The first copy arrives late: nothing changes, and the command says so.
        let stale = try setup.run(["add", "--invite", fixture("exchange-teams-interview.ics")] + me)
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(stale.stdout.contains("older copy of the invitation"))
        #expect(try setup.feedFile("events.ics") == second)

        // The cancellation ends it: the open follow-ups leave the feed, the done one stays.
        let cancelled = try setup.run(["add", "--invite", fixture("exchange-teams-interview-cancel.ics")] + me)
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("cancelled by the organizer"))
        let last = try setup.feedFile("events.ics")
        #expect(!last.contains("Thank-you e-mail"))
        #expect(!last.contains("Check-in"))
        #expect(ICalendarCheck.componentKinds(in: last).filter { $0 == "VEVENT" }.count == 1)
        let ended = try setup.run(["list", "--all"])
        #expect(ended.stdout.contains("[ended: cancelled]"))
    }

    @Test func googleUpdateWithTheSameSequenceAndALaterStampMovesIt() throws {
        let setup = try setup()
        let me = ["--me", "alex.morgan@gmail.com", "--tz", "Europe/Berlin"]
        let added = try setup.run(["add", "--invite", fixture("google-interview.ics")] + me)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try setup.feedFile("events.ics").contains("DTSTART;TZID=Europe/Berlin:20261203T160000"))
        let updated = try setup.run(["add", "--invite", fixture("google-interview-update.ics")] + me)
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout.hasPrefix("updated interview "))
        let events = try setup.feedFile("events.ics")
        #expect(events.contains("DTSTART;TZID=Europe/Berlin:20261204T100000"))
        #expect(!events.contains("20261203T160000"))
        // Sending the same update again changes nothing.
        let again = try setup.run(["add", "--invite", fixture("google-interview-update.ics")] + me)
        #expect(again.stdout.contains("already follows this copy"))
    }

    @Test func anUpdateKeepsWhatTheUserSetAtAddWithoutNamingItAgain() throws {
        let setup = try setup()
        let me = ["--me", "alex.morgan@gmail.com", "--tz", "Europe/Berlin"]
        let added = try setup.run(["add", "--invite", fixture("google-agency-interview.ics"), "--company", "Google",
                                   "--role", "BMC Firmware Engineer", "--format", "phone", "--decision-by", "2026-12-09"] + me)
        #expect(added.status == 0, "\(added.stderr)")
        // The update names no company, and its addresses cannot tell one: the stored one is kept.
        let moved = try setup.run(["add", "--invite", fixture("google-agency-interview-moved.ics")] + me)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.hasPrefix("updated interview "))
        let list = try setup.run(["list", "--json"]).stdout
        #expect(list.contains("\"company\" : \"Google\""))
        #expect(list.contains("BMC Firmware Engineer"))
        #expect(list.contains("During the phone interview (Google)"))
        let events = try setup.feedFile("events.ics")
        #expect(events.contains("DTSTART;TZID=Europe/Berlin:20261204T100000"))
        #expect(events.contains("SUMMARY:Thank-you e-mail to Kim Lee (Google)"))
        #expect(events.contains("Thank you for speaking with me"))
        // The check-in follows the decision date given at add: the first working day after 9 December.
        #expect(events.contains("DTSTART;VALUE=DATE:20261210"))
    }

    @Test func aCancellationOfNothingStoredIsAnErrorAndStoresNothing() throws {
        let setup = try setup()
        let result = try setup.run(["add", "--invite", fixture("exchange-teams-interview-cancel.ics"), "--me", "alex.morgan@example.org"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was cancelled"))
        #expect(try setup.run(["list", "--all"]).stdout.contains("no interviews stored yet"))
    }
}
