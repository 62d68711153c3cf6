import CalendarSync
import FollowUpPlanning
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Testing

/// A sync that is cut off, answered with errors, or raced by the phone: the next run (or the
/// same one) ends with every object on the server exactly once, and nothing of the phone's lost.
@Suite(.timeLimit(.minutes(1)))
struct InterruptionTests {
    /// Two interviews, so that a push has more objects than the concurrent PUTs in flight.
    func addTwoInterviews(_ setup: SyncSetup) throws {
        try setup.addInterview()
        try setup.addInterview(day: "2026-12-03", company: "Beta Corp", role: "Platform Engineer", interviewers: [.priya])
    }

    /// After a cut sync: a sync that completes puts every object there once, and one more writes nothing.
    func expectCompletedByTheNextRuns(_ setup: SyncSetup) async throws {
        let server = setup.server
        setup.server.setHook(nil)
        try await setup.sync()
        #expect(Set(server.bodies(in: server.calendarPath).keys) == (try setup.expectedObjectNames()))
        let uids = server.bodies(in: server.calendarPath).values.compactMap { PhoneEdit.value("UID", in: $0) }
        #expect(uids.count == Set(uids).count)
        #expect(server.bodies(in: server.addressBookPath).count == 3)
        #expect(try setup.remoteObjects().allSatisfy { $0.confirmed && $0.etag != nil })
        server.forgetRequests()
        try await setup.sync()
        #expect(server.writes.isEmpty)
    }

    @Test func aSyncCutOffByServerErrorsAfterSomePutsIsCompletedByTheNextWithEveryObjectOnce() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try addTwoInterviews(setup)
            // 507 Insufficient Storage is not worth retrying: the sync stops at once.
            server.setHook { request in (request.putNumber ?? 0) > 3 ? .status(507) : nil }
            let error = await #expect(throws: SyncError.self) { try await setup.sync() }
            #expect(error?.description.contains("with HTTP 507") == true)
            #expect(server.bodies(in: server.calendarPath).count == 3)
            try await expectCompletedByTheNextRuns(setup)
        }
    }

    @Test func aSyncWhoseConnectionsDropAfterSomePutsIsCompletedByTheNextWithEveryObjectOnce() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try addTwoInterviews(setup)
            server.setHook { request in (request.putNumber ?? 0) > 4 ? .drop : nil }
            let error = await #expect(throws: SyncError.self) { try await setup.sync() }
            #expect(error?.description.hasPrefix("remote 'home': cannot reach ") == true)
            #expect(server.bodies(in: server.calendarPath).count == 4)
            try await expectCompletedByTheNextRuns(setup)
        }
    }

    @Test func putsThatLandedButWhoseAnswersWereLostAreFoundByTheNextSyncAndNotDuplicated() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try addTwoInterviews(setup)
            // The server writes every object after the second, then the connection fails before the answer.
            server.setHook { request in (request.putNumber ?? 0) > 2 ? .carryOutThenDrop : nil }
            await #expect(throws: SyncError.self) { try await setup.sync() }
            let landed = server.bodies(in: server.calendarPath).count
            #expect(landed > 2)
            let unconfirmed = try setup.remoteObjects().filter { !$0.confirmed }
            #expect(!unconfirmed.isEmpty)
            server.setHook(nil)
            server.forgetRequests()
            try await setup.sync()
            // Each object that landed unconfirmed: If-None-Match refused with 412, read, written over its ETag.
            for record in unconfirmed {
                let path = try #require(URL(string: record.href)?.path)
                guard server.requests.contains(where: { $0.path == path && $0.status == 412 }) else { continue }
                let sent = server.requests.filter { $0.path == path }
                // A conditional PUT whose connection failed is sent once more (DAVClient retries
                // a transport failure); what matters is that every one asked If-None-Match, and
                // that the object was read before it was written over its ETag.
                let read = try #require(sent.firstIndex { $0.method == "GET" })
                #expect(sent[..<read].allSatisfy { $0.method == "PUT" && $0.headers["if-none-match"] == "*" })
                #expect((1...2).contains(read))
                #expect(sent[read...].map(\.method) == ["GET", "PUT"])
                #expect(sent.last?.headers["if-match"] == sent[read].answerETag)
            }
            #expect(server.requests.contains { $0.status == 412 })
            try await expectCompletedByTheNextRuns(setup)
        }
    }

    @Test func aLostAnswerIsRetriedAndTheObjectFoundAlreadyThere() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let target = try setup.dayFollowUp()
            let name = target.id + "-task.ics"
            let cut = Shared(false)
            server.setHook { request in
                guard request.method == "PUT", request.name == name else { return nil }
                return cut.update { done in defer { done = true }; return done ? nil : .carryOutThenDrop }
            }
            let report = try await setup.sync()
            let sent = server.requests.filter { $0.name == name }
            #expect(sent.map(\.method) == ["PUT", "PUT", "GET", "PUT"])
            #expect(sent.map(\.status) == [0, 412, 200, 204])
            #expect(Set(server.bodies(in: server.calendarPath).keys) == (try setup.expectedObjectNames()))
            #expect(report.created == 2 * (try setup.liveFollowUps().count))
        }
    }

    @Test func aPassing503IsRetried() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            server.setHook { request in request.putNumber == 1 ? .status(503) : nil }
            try await setup.sync()
            let first = try #require(server.requests.first { $0.putNumber == 1 })
            #expect(first.status == 503)
            #expect(server.requests.filter { $0.path == first.path }.map(\.status) == [503, 201])
            #expect(Set(server.bodies(in: server.calendarPath).keys) == (try setup.expectedObjectNames()))
        }
    }

    @Test func anUpdateRefusedByIfMatchRereadsTheServersCopyAndWritesOverIt() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            try setup.store.markDone(target.id, at: SyncSetup.now)
            let taskPath = setup.taskPath(target)
            // The phone renames the to-do between this sync's pull and its PUT.
            let edited = Shared(false)
            server.setHook { request in
                if request.method == "PUT", request.path == taskPath, edited.update({ done in defer { done = true }; return !done }) {
                    server.edit(taskPath) { PhoneEdit.renamed($0, to: "Edited on the phone") }
                }
                return nil
            }
            server.forgetRequests()
            let report = try await setup.sync()
            let sent = server.requests.filter { $0.path == taskPath }
            #expect(sent.map(\.method) == ["PUT", "GET", "PUT"])
            #expect(sent.map(\.status) == [412, 200, 204])
            #expect(sent.last?.headers["if-match"] == sent[1].answerETag)
            #expect(report.lines.contains { $0.hasPrefix("overrode the server: \(target.summary) stays done") })
            #expect(PhoneEdit.value("STATUS", in: server.member(taskPath)?.body ?? "") == "COMPLETED")
            server.setHook(nil)
            server.forgetRequests()
            try await setup.sync()
            #expect(server.writes.isEmpty)
        }
    }

    @Test func anObjectChangedOnThePhoneJustBeforeItsDeleteIsDeletedAllTheSame() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            let stored = try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            let taskPath = setup.taskPath(target)
            try setup.store.cancel(stored.id, outcome: .withdrawn, at: SyncSetup.now)
            server.setHook { request in
                if request.method == "DELETE", request.path == taskPath, request.headers["if-match"] != nil {
                    server.edit(taskPath) { PhoneEdit.renamed($0, to: "Edited on the phone") }
                }
                return nil
            }
            server.forgetRequests()
            try await setup.sync()
            let sent = server.requests.filter { $0.path == taskPath }
            #expect(sent.map(\.status) == [412, 204])
            #expect(sent.last?.headers["if-match"] == nil)
            #expect(server.bodies(in: server.calendarPath).isEmpty)
            #expect(try setup.remoteObjects().allSatisfy { $0.followUpID == nil })
        }
    }
}
