import Foundation
import Testing
import FollowUpKit

/// The options that carry what the interviewer said, run through the binary.
struct PlanOptionsTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")
    let priya = FollowUpBinary.sample("priya-raman.vcf")
    let holidays = FollowUpBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/holidays.ics").path

    func events(_ arguments: [String], now: String = FollowUpBinary.afterSampleInterview) throws -> (FollowUpBinary.Outcome, String) {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan"] + arguments + ["--out", out.path], now: now)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".events.ics") }
        guard let name = names.first else { return (result, "") }
        return (result, try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8))
    }

    @Test func issueExampleGivesTwoThankYousAndOneCallAtTenNewYork() throws {
        let (result, events) = try events(["--card", dana, "--card", priya, "--at", "2026-12-03 16:00", "--tz", "Europe/Berlin",
                                           "--primary", "priya.raman@acme.example", "--decision-by", "2026-12-09"],
                                          now: "1796515200") // 2026-12-06, after the interview
        #expect(result.status == 0, "\(result.stderr)")
        #expect(events.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3)
        #expect(events.components(separatedBy: "DTSTART;VALUE=DATE:20261204").count - 1 == 2)
        #expect(events.contains("DTSTART;TZID=America/New_York:20261210T100000"))
        #expect(result.stdout.contains("= Thu 10 Dec 2026 16:00 Europe/Berlin"))
    }

    @Test func holidaysFileMovesTheThankYouPastTheDaysOff() throws {
        let (result, events) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--holidays", holidays])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(events.contains("DTSTART;VALUE=DATE:20261204"))
    }

    @Test func holidaysFileThatIsNotICalendarIsAnError() throws {
        let (result, events) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--holidays", dana])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read holidays file"))
        #expect(events.isEmpty)
    }

    /// A repeating holiday libical cannot expand stops the plan, rather than counting one day.
    @Test func holidayRuleThatLibicalCannotExpandIsAnError() throws {
        let file = try FollowUpBinary.temporaryDirectory().appendingPathComponent("holidays.ics")
        try ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Sprint review\r\nDTSTART;VALUE=DATE:20261207\r\n"
             + "RRULE:FREQ=MONTHLY;BYWEEKNO=50\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let (result, events) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--holidays", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("""
            cannot read holidays file '\(file.path)': libical could not expand the RRULE "FREQ=MONTHLY;BYWEEKNO=50" of 'Sprint review': \
            MALFORMEDDATA: An input string was not correctly formed or a component has missing or extra properties\n
            """))
        #expect(events.isEmpty)
    }

    @Test func preferEmailAndNoFollowUpChangeTheCheckIn() throws {
        let (_, byEmail) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--prefer", "email"])
        #expect(byEmail.contains("SUMMARY:Check-in e-mail to Dana Díaz"))
        let (_, none) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--no-follow-up"])
        #expect(!none.contains("Check-in"))
        #expect(none.contains("SUMMARY:Thank-you e-mail to Dana Díaz"))
    }

    @Test func callTimeLengthAndWorkdaysAreHonoured() throws {
        // A card that names no zone: the call is on the interview's clock.
        let (result, events) = try events(["--card", NewUserTests.card("alex-berg-no-zone.vcf"), "--at", "2026-12-03 14:00", "--tz", "Asia/Jerusalem",
                                           "--workdays", "Sun-Thu", "--call-at", "09:30", "--call-minutes", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(events.contains("DTSTART;VALUE=DATE:20261206"))
        #expect(events.contains("DTSTART;TZID=Asia/Jerusalem:20261208T093000"))
        #expect(events.contains("DTEND;TZID=Asia/Jerusalem:20261208T095000"))
    }

    @Test func draftWithTalkingPointIsInTheDescription() throws {
        let (_, events) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--role", "Backend Engineer",
                                      "--talking-point", "the robot fleet rollout", "--strength", "Swift on Linux"])
        let unfolded = events.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("Dear Dana\\,"))
        #expect(unfolded.contains("the robot fleet rollout"))
        #expect(unfolded.contains("mailto:dana.diaz@acme.example?subject="))
    }

    @Test func pushyTalkingPointIsWarned() throws {
        let (result, _) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--talking-point", "my other offer expires Friday"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("mentions other offers"))
    }

    @Test func interviewStillAheadAddsTheChecklist() throws {
        let (_, events) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC"], now: "1795000000")
        let unfolded = events.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:At the interview (Acme Robotics): ask how to follow up\\, collect cards"))
    }

    @Test(arguments: [("phone", "phone interview", "phone"), ("video", "video interview", "video call")])
    func aCallsChecklistIsTitledAndReachedAsTheCall(format: String, title: String, channel: String) throws {
        let arguments = ["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC", "--format", format]
        let (_, events) = try events(arguments, now: "1795000000")
        let unfolded = events.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:During the \(title) (Acme Robotics): ask how to follow up and for e-mail addresses"))
        #expect(!unfolded.contains("collect cards"))
        let table = try FollowUpBinary.run(["plan", "--dry-run"] + arguments, now: "1795000000")
        let checklist = try #require(table.stdout.split(separator: "\n").first { $0.contains("interview checklist") })
        #expect(checklist.contains("  \(channel)  "))
        #expect(!checklist.contains("in person"))
    }

    @Test func dryRunPrintsTheTableAndWritesNothing() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago",
                                             "--out", out.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("WHEN"))
        #expect(result.stdout.contains("check-in call"))
        #expect(result.stdout.contains("the first working day at least 5 days after the interview"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func dryRunShowsEachWarningOnce() throws {
        let card = try FollowUpBinary.temporaryDirectory().appendingPathComponent("sam.vcf")
        try Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Nomail\r\nEND:VCARD\r\n".utf8).write(to: card)
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", card.path, "--at", "2026-12-01 14:00", "--tz", "UTC"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = result.stdout + result.stderr
        #expect(output.components(separatedBy: "no e-mail on card 'Sam Nomail'").count == 2, "\(output)")
        // The same word as in plan and add: a warning, on standard error.
        #expect(result.stderr.contains("followup: warning: no e-mail on card 'Sam Nomail'"))
        #expect(!result.stdout.contains("note:"))
    }

    @Test func dryRunShowsTheRuleForEachFollowUp() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC",
                                             "--decision-by", "2026-12-09"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("the first working day after the decision date 2026-12-09"))
    }

    @Test(arguments: [
        (["--decision-by", "next week"], "cannot read --decision-by 'next week'"),
        (["--call-at", "25:00"], "cannot read --call-at '25:00'"),
        (["--workdays", "Weekdays"], "cannot read --workdays 'Weekdays'"),
        (["--primary", "nobody"], "no interviewer matches 'nobody'"),
        (["--holidays", "/nonexistent.ics"], "cannot read holidays file '/nonexistent.ics'"),
    ])
    func badOptionValuesAreOneLineErrors(arguments: [String], message: String) throws {
        let (result, events) = try events(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "UTC"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(events.isEmpty)
    }
}

/// `SOURCE_DATE_EPOCH` stands for "now"; a value that is no time is refused, never replaced by
/// the clock (issue 24).
struct SourceDateEpochTests {
    @Test(arguments: ["2026-12-10", "abc", "1796169600000", "-5", ""])
    func aValueThatIsNoTimeIsRefused(epoch: String) throws {
        let result = try FollowUpBinary.run(["agenda", "--store", "/nonexistent/store.sqlite"], now: epoch)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read SOURCE_DATE_EPOCH '\(epoch)': expected whole seconds since 1970-01-01 UTC"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func secondsAreTheTimeOfEveryCommand() throws {
        #expect(try InterviewInput.sourceDateEpoch("1796169600") == Date(timeIntervalSince1970: 1_796_169_600))
        #expect(try InterviewInput.sourceDateEpoch(nil) == nil)
        #expect(throws: FollowUpError.self) { try InterviewInput.sourceDateEpoch("1796169600.5") }
    }
}
