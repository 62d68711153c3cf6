import ICalendar
import Foundation
import Testing
import ICalendarExport

/// `followup plan` run as a process on the bundled sample cards.
@Suite(.serialized)
struct PlanCommandTests {
    let sampleArguments = [
        "plan",
        "--card", FollowUpBinary.sample("dana-diaz.vcf"),
        "--card", FollowUpBinary.sample("lee-chen.vcf"),
        "--card", FollowUpBinary.sample("priya-raman.vcf"),
        "--at", "2026-12-01 14:00", "--tz", "America/Chicago",
        "--company", "Acme Robotics", "--role", "Backend Engineer",
    ]

    func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func samplesGiveAnEventsFileAndATasksFile() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(sampleArguments + ["--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let names = try files(in: out)
        #expect(names == ["2026-12-01-acme-robotics-backend-engineer.events.ics",
                          "2026-12-01-acme-robotics-backend-engineer.tasks.ics"])

        let events = try String(contentsOf: out.appendingPathComponent(names[0]), encoding: .utf8)
        let tasks = try String(contentsOf: out.appendingPathComponent(names[1]), encoding: .utf8)
        #expect(ICalendarCheck.parseErrors(in: events) == [])
        #expect(ICalendarCheck.parseErrors(in: tasks) == [])
        #expect(ICalendarCheck.componentKinds(in: events).filter { $0 == "VEVENT" }.count == 4)
        #expect(ICalendarCheck.componentKinds(in: tasks).filter { $0 == "VTODO" }.count == 4)
        for person in ["Dana Díaz", "Lee Chen", "Priya Raman"] {
            #expect(events.contains("SUMMARY:Thank-you e-mail to \(person) (Acme Robotics)"))
        }
        // The first card (no TZ on it) is the main contact: the call is in --tz.
        #expect(events.contains("SUMMARY:Check-in call to Dana Díaz (Acme Robotics)"))
        #expect(events.contains("DTSTART;TZID=America/Chicago:20261207T100000"))
        #expect(events.contains("DTSTART;VALUE=DATE:20261202"))
        #expect(result.stdout.contains("wrote "))
    }

    @Test func regeneratingGivesIdenticalFiles() throws {
        let first = try FollowUpBinary.temporaryDirectory(), second = try FollowUpBinary.temporaryDirectory()
        _ = try FollowUpBinary.run(sampleArguments + ["--out", first.path])
        _ = try FollowUpBinary.run(sampleArguments + ["--out", second.path])
        for name in try files(in: first) {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two runs")
        }
    }

    @Test func primaryChoosesWhoIsCalledInTheirOwnZone() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(sampleArguments + ["--primary", "priya", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try String(contentsOf: out.appendingPathComponent(try files(in: out)[0]), encoding: .utf8)
        #expect(events.contains("SUMMARY:Check-in call to Priya Raman (Acme Robotics)"))
        #expect(events.contains("DTSTART;TZID=America/New_York:20261207T100000"))
    }

    /// Bad input: one clear line on standard error, a non-zero exit, and no file written.
    func expectFailure(_ arguments: [String], mentions expected: String) throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(arguments + ["--out", out.path])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(try files(in: out).isEmpty)
    }

    @Test func missingCardFileIsAnError() throws {
        try expectFailure(["plan", "--card", "/nonexistent/dana.vcf", "--at", "2026-12-01 14:00", "--tz", "UTC"],
                          mentions: "card file '/nonexistent/dana.vcf' does not exist")
    }

    @Test func fileThatIsNotAVCardIsAnErrorNamingItsLine() throws {
        let directory = try FollowUpBinary.temporaryDirectory()
        let letter = directory.appendingPathComponent("letter.txt")
        try Data("Dear Dana,\nthank you!\n".utf8).write(to: letter)
        try expectFailure(["plan", "--card", letter.path, "--at", "2026-12-01 14:00", "--tz", "UTC"],
                          mentions: "\(letter.path):1: not a vCard")
    }

    @Test func unparseableStartIsAnError() throws {
        try expectFailure(["plan", "--card", FollowUpBinary.sample("dana-diaz.vcf"), "--at", "next tuesday", "--tz", "UTC"],
                          mentions: "cannot read --at 'next tuesday'")
    }

    @Test func impossibleDateIsAnError() throws {
        try expectFailure(["plan", "--card", FollowUpBinary.sample("dana-diaz.vcf"), "--at", "2026-02-30 14:00", "--tz", "UTC"],
                          mentions: "cannot read --at")
    }

    @Test func unknownZoneIsAnError() throws {
        try expectFailure(["plan", "--card", FollowUpBinary.sample("dana-diaz.vcf"), "--at", "2026-12-01 14:00", "--tz", "Mars/Olympus"],
                          mentions: "unknown time zone 'Mars/Olympus'")
    }

    @Test func zoneAbbreviationIsAnErrorThatSuggestsTheZone() throws {
        try expectFailure(["plan", "--card", FollowUpBinary.sample("dana-diaz.vcf"), "--at", "2026-12-01 14:00", "--tz", "pst"],
                          mentions: "unknown time zone 'pst': use an IANA name; for 'pst' that is probably America/Los_Angeles")
    }

    @Test func cityNameIsItsZone() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", FollowUpBinary.sample("lee-chen.vcf"),
                                             "--at", "2026-12-01 14:00", "--tz", "los angeles"],
                                            now: "1796000000")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Tue 1 Dec 2026 14:00 (America/Los_Angeles)"), "\(result.stdout)")
    }

    @Test func utcIsShownAsUTC() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", FollowUpBinary.sample("lee-chen.vcf"),
                                             "--at", "2026-12-01 14:00", "--tz", "UTC"],
                                            now: "1796000000")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Tue 1 Dec 2026 14:00 (UTC)"), "\(result.stdout)")
        #expect(!result.stdout.contains("GMT"))
    }

    @Test func skippedLocalTimeIsAnError() throws {
        try expectFailure(["plan", "--card", FollowUpBinary.sample("dana-diaz.vcf"), "--at", "2026-03-08 02:30", "--tz", "America/New_York"],
                          mentions: "does not exist in America/New_York")
    }
}
