import ICalendar
import Foundation
import Testing
import FollowUpPlanning
import FollowUpKit
import ICalendarExport

/// The stored job search run through the binary, on a real SQLite file.
@Suite(.serialized)
struct StoreCommandTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")
    let lee = FollowUpBinary.sample("lee-chen.vcf")

    struct Setup {
        var folder: URL
        var store: String { folder.appendingPathComponent("store.sqlite").path }
        var feed: URL { folder.appendingPathComponent("feed") }

        func run(_ arguments: [String], now: String = FollowUpBinary.afterSampleInterview) throws -> FollowUpBinary.Outcome {
            try FollowUpBinary.run([arguments[0], "--store", store] + arguments.dropFirst(), now: now)
        }

        func feedFile(_ name: String) throws -> String {
            try String(contentsOf: feed.appendingPathComponent(name), encoding: .utf8)
        }
    }

    func setup() throws -> Setup { Setup(folder: try FollowUpBinary.temporaryDirectory()) }

    func add(_ setup: Setup, at: String = "2026-12-01 14:00") throws -> String {
        let result = try setup.run(["add", "--card", dana, "--card", lee, "--at", at, "--tz", "America/Chicago", "--company", "Acme"])
        #expect(result.status == 0, "\(result.stderr)")
        return String(result.stdout.split(separator: "\n")[0].split(separator: " ").last!)
    }

    @Test func addFeedDoneCancelKeepsUIDsAndRaisesSequences() throws {
        let setup = try setup()
        let id = try add(setup)
        #expect(try setup.run(["feed", "--out", setup.feed.path]).status == 0)
        let first = CalendarText.sequences(in: try setup.feedFile("tasks.ics"))
        #expect(first.count == 3)
        #expect(first.values.allSatisfy { $0 == 0 })

        #expect(try setup.run(["done", id, "--step", "thank-you"], now: "1796256000").status == 0)
        let tasks = try setup.feedFile("tasks.ics")
        let afterDone = CalendarText.sequences(in: tasks)
        #expect(Set(afterDone.keys) == Set(first.keys))
        #expect(afterDone.values.sorted() == [0, 1, 1])
        #expect(tasks.components(separatedBy: "STATUS:COMPLETED").count - 1 == 2)
        #expect(tasks.contains("COMPLETED:20261203T000000Z"))

        #expect(try setup.run(["cancel", id, "--reason", "withdrawn"], now: "1796300000").status == 0)
        let events = try setup.feedFile("events.ics")
        // The check-in is cancelled and leaves; the two done thank-yous stay, marked done.
        #expect(ICalendarCheck.componentKinds(in: events).filter { $0 == "VEVENT" }.count == 2)
        #expect(!events.contains("Check-in"))
        #expect(ICalendarCheck.parseErrors(in: events) == [])
        #expect(events.contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H"))
        #expect(events.contains("X-PUBLISHED-TTL:PT1H"))
    }

    @Test func feedWritesTimesInUTCWithoutATimezone() throws {
        let setup = try setup()
        // Interview and call in UTC, planned before the interview: the checklist is in UTC too.
        let add = try setup.run(["add", "--card", NewUserTests.card("alex-berg-no-zone.vcf"), "--at", "2026-12-01 14:00", "--tz", "UTC"],
                                now: "1795000000")
        #expect(add.status == 0, "\(add.stderr)")
        let feed = try setup.run(["feed", "--out", setup.feed.path])
        #expect(feed.status == 0, "\(feed.stderr)")
        let events = try setup.feedFile("events.ics")
        #expect(events.contains("DTSTART:20261201T140000Z"))
        #expect(events.contains("DTSTART:20261207T100000Z"))
        #expect(!events.contains("BEGIN:VTIMEZONE"))
    }

    @Test func unchangedStoreGivesByteIdenticalFeed() throws {
        let setup = try setup()
        _ = try add(setup)
        _ = try setup.run(["feed", "--out", setup.feed.path])
        let before = try setup.feedFile("events.ics")
        _ = try setup.run(["feed"], now: "1799999999")
        #expect(try setup.feedFile("events.ics") == before)
    }

    @Test func sameInterviewAddedTwiceIsRefused() throws {
        let setup = try setup()
        let id = try add(setup)
        let again = try setup.run(["add", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--company", "Acme"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already stored as \(id)"))
    }

    @Test func tenParallelAddsLoseNothing() throws {
        let setup = try setup()
        _ = try setup.run(["feed", "--out", setup.feed.path])
        let processes = try (0..<10).map { index -> Process in
            let process = Process()
            process.executableURL = FollowUpBinary.url
            process.arguments = ["add", "--store", setup.store, "--card", dana, "--at", "2026-12-\(String(format: "%02d", index + 1)) 09:00",
                                 "--tz", "UTC", "--company", "Parallel"]
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = "1799000000"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let list = try setup.run(["list", "--json"])
        let interviews = try #require(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(interviews.count == 10)
        // The last writer wrote the feed while holding the lock: it shows all ten.
        #expect(ICalendarCheck.componentKinds(in: try setup.feedFile("events.ics")).filter { $0 == "VEVENT" }.count == 20)
    }

    @Test func commandThatFailsHalfWayLeavesStoreAndFeedAsTheyWere() throws {
        let setup = try setup()
        _ = try add(setup)
        _ = try setup.run(["feed", "--out", setup.feed.path])
        let listBefore = try setup.run(["list", "--json", "--all"]).stdout
        let feedBefore = try setup.feedFile("events.ics")
        let letter = setup.folder.appendingPathComponent("letter.vcf")
        try Data("not a card\n".utf8).write(to: letter)

        let failed = try setup.run(["add", "--card", dana, "--card", letter.path, "--at", "2026-12-08 10:00", "--tz", "UTC"])
        #expect(failed.status == 1)
        let stored = try #require(JSONSerialization.jsonObject(with: Data(listBefore.utf8)) as? [[String: Any]])
        let id = try #require(stored.first?["id"] as? String)
        let badEdit = try setup.run(["edit", id, "--add-card", letter.path])
        #expect(badEdit.status == 1)
        #expect(badEdit.stderr.contains("letter.vcf:1: not a vCard"))
        #expect(try setup.run(["list", "--json", "--all"]).stdout == listBefore)
        #expect(try setup.feedFile("events.ics") == feedBefore)
    }

    @Test func editMovesTheCheckInAndKeepsItsUID() throws {
        let setup = try setup()
        let id = try add(setup)
        _ = try setup.run(["feed", "--out", setup.feed.path])
        let before = CalendarText.sequences(in: try setup.feedFile("events.ics"))
        let edit = try setup.run(["edit", id, "--decision-by", "2026-12-09"], now: "1796256000")
        #expect(edit.status == 0, "\(edit.stderr)")
        let events = try setup.feedFile("events.ics")
        let after = CalendarText.sequences(in: events)
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after.values.sorted() == [0, 0, 1])
        #expect(events.contains("DTSTART;TZID=America/Chicago:20261210T100000"))
    }

    @Test func agendaListsOverdueTodayAndNextDaysInOrder() throws {
        let setup = try setup()
        _ = try add(setup, at: "2026-12-01 14:00")
        _ = try add(setup, at: "2026-12-03 14:00")
        // 2026-12-04 15:00 UTC: the thank-yous of the 1st are overdue, those of the 3rd due today.
        let agenda = try setup.run(["agenda", "--tz", "America/Chicago"], now: "1796396400")
        #expect(agenda.status == 0)
        let text = agenda.stdout
        let overdue = try #require(text.range(of: "Overdue:"))
        let today = try #require(text.range(of: "Today:"))
        let next = try #require(text.range(of: "Next 7 days:"))
        #expect(overdue.lowerBound < today.lowerBound && today.lowerBound < next.lowerBound)
        #expect(text[overdue.upperBound..<today.lowerBound].contains("Wed 2 Dec 2026"))
        #expect(text[today.upperBound..<next.lowerBound].contains("Fri 4 Dec 2026"))
        #expect(text[next.upperBound...].contains("Mon 7 Dec 2026 10:00"))
    }

    @Test func removeTakesTheInterviewOutOfTheFeed() throws {
        let setup = try setup()
        let id = try add(setup)
        _ = try setup.run(["feed", "--out", setup.feed.path])
        #expect(try setup.run(["remove", id]).status == 0)
        #expect(ICalendarCheck.componentKinds(in: try setup.feedFile("events.ics")).filter { $0 == "VEVENT" }.isEmpty)
    }

    @Test func killingFeedDuringAWriteNeverLeavesABrokenFile() throws {
        let setup = try setup()
        // Enough interviews that a feed takes a while to write.
        let search = try JobSearch(storePath: setup.store)
        for day in 0..<120 {
            let request = PlanRequest(cardFiles: [dana, lee], at: "2027-01-01 09:00", timeZoneName: "UTC", company: "Company \(day)",
                                      outputDirectory: setup.folder)
            _ = try search.add(request, now: Date(timeIntervalSince1970: 1_799_000_000))
        }
        _ = try setup.run(["feed", "--out", setup.feed.path])
        let complete = try setup.feedFile("events.ics")
        let expected = ICalendarCheck.componentKinds(in: complete).count
        for attempt in 0..<12 {
            let process = Process()
            process.executableURL = FollowUpBinary.url
            process.arguments = ["feed", "--store", setup.store]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(5_000 + attempt * 9_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let events = try setup.feedFile("events.ics")
            #expect(ICalendarCheck.componentKinds(in: events).count == expected, "attempt \(attempt)")
            #expect(events.hasSuffix("END:VCALENDAR\r\n"))
        }
        // The next feed clears what the killed writers left behind.
        #expect(try setup.run(["feed"]).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: setup.feed.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
