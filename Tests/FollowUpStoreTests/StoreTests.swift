import Foundation
import GRDB
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// The store, in memory; on a SQLite file in a temporary folder where a test is about the file.
final class StoreTests {
    let scratch: ScratchFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try ScratchFolder()
    }

    deinit {
        scratch.remove()
    }

    func store() throws -> InterviewStore { try InterviewStore(DatabaseQueue()) }

    func interview(day: String = "2026-12-01", company: String = "Acme", instructions: Instructions = .init()) -> Interview {
        // Dana in a zone of her own, not the interview's, so a test sees that the store keeps it.
        .on(day, company: company, role: "Engineer", interviewers: [.dana.with { $0.timeZone = .newYork }, .lee], instructions: instructions)
    }

    let now = Date(timeIntervalSince1970: 1_796_169_600) // 2026-12-02, after the interview
    let later = Date(timeIntervalSince1970: 1_796_256_000)

    @Test func anInterviewersPhotoIsKept() throws {
        let store = try store()
        var planned = interview()
        let photo = Photo(data: Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x11, count: 2_000)), mediaType: "image/jpeg")
        planned.interviewers[1].photo = photo
        let added = try store.add(planned, settings: .init(), now: now)
        let read = try store.interview(added.id)
        #expect(read.interview.interviewers[1].photo == photo)
        #expect(read.interview.interviewers[0].photo == nil)
    }

    @Test func addedInterviewReadsBackWithItsPlan() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        let read = try store.interview(added.id)
        #expect(read == added)
        #expect(read.interview.interviewers.map(\.name) == ["Dana Díaz", "Lee Chen"])
        #expect(read.interview.interviewers[0].timeZone?.identifier == "America/New_York")
        #expect(read.followUps.map(\.action) == [.thankYouEmail, .thankYouEmail, .checkInCall])
        #expect(read.followUps.allSatisfy { $0.status == .planned && $0.sequence == 0 && $0.lastModified == now })
        #expect(read.followUps[0].draft?.body.hasPrefix("Dear Dana,") == true)
        #expect(try store.history(of: added.id).map(\.event) == ["added"])
    }

    @Test func everyInterviewReadsBackWithItsOwnInterviewersAndFollowUps() throws {
        let store = try store()
        // Added out of date order: a list is oldest first, whatever the order of adding.
        let days = ["2026-12-08", "2026-11-03", "2026-12-01"]
        var added: [String: StoredInterview] = [:]
        for (index, day) in days.enumerated() {
            let stored = try store.add(interview(day: day, company: "Company \(index)"), settings: .init(), now: now)
            added[stored.id] = stored
        }
        let read = try store.interviews()
        #expect(try store.interviewCount() == 3)
        #expect(read.map { $0.interview.day.description } == ["2026-11-03", "2026-12-01", "2026-12-08"])
        for stored in read {
            #expect(stored == added[stored.id])
            #expect(stored.followUps.allSatisfy { $0.summary.contains(stored.interview.company ?? "-") })
        }
        try store.remove(read[0].id, at: later)
        #expect(try store.interviewCount() == 2)
    }

    @Test func sameInterviewTwiceIsRefused() throws {
        let store = try store()
        let first = try store.add(interview(), settings: .init(), now: now)
        #expect {
            try store.add(interview(), settings: .init(), now: now)
        } throws: { error in
            if case StoreError.duplicate(let id, _) = error { return id == first.id }
            return false
        }
        #expect(try store.interviews().count == 1)
    }

    @Test func theSameStartAtAnotherCompanyIsAnotherInterviewButAnotherCaseIsNot() throws {
        let store = try store()
        let first = try store.add(interview(company: "Acme"), settings: .init(), now: now)
        let other = try store.add(interview(company: "Beta"), settings: .init(), now: now)
        #expect(other.id != first.id)
        #expect {
            try store.add(interview(company: "ACME"), settings: .init(), now: now)
        } throws: { error in
            if case StoreError.duplicate(let id, _) = error { return id == first.id }
            return false
        }
        #expect(try store.interviewCount() == 2)
    }

    @Test func anUnknownIDListsTheInterviewsItStartsElseTheFirstOnes() throws {
        let store = try store()
        let early = try store.add(interview(day: "2026-12-01", company: "Acme"), settings: .init(), now: now)
        let late = try store.add(interview(day: "2026-12-08", company: "Beta"), settings: .init(), now: now)
        func candidates(_ query: String) -> [String]? {
            do {
                _ = try store.interview(query)
                return nil
            } catch {
                guard case .noSuchInterview(_, let candidates, _) = error else { return nil }
                return candidates
            }
        }
        let prefixed = candidates(String(late.id.prefix(3)))
        #expect(prefixed?.count == 1 && prefixed?.first?.hasPrefix(late.id) == true, "\(String(describing: prefixed))")
        let unknown = candidates("zzzz")
        #expect(unknown?.map { String($0.prefix(early.id.count)) } == [early.id, late.id], "\(String(describing: unknown))")
    }

    @Test func doneRaisesTheSequenceAndKeepsTheID() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        let target = added.followUps[0]
        let marked = try store.markDone(String(target.id.prefix(8)), at: later)
        #expect(marked.map(\.id) == [target.id])
        let read = try store.interview(added.id).followUps[0]
        #expect(read.status == .done(on: later))
        #expect(read.sequence == 1)
        #expect(read.lastModified == later)
    }

    @Test func doneWithAStepMarksEveryFollowUpOfThatStep() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        let marked = try store.markDone(added.id, step: .thankYou, at: later)
        #expect(marked.count == 2)
        #expect(try store.interview(added.id).openFollowUps.map(\.action) == [.checkInCall])
    }

    @Test func cancelEndsTheInterviewAndOnlyItsOpenFollowUps() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        try store.markDone(added.id, step: .thankYou, at: later)
        let ended = try store.cancel(added.id, outcome: .offer, at: later)
        #expect(ended.outcome == .offer)
        #expect(!ended.isOpen)
        #expect(ended.followUps.map(\.status) == [.done(on: later), .done(on: later), .cancelled(reason: "offer")])
        #expect(ended.visibleFollowUps.count == 2)
        #expect(try store.interviews(includingEnded: false).isEmpty)
    }

    @Test func editKeepsIdentifiersAndRaisesTheSequenceOfWhatChanged() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        let edited = try store.edit(added.id, now: later) { interview, _ in
            interview.instructions.decisionBy = CalendarDay(iso: "2026-12-09")
            interview.company = "Acme Robotics"
        }
        #expect(edited.followUps.map(\.id) == added.followUps.map(\.id))
        #expect(edited.followUps.map(\.sequence) == [1, 1, 1]) // the company is in every summary
        #expect(edited.followUps[2].timing.day == CalendarDay(iso: "2026-12-10"))

        let again = try store.edit(added.id, now: later) { interview, _ in
            interview.instructions.talkingPoints = []
        }
        #expect(again.followUps.map(\.sequence) == [1, 1, 1], "an edit that changes nothing raises nothing")
    }

    @Test func editThatDropsAFollowUpCancelsIt() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        let edited = try store.edit(added.id, now: later) { interview, _ in interview.instructions.noFollowUp = true }
        #expect(edited.followUps.last?.status == .cancelled(reason: "no longer in the plan"))
        #expect(edited.visibleFollowUps.map(\.action) == [.thankYouEmail, .thankYouEmail])
    }

    @Test func failedChangeLeavesTheStoreAsItWas() throws {
        struct FeedBroke: Error {}
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        // The hook's own error comes back, inside the store's typed one.
        func isFeedBroke(_ error: any Error) -> Bool {
            if case StoreError.interrupted(let inner) = error { return inner is FeedBroke } else { return false }
        }
        #expect(performing: { try store.markDone(added.id, step: .thankYou, at: later) { _ in throw FeedBroke() } }, throws: isFeedBroke)
        #expect(performing: { try store.add(interview(day: "2026-12-08"), settings: .init(), now: now) { _ in throw FeedBroke() } },
                throws: isFeedBroke)
        #expect(try store.interviews() == [added])
        #expect(try store.history(of: added.id).count == 1)
    }

    @Test func removeDeletesTheInterviewButKeepsItsHistory() throws {
        let store = try store()
        let added = try store.add(interview(), settings: .init(), now: now)
        try store.remove(added.id, at: later)
        #expect(try store.interviews().isEmpty)
        #expect(try store.history(of: added.id).map(\.event) == ["added", "removed"])
    }

    @Test func ambiguousOrUnknownIdsAreErrors() throws {
        let store = try store()
        _ = try store.add(interview(), settings: .init(), now: now)
        #expect(throws: StoreError.self) { try store.interview("zzzzzz") }
        #expect(throws: StoreError.self) { try store.markDone("ab", at: now) }
    }

    @Test func oldStoreFileIsMigratedNotRebuilt() throws {
        let path = folder.appendingPathComponent("old.sqlite")
        // A store as the first release wrote it: only the first migration, one interview in it.
        let queue = try DatabaseQueue(path: path.path)
        try StoreSchema.migrator().migrate(queue, upTo: "v1-interviews")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO interview (id, start, timeZone, company, role, mainContact, instructions, schedule, state, createdAt, updatedAt)
                VALUES ('abc123', 1796155200, 'America/Chicago', 'Old Co', 'Dev', 0,
                        '{"noFollowUp":false}',
                        '{"callHour":10,"callMinute":0,"callMinutes":15,"checkInDelayDays":5,"weekdays":[2,3,4,5,6],"holidays":[]}',
                        'open', 1796000000, 1796000000)
                """)
        }
        try queue.close()

        let store = try InterviewStore(path: path)
        #expect(try store.interviews().map(\.id) == ["abc123"])
        #expect(try store.interview("abc123").interview.company == "Old Co")
        #expect(try store.history(of: "abc123").map(\.event) == ["added"])
        try store.setSetting("feed.directory", "/tmp/x")
        #expect(try store.setting("feed.directory") == "/tmp/x")
        let reopened = try DatabaseQueue(path: path.path)
        #expect(try reopened.read { db in try StoreSchema.migrator().appliedIdentifiers(db) } == Set(StoreSchema.migrator().migrations))
        #expect(try reopened.read { db in try db.indexes(on: "followUp").contains { $0.columns == ["interviewId", "position"] } })
    }

    @Test func aStoreFromBeforeFeedComponentsQueuesEveryFollowUpForTheFeed() throws {
        let path = folder.appendingPathComponent("v3.sqlite")
        // A v3 store with follow-ups in it: the same rows, without what v4 added.
        let queue = try DatabaseQueue(path: path.path)
        try StoreSchema.migrator().migrate(queue, upTo: "v3-follow-up-order")
        try queue.close()
        var store = try InterviewStore(path: path)
        let added = try store.add(interview(), settings: .init(), now: now)
        let reopened = try DatabaseQueue(path: path.path)
        try reopened.write { db in
            try db.execute(sql: """
                DROP TRIGGER followUp_feedPending_insert; DROP TRIGGER followUp_feedPending_update;
                DROP TABLE feedPending; DROP TABLE feedComponent;
                DROP INDEX interview_on_state; DROP INDEX followUp_on_status_day; DROP INDEX followUp_on_status_start;
                DELETE FROM grdb_migrations WHERE identifier = 'v4-feed-components-and-read-indexes';
                """)
        }
        try reopened.close()

        store = try InterviewStore(path: path)
        var pending = 0
        try store.withWriteLock { snapshot in pending = try snapshot.pendingFeedComponentCount() }
        #expect(pending == added.followUps.count)
        // Every read index is there, and the agenda's query uses them.
        let check = try DatabaseQueue(path: path.path)
        #expect(try check.read { db in try db.indexes(on: "interview").contains { $0.columns == ["state"] } })
        let details = try check.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM followUp WHERE status = 'planned' AND day <= '2026-12-10'")
                .map { $0["detail"] as String }
        }
        #expect(details.contains { $0.contains("followUp_on_status_day") }, "\(details)")
    }

    @Test func aV4StoreGainsTheIndexesThatKeepAChangeFromReadingEveryRow() throws {
        let path = folder.appendingPathComponent("v4.sqlite")
        let queue = try DatabaseQueue(path: path.path)
        try StoreSchema.migrator().migrate(queue, upTo: "v4-calendar-sync")
        try queue.close()
        let store = try InterviewStore(path: path)
        try store.add(interview(), settings: .init(), now: now)

        let check = try DatabaseQueue(path: path.path)
        func plan(_ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
            try check.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
        }
        // `add` looks for the same interview by its start (`InterviewRow.fetchAll(startingAt:)`).
        let twin = try plan("SELECT * FROM interview WHERE start = ?", [0])
        #expect(twin.contains { $0.contains("interview_on_start") }, "\(twin)")
        // Ending an interview reaches its own follow-ups, not every planned one of the store.
        let ending = try plan(InterviewStore.cancelPlannedFollowUps, ["reason", 0, "id"])
        #expect(ending.contains { $0.contains("(interviewId=?)") }, "\(ending)")
        #expect(!ending.contains { $0.contains("status") }, "\(ending)")
        // The feed's components are read in feed order, never sorted in a temporary table.
        let query = StoreSnapshot.feedComponentQuery(FeedWindow(keepDays: 30, now: now))
        let feed = try plan(query.sql, query.arguments)
        #expect(feed.contains { $0.contains("feedComponent_in_feed_order") }, "\(feed)")
        #expect(!feed.contains { $0.contains("TEMP B-TREE") }, "\(feed)")
    }

    @Test func feedOutlineHasTheZonesOfTimedFollowUpsAndTheLastChange() throws {
        let store = try store()
        let chicagoInterview = try store.add(interview(day: "2026-12-01"), settings: .init(), now: now)
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        var other = interview(day: "2026-12-08", company: "Beta")
        other.timeZone = berlin
        other.start = CalendarDay(iso: "2026-12-08")!.at(hour: 9, minute: 0, in: berlin)
        let berlinInterview = try store.add(other, settings: .init(), now: later)
        let calls = (chicagoInterview.followUps + berlinInterview.followUps).compactMap { followUp -> (String, Date)? in
            guard case .slot(let start, _, let zone) = followUp.timing else { return nil }
            return (zone.identifier, start)
        }
        var outline: (zones: [(zone: String, from: Date, through: Date)], lastModification: Date?) = ([], nil)
        try store.withWriteLock { snapshot in outline = try snapshot.feedOutline() }
        #expect(outline.lastModification == later)
        #expect(outline.zones.map(\.zone) == Array(Set(calls.map(\.0))).sorted())
        for use in outline.zones {
            let starts = calls.filter { $0.0 == use.zone }.map(\.1)
            #expect(use.from == starts.min() && use.through == starts.max())
        }
        // A cancelled interview's follow-ups leave the outline with the feed.
        try store.cancel(berlinInterview.id, outcome: .withdrawn, at: later.addingTimeInterval(60))
        try store.withWriteLock { snapshot in outline = try snapshot.feedOutline() }
        #expect(outline.lastModification == now)
        #expect(outline.zones.map(\.zone) == Array(Set(chicagoInterview.followUps.compactMap { followUp -> String? in
            if case .slot(_, _, let zone) = followUp.timing { return zone.identifier }
            return nil
        })).sorted())
    }

    @Test func defaultLocationFollowsTheEnvironment() {
        #expect(InterviewStore.defaultLocation(environment: ["FOLLOWUP_STORE": "/data/s.sqlite"]).path == "/data/s.sqlite")
        #expect(InterviewStore.defaultLocation(environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/u"]).path == "/xdg/followup/followup.sqlite")
        #expect(InterviewStore.defaultLocation(environment: ["HOME": "/home/u"]).path == "/home/u/.local/share/followup/followup.sqlite")
    }
}

/// The feed reads stored days without a `Calendar`, and still refuses what is not a day.
struct StoredDayTests {
    @Test func storedDaysReadBack() {
        #expect(StoredDay.parse("2026-12-02") == CalendarDay(year: 2026, month: 12, day: 2))
        #expect(StoredDay.parse("0999-01-31") == CalendarDay(year: 999, month: 1, day: 31))
    }

    @Test func malformedDaysAreNotDays() {
        #expect(StoredDay.parse("2026-13-02") == nil)
        #expect(StoredDay.parse("2026-12-2") == nil)
        #expect(StoredDay.parse("2026/12/02") == nil)
        #expect(StoredDay.parse("") == nil)
    }
}
