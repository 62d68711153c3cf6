import CalendarSync
import FollowUpPlanning
import FollowUpStore
import Foundation
import Testing

/// How a sync learns what changed on the server: RFC 6578 sync tokens where the server keeps
/// them, a listing of every ETag where it does not or has forgotten the token.
@Suite(.timeLimit(.minutes(1)))
struct SyncTokenTests {
    @Test func theTokenStoredAfterAPushCoversTheSyncsOwnWrites() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let token = try #require(try setup.account.calendarSyncToken)
            server.forgetRequests()
            try await setup.sync()
            let report = try #require(server.requests.first { $0.method == "REPORT" })
            #expect(report.headers["depth"] == "0")
            #expect(report.body.contains("<d:sync-token>\(token)</d:sync-token>"))
            // Nothing changed since that token: the answer names no member, and nothing is read back.
            #expect(report.status == 207 && !report.answer.contains("<d:response>"))
            #expect(!server.requests.contains { $0.method == "GET" || $0.method == "PROPFIND" && $0.headers["depth"] == "1" })
        }
    }

    @Test func aChangeOnThePhoneDuringThePushIsReadByTheNextSync() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let pushed = try setup.dayFollowUp()
            let other = try #require(try setup.followUps().first { $0.id != pushed.id })
            try setup.store.markDone(pushed.id, at: SyncSetup.now)
            // While this sync pushes the done follow-up, the phone ticks off another.
            let phoneDone = Shared(false)
            server.setHook { request in
                if request.method == "PUT", phoneDone.update({ done in defer { done = true }; return !done }) {
                    server.edit(setup.taskPath(other)) { PhoneEdit.completed($0) }
                }
                return nil
            }
            try await setup.sync()
            server.setHook(nil)
            #expect(try setup.followUp(other.id).status == .planned)
            let report = try await setup.sync()
            #expect(report.completedOnServer == 1)
            if case .done = try setup.followUp(other.id).status {} else { Issue.record("the phone's change during the push was lost") }
        }
    }

    @Test(arguments: [403, 409])
    func aTokenTheServerNoLongerKnowsFallsBackToAFullListing(status: Int) async throws {
        let server = FakeDAVServer(.init(invalidTokenStatus: status))
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            server.expireSyncTokens()
            server.edit(setup.taskPath(target)) { PhoneEdit.completed($0) }
            server.forgetRequests()
            let report = try await setup.sync()
            let refused = try #require(server.requests.first { $0.method == "REPORT" })
            #expect(refused.status == status && refused.answer.contains("<d:valid-sync-token/>"))
            #expect(server.requests.contains { $0.method == "PROPFIND" && $0.path == server.calendarPath && $0.headers["depth"] == "1" })
            #expect(report.completedOnServer == 1)
            if case .done = try setup.followUp(target.id).status {} else { Issue.record("the completion was not read from the listing") }
            // The next sync starts again from a token of the server's.
            server.forgetRequests()
            try await setup.sync()
            #expect(server.requests.filter { $0.method == "REPORT" }.allSatisfy { $0.status == 207 })
            #expect(server.writes.isEmpty)
        }
    }

    @Test func aServerWithoutSyncTokensIsComparedByETag() async throws {
        let server = FakeDAVServer(.init(syncCollection: false))
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            #expect(try setup.account.calendarSyncToken == nil)
            #expect(Set(server.bodies(in: server.calendarPath).keys) == (try setup.expectedObjectNames()))
            let done = try setup.dayFollowUp()
            let deleted = try #require(try setup.followUps().first { $0.id != done.id })
            server.edit(setup.taskPath(done)) { PhoneEdit.completed($0) }
            server.remove(setup.eventPath(deleted))
            server.forgetRequests()
            let report = try await setup.sync()
            #expect(server.requests.first { $0.method == "REPORT" }?.answer.contains("<d:supported-report/>") == true)
            #expect((report.completedOnServer, report.dismissed) == (1, 1))
            if case .done = try setup.followUp(done.id).status {} else { Issue.record("the completion was not found by its ETag") }
            #expect(try setup.followUp(deleted.id).status == .cancelled(reason: "deleted on remote 'home'"))
            // Only the changed object was read back.
            #expect(server.requests.filter { $0.method == "GET" }.map(\.name) == [done.id + "-task.ics"])
            server.forgetRequests()
            try await setup.sync()
            #expect(server.writes.isEmpty)
        }
    }

    @Test func aServerThatGivesNoETagOnPutHasItsETagsTakenFromTheNextListing() async throws {
        let server = FakeDAVServer(.init(etagOnPut: false))
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            for record in try setup.remoteObjects() where record.followUpID != nil {
                let path = try #require(URL(string: record.href)?.path)
                #expect(record.etag != nil && record.etag == server.member(path)?.etag)
            }
            server.forgetRequests()
            try await setup.sync()
            #expect(server.writes.isEmpty)
            #expect(!server.requests.contains { $0.method == "GET" })
        }
    }
}
