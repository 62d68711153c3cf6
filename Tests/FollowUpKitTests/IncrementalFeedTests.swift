import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import FollowUpPlanning
import FollowUpStore
@testable import FeedPublishing
@testable import FollowUpKit

/// The feed assembled from stored components is the feed rendered whole, byte for byte,
/// whatever happened to the store before.
struct IncrementalFeedTests {
    let start = Date(timeIntervalSince1970: 1_793_491_200) // 2026-11-01 00:00 UTC

    /// A reproducible stream of numbers (SplitMix64), so a failing sequence can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Checks that the feed the last change wrote equals a full regeneration at the same moment.
    func expectFeedIsFull(_ fixture: JobSearchFixture, now: Date, _ context: String) throws {
        let full = fixture.scratch.url("full")
        try fixture.search.writeFullFeed(into: full, now: now)
        let incremental = try JobSearchFixture.files(fixture.feed)
        let whole = try JobSearchFixture.files(full)
        #expect(incremental == whole, "\(context): the incremental feed differs from a full regeneration")
    }

    func randomInterviewCSV(_ random: inout Seeded, index: Int) -> String {
        let zones = ["America/Chicago", "Europe/Berlin", "Asia/Kolkata", "UTC"]
        let day = CalendarDay(iso: "2026-10-20")!.adding(days: Int.random(in: 0..<70, using: &random))
        let hour = Int.random(in: 8...17, using: &random)
        let zone = zones.randomElement(using: &random)!
        let panel = Int.random(in: 1...3, using: &random)
        return (0..<panel).map { person in
            "Company \(index),Role \(index % 3),\(day),\(String(format: "%02d", hour)):00,\(zone),"
                + "Person \(index)-\(person),p\(index)-\(person)@example.com,,,,,,"
        }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [1, 2, 3, 42, 2026] as [UInt64])
    func randomChangesKeepTheIncrementalFeedEqualToAFullOne(seed: UInt64) throws {
        var random = Seeded(state: seed)
        let fixture = try JobSearchFixture()
        var now = start
        _ = try fixture.search.writeFeed(to: fixture.feed, keepDays: 5, now: now)
        var added = 0
        for step in 0..<40 {
            now = now.addingTimeInterval(Double(Int.random(in: 0...(36 * 3600), using: &random)))
            let open = try fixture.search.interviews(includingEnded: false)
            let all = try fixture.search.interviews(includingEnded: true)
            let planned = open.flatMap { $0.followUps.filter { $0.status == .planned } }
            let operation = all.isEmpty ? 0 : Int.random(in: 0..<6, using: &random)
            var what = ""
            switch operation {
            case 0, 5:
                added += 1
                what = "add"
                try fixture.importCSV(JobSearchFixture.header + randomInterviewCSV(&random, index: added), name: "add-\(step).csv", now: now)
            case 1 where !open.isEmpty:
                let target = open.randomElement(using: &random)!
                var edit = InterviewEdit()
                switch Int.random(in: 0..<3, using: &random) {
                case 0: edit.at = "\(target.interview.day.adding(days: Int.random(in: -3...3, using: &random))) 16:30"
                case 1: edit.company = "Renamed \(step)"
                default: edit.decisionBy = target.interview.day.adding(days: Int.random(in: 1...20, using: &random)).description
                }
                what = "edit \(target.id)"
                _ = try fixture.search.edit(target.id, edit, now: now)
            case 2 where !planned.isEmpty:
                let followUp = planned.randomElement(using: &random)!
                what = "done \(followUp.id)"
                _ = try fixture.search.done(followUp.id, now: now)
            case 3 where !open.isEmpty:
                let target = open.randomElement(using: &random)!
                what = "cancel \(target.id)"
                _ = try fixture.search.cancel(target.id, outcome: Outcome.allCases.randomElement(using: &random)!, now: now)
            case 4:
                let target = all.randomElement(using: &random)!
                what = "remove \(target.id)"
                try fixture.search.remove(target.id, now: now)
            default:
                what = "feed"
                _ = try fixture.search.writeFeed(to: nil, now: now)
            }
            try expectFeedIsFull(fixture, now: now, "seed \(seed), step \(step) (\(what))")
        }
        // Rendering every component again changes nothing either.
        let before = try JobSearchFixture.files(fixture.feed)
        _ = try fixture.search.writeFeed(to: nil, rebuild: true, now: now)
        #expect(try JobSearchFixture.files(fixture.feed) == before)
    }

    @Test func aFullFeedFirstAndAnIncrementalOneAfterAgree() throws {
        let fixture = try JobSearchFixture()
        var random = Seeded(state: 7)
        // Stored before any feed: the first feed renders every component.
        for index in 1...12 {
            try fixture.importCSV(JobSearchFixture.header + randomInterviewCSV(&random, index: index), name: "\(index).csv", now: start)
        }
        let full = fixture.scratch.url("full")
        try fixture.search.writeFullFeed(into: full, now: start)
        _ = try fixture.search.writeFeed(to: fixture.feed, now: start)
        #expect(try JobSearchFixture.files(fixture.feed) == JobSearchFixture.files(full))
    }

    /// A store of six random interviews, with its feed written.
    func fixtureWithFeed(seed: UInt64) throws -> JobSearchFixture {
        let fixture = try JobSearchFixture()
        var random = Seeded(state: seed)
        for index in 1...6 {
            try fixture.importCSV(JobSearchFixture.header + randomInterviewCSV(&random, index: index), name: "\(index).csv", now: start)
        }
        _ = try fixture.search.writeFeed(to: fixture.feed, now: start)
        return fixture
    }

    /// A change that renders one component: the last follow-up of the last open interview
    /// marked done an hour after `start`.
    func markOneDone(_ fixture: JobSearchFixture) throws {
        let last = try #require(fixture.search.interviews(includingEnded: false).last?.followUps.last)
        _ = try fixture.search.done(last.id, now: start.addingTimeInterval(3600))
    }

    /// Replaces the first `SUMMARY:` in the events file with `LOOKED:` (the same length), as
    /// another program might, and sets the file's modification time back unless `touch`:
    /// the file then looks, to the file system, as the store wrote it.
    func tamperWithEvents(_ fixture: JobSearchFixture, touch: Bool) throws {
        let url = fixture.feed.appendingPathComponent(JobSearch.feedFileNames.events)
        var status = stat()
        #expect(stat(url.path, &status) == 0)
        var bytes = try Data(contentsOf: url)
        let range = try #require(bytes.range(of: Data("SUMMARY:".utf8)))
        bytes.replaceSubrange(range, with: Data("LOOKED: ".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: bytes)
        try handle.close()
        if !touch {
            var times = [status.st_atim, status.st_mtim]
            #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
        }
    }

    /// A change copies the components it did not touch from the files written last: bytes
    /// changed there behind the store's back, with the file's time set back, are copied too.
    @Test func unchangedComponentsAreCopiedFromTheFilesWrittenLast() throws {
        let fixture = try fixtureWithFeed(seed: 5)
        try tamperWithEvents(fixture, touch: false)
        try markOneDone(fixture)
        let events = String(decoding: try JobSearchFixture.files(fixture.feed)[0], as: UTF8.self)
        #expect(events.contains("LOOKED: "), "the untouched components were copied from the old file")
        // Rendering every component again reads them all from the store.
        _ = try fixture.search.writeFeed(to: nil, rebuild: true, now: start.addingTimeInterval(3600))
        try expectFeedIsFull(fixture, now: start.addingTimeInterval(3600), "after a rebuild")
    }

    /// A feed file that another program changed (its time or size moved) is not copied from:
    /// the next change assembles the files from the store, and they are whole again.
    @Test func aFeedFileChangedElsewhereIsNotCopiedFrom() throws {
        let fixture = try fixtureWithFeed(seed: 6)
        try tamperWithEvents(fixture, touch: true)
        try markOneDone(fixture)
        try expectFeedIsFull(fixture, now: start.addingTimeInterval(3600), "after a change")
        // And a feed written to another folder starts there from the store too.
        let other = fixture.scratch.url("elsewhere")
        _ = try fixture.search.writeFeed(to: other, now: start.addingTimeInterval(3600))
        #expect(try JobSearchFixture.files(other) == JobSearchFixture.files(fixture.feed))
    }

    /// It describes the job search, like the store: only the user may read it.
    @Test func theLayoutOnlyItsOwnerMayRead() throws {
        let fixture = try fixtureWithFeed(seed: 9)
        try markOneDone(fixture)
        var status = stat()
        #expect(lstat(fixture.feed.appendingPathComponent(FeedLayout.fileName).path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
    }

    /// The layout beside the files is a cache: read back as written, and refused (so that the
    /// files are assembled from the store and still whole) when it is cut short, has a byte
    /// changed, or is gone.
    @Test(arguments: ["cut short", "a byte changed", "removed"])
    func aDamagedLayoutIsNotTrusted(damage: String) throws {
        let fixture = try fixtureWithFeed(seed: 8)
        let written = try #require(FeedLayout.read(in: fixture.feed))
        #expect(written.files.count == 2 && written.components.count > 6)
        // Bytes changed in the feed behind the store's back, with the time set back: only a
        // trusted layout copies them into the next files.
        try tamperWithEvents(fixture, touch: false)
        let url = fixture.feed.appendingPathComponent(FeedLayout.fileName)
        var layout = try Data(contentsOf: url)
        switch damage {
        case "cut short": layout = layout.prefix(layout.count - 5)
        case "a byte changed": layout[layout.count / 2] ^= 0x01
        default: layout = Data()
        }
        if damage == "removed" { try FileManager.default.removeItem(at: url) } else { try layout.write(to: url) }
        #expect(FeedLayout.read(in: fixture.feed) == nil)
        try markOneDone(fixture)
        let events = String(decoding: try JobSearchFixture.files(fixture.feed)[0], as: UTF8.self)
        #expect(!events.contains("LOOKED: "), "\(damage): the files were assembled from the store")
        try expectFeedIsFull(fixture, now: start.addingTimeInterval(3600), damage)
        #expect(FeedLayout.read(in: fixture.feed) != nil, "a new layout is written with the files")
    }

    /// The header's zones come from the stored components by an index (v5): they are those of
    /// the timed follow-ups the window shows, planned or done in it, each from its first start
    /// to its last, in the order of their names.
    @Test func theFeedsZonesAreThoseOfTheTimedFollowUpsTheWindowShows() throws {
        var random = Seeded(state: 7)
        let fixture = try JobSearchFixture()
        for index in 1...12 {
            try fixture.importCSV(JobSearchFixture.header + randomInterviewCSV(&random, index: index), name: "\(index).csv", now: start)
        }
        _ = try fixture.search.writeFeed(to: fixture.feed, keepDays: 5, now: start)
        var now = start
        for _ in 0..<8 {
            // Follow-ups done on days far apart, so some fall out of the window and some stay.
            now = now.addingTimeInterval(3 * 86_400)
            let planned = try fixture.search.interviews(includingEnded: false).flatMap { $0.followUps.filter { $0.status == .planned } }
            _ = try fixture.search.done(try #require(planned.randomElement(using: &random)).id, now: now)
        }
        let cancelled = try #require(fixture.search.interviews(includingEnded: false).randomElement(using: &random))
        _ = try fixture.search.cancel(cancelled.id, outcome: .withdrawn, now: now)

        let window = FeedWindow(keepDays: 5, now: now)
        var expected: [String: (from: Date, through: Date)] = [:]
        for followUp in try fixture.search.interviews(includingEnded: true).flatMap(\.followUps) where window.shows(followUp) {
            guard case .slot(let start, _, let zone) = followUp.timing else { continue }
            let span = expected[zone.identifier]
            expected[zone.identifier] = (min(start, span?.from ?? start), max(start, span?.through ?? start))
        }
        var zones: [(zone: String, from: Date, through: Date)] = []
        try fixture.search.store.withWriteLock { snapshot in zones = try snapshot.feedComponentZones(in: window) }
        #expect(zones.map(\.zone) == expected.keys.sorted())
        for use in zones {
            #expect(use.from == expected[use.zone]?.from && use.through == expected[use.zone]?.through, "\(use.zone)")
        }
        #expect(Set(zones.map(\.zone)).count > 1, "the interviews are in several zones")
    }

    @Test func aChangeRendersOnlyTheFollowUpsItTouched() throws {
        let fixture = try JobSearchFixture()
        var random = Seeded(state: 11)
        for index in 1...5 {
            try fixture.importCSV(JobSearchFixture.header + randomInterviewCSV(&random, index: index), name: "\(index).csv", now: start)
        }
        _ = try fixture.search.writeFeed(to: fixture.feed, now: start)
        let target = try #require(fixture.search.interviews(includingEnded: false).first)
        let followUp = try #require(target.followUps.first)
        var rendered: [String] = []
        var pending = -1
        try fixture.search.store.withWriteLock { snapshot in pending = try snapshot.pendingFeedComponentCount() }
        #expect(pending == 0)
        _ = try fixture.search.store.markDone(followUp.id, at: start.addingTimeInterval(3600)) { snapshot in
            try snapshot.refreshFeedComponents { followUps in
                rendered += followUps.map(\.id)
                return followUps.map { _ in RenderedComponent(event: [], task: []) }
            }
        }
        #expect(rendered == [followUp.id])
    }

    @Test func aChangedFollowUpIsStampedWhenItChangedWithAHigherSequence() throws {
        let fixture = try JobSearchFixture()
        try fixture.importCSV(JobSearchFixture.header + "Acme,Engineer,2026-11-03,14:00,UTC,Dana Diaz,dana@acme.example,,,,,,\n", now: start)
        _ = try fixture.search.writeFeed(to: fixture.feed, now: start)
        let followUp = try #require(fixture.search.interviews(includingEnded: false).first?.followUps.first)
        let doneAt = Date(timeIntervalSince1970: 1_793_800_800) // 2026-11-04 14:00 UTC
        _ = try fixture.search.done(followUp.id, now: doneAt)
        let events = String(decoding: try JobSearchFixture.files(fixture.feed)[0], as: UTF8.self)
        let entry = try #require(events.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:\(followUp.id)-event@followup") })
        #expect(entry.contains("DTSTAMP:20261104T140000Z"))
        #expect(entry.contains("SEQUENCE:1"))
        let untouched = try #require(events.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:") && !$0.contains(followUp.id) })
        #expect(untouched.contains("DTSTAMP:20261101T000000Z"))
        #expect(untouched.contains("SEQUENCE:0"))
    }
}
