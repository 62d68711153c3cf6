import CalendarSync
import FollowUpPlanning
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Testing

/// What a sync writes to the server: each follow-up as an event and a to-do, each interviewer as
/// a card, only what changed, with the preconditions that keep it from overwriting the phone.
@Suite(.timeLimit(.minutes(1)))
struct PushTests {
    @Test func theFirstSyncPushesAnEventAndAToDoForEveryFollowUpAndACardForEveryInterviewer() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let report = try await setup.sync()
            let followUps = try setup.liveFollowUps()
            #expect(Set(server.bodies(in: server.calendarPath).keys) == (try setup.expectedObjectNames()))
            for followUp in followUps {
                let task = try #require(server.member(setup.taskPath(followUp)))
                let event = try #require(server.member(setup.eventPath(followUp)))
                #expect(PhoneEdit.value("UID", in: task.body) == "\(followUp.id)-task@followup")
                #expect(task.body.contains("BEGIN:VTODO") && !task.body.contains("BEGIN:VEVENT"))
                #expect(PhoneEdit.value("UID", in: event.body) == "\(followUp.id)-event@followup")
                #expect(PhoneEdit.value("SUMMARY", in: event.body) == PhoneEdit.escaped(followUp.summary))
                #expect(task.contentType == "text/calendar; charset=utf-8")
            }
            let cards = server.bodies(in: server.addressBookPath)
            #expect(cards.count == 2)
            #expect(cards.values.contains { $0.contains("FN:Dana Díaz") } && cards.values.contains { $0.contains("FN:Lee Chen") })
            let puts = server.writes.filter { $0.method == "PUT" }
            #expect(puts.count == 2 * followUps.count + 2)
            #expect(puts.allSatisfy { $0.headers["if-none-match"] == "*" && $0.headers["if-match"] == nil && $0.status == 201 })
            #expect((report.created, report.updated, report.deleted, report.contactsWritten) == (2 * followUps.count, 0, 0, 2))
            // Every object is recorded with the ETag the server gave it.
            let records = try setup.remoteObjects()
            #expect(records.count == 2 * followUps.count + 2)
            for record in records {
                let path = try #require(URL(string: record.href)?.path)
                #expect(record.confirmed && record.etag == server.member(path)?.etag)
            }
        }
    }

    @Test func aSecondSyncWithNothingChangedWritesNothing() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            server.forgetRequests()
            let report = try await setup.sync()
            #expect(server.writes.isEmpty)
            #expect(!server.requests.contains { $0.method == "GET" })
            #expect((report.created, report.updated, report.deleted, report.contactsWritten) == (0, 0, 0, 0))
            #expect(report.unchanged == 2 * (try setup.liveFollowUps().count))
            #expect(report.summary.hasPrefix("remote 'home': pushed 0 new, 0 changed, 0 deleted"))
        }
    }

    @Test func aFollowUpChangedHereIsPutOverTheKnownETagWithAHigherSequence() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            let before = try #require(server.member(setup.taskPath(target)))
            try setup.store.markDone(target.id, at: SyncSetup.now)
            server.forgetRequests()
            let report = try await setup.sync()
            let puts = server.writes.filter { $0.method == "PUT" }
            #expect(Set(puts.map(\.name)) == [target.id + "-task.ics", target.id + "-event.ics"])
            let taskPut = try #require(puts.first { $0.name == target.id + "-task.ics" })
            #expect(taskPut.headers["if-match"] == before.etag && taskPut.headers["if-none-match"] == nil)
            #expect(taskPut.status == 204)
            let after = try #require(server.member(setup.taskPath(target)))
            #expect(Int(PhoneEdit.value("SEQUENCE", in: after.body) ?? "") == Int(PhoneEdit.value("SEQUENCE", in: before.body) ?? "")! + 1)
            #expect(PhoneEdit.value("STATUS", in: after.body) == "COMPLETED")
            #expect((report.created, report.updated) == (0, 2))
        }
    }

    @Test func anInterviewCancelledHereHasItsObjectsDeletedOverTheirETags() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let other = try setup.addInterview(day: "2026-12-03", company: "Beta Corp", role: "Platform Engineer", interviewers: [.priya])
            try await setup.sync()
            let etags = server.bodies(in: server.calendarPath).keys.reduce(into: [String: String]()) { etags, name in
                etags[name] = server.member(server.calendarPath + name)?.etag
            }
            try setup.store.cancel(other.id, outcome: .rejected, at: SyncSetup.now)
            server.forgetRequests()
            let report = try await setup.sync()
            let deletes = server.writes.filter { $0.method == "DELETE" }
            let cancelled = Set(other.followUps.flatMap { [$0.id + "-task.ics", $0.id + "-event.ics"] })
            #expect(Set(deletes.map(\.name)) == cancelled)
            #expect(deletes.allSatisfy { $0.headers["if-match"] == etags[$0.name] && $0.status == 204 })
            #expect(!server.writes.contains { $0.method == "PUT" && $0.path.hasPrefix(server.calendarPath) })
            #expect(Set(server.bodies(in: server.calendarPath).keys) == (try setup.expectedObjectNames()))
            #expect(report.deleted == cancelled.count)
            #expect(try setup.remoteObjects().filter { $0.followUpID.map { id in other.followUps.contains { $0.id == id } } == true }.isEmpty)
            // An ended interview's people are still people the user met: Priya's card stays.
            #expect(!server.writes.contains { $0.path.hasPrefix(server.addressBookPath) })
            #expect(server.bodies(in: server.addressBookPath).count == 3)
        }
    }

    @Test func aRemovedInterviewTakesItsObjectsAndTheCardOfWhomOnlyItMetOffTheServer() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let other = try setup.addInterview(day: "2026-12-03", company: "Beta Corp", role: "Platform Engineer",
                                               interviewers: [.priya, SyncSetup.dana])
            try await setup.sync()
            #expect(server.bodies(in: server.addressBookPath).count == 3)
            try setup.store.remove(other.id, at: SyncSetup.now)
            server.forgetRequests()
            let report = try await setup.sync()
            #expect(Set(server.bodies(in: server.calendarPath).keys) == (try setup.expectedObjectNames()))
            #expect(server.writes.filter { $0.method == "DELETE" && $0.path.hasPrefix(server.calendarPath) }.count == 2 * other.followUps.count)
            let cards = server.bodies(in: server.addressBookPath).values
            #expect(cards.count == 2 && !cards.contains { $0.contains("Priya") })
            #expect(report.contactsDeleted == 1)
            // Dana's card loses the Beta interview from its note, so it is written again.
            #expect(report.contactsWritten == 1)
            #expect(try setup.remoteObjects().count == 2 * (try setup.liveFollowUps().count) + 2)
        }
    }

    @Test func anInterviewerMetTwiceIsPushedAsOneCard() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try setup.addInterview(day: "2026-12-08", role: "Staff Engineer", interviewers: [SyncSetup.dana])
            try await setup.sync()
            let cards = server.bodies(in: server.addressBookPath).values
            #expect(cards.count == 2)
            let dana = try #require(cards.first { $0.contains("FN:Dana Díaz") })
            #expect(dana.contains("Backend Engineer") && dana.contains("Staff Engineer"))
            #expect(server.writes.filter { $0.method == "PUT" && $0.path.hasPrefix(server.addressBookPath) }.count == 2)
        }
    }

    @Test func anAddressBookThatTakesVCard4GetsVersion4CardsAndAnotherVersion3() async throws {
        for vCard4 in [true, false] {
            let server = FakeDAVServer(.init(vCard4: vCard4))
            try await server.withSetup { setup in
                try setup.addInterview()
                try await setup.sync()
                let cards = server.bodies(in: server.addressBookPath).values
                #expect(!cards.isEmpty)
                #expect(cards.allSatisfy { PhoneEdit.value("VERSION", in: $0) == (vCard4 ? "4.0" : "3.0") })
            }
        }
    }

    @Test func theStoreRecordsEachObjectBeforeItsPut() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let store = setup.store
            // Each PUT, as it reaches the server, looks in the store for its record.
            let unrecorded = Shared<[String]>([])
            server.setHook { request in
                guard request.method == "PUT" else { return nil }
                let records = (try? store.remoteObjects(of: "home")) ?? []
                if !records.contains(where: { URL(string: $0.href)?.path == request.path && !$0.confirmed }) {
                    unrecorded.update { $0.append(request.path) }
                }
                return nil
            }
            try await setup.sync()
            #expect(server.writes.filter { $0.method == "PUT" }.count == 2 * (try setup.liveFollowUps().count) + 2)
            #expect(unrecorded.value == [])
            #expect(try setup.remoteObjects().allSatisfy(\.confirmed))
        }
    }

    @Test func aDryRunReadsButWritesNothingAndRecordsNothing() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let report = try await setup.sync(dryRun: true)
            #expect(server.writes.isEmpty)
            #expect(!server.requests.isEmpty)
            let followUps = try setup.liveFollowUps()
            #expect(report.dryRun && report.created == 2 * followUps.count)
            #expect(report.summary.hasPrefix("remote 'home': would push"))
            #expect(report.lines.contains { $0.hasPrefix("would create: ") })
            #expect(try setup.remoteObjects().isEmpty)
            #expect(try setup.account.calendarURL == nil)
        }
    }

    @Test func aDryRunAfterAChangeOnThePhoneSaysWhatItWouldDoAndChangesNothing() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            server.edit(setup.taskPath(target)) { PhoneEdit.completed($0) }
            let records = try setup.remoteObjects()
            let account = try setup.account
            server.forgetRequests()
            let report = try await setup.sync(dryRun: true)
            #expect(server.writes.isEmpty)
            #expect(report.completedOnServer == 1)
            #expect(report.lines.contains { $0.hasPrefix("done on the server: ") })
            #expect(try setup.followUp(target.id).status == .planned)
            #expect(try setup.remoteObjects() == records)
            #expect(try setup.account == account)
        }
    }

    /// What a report counts, for comparing a dry run with the real run after it.
    static func counts(_ report: SyncReport) -> [Int] {
        [report.created, report.updated, report.deleted, report.unchanged, report.contactsWritten, report.contactsDeleted,
         report.completedOnServer, report.dismissed, report.moved]
    }

    @Test func aDryRunOfTheFirstSyncCountsTheContactsOfTheAddressBookItWouldMake() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let dry = try await setup.sync(dryRun: true)
            #expect(server.writes.isEmpty)
            #expect(try setup.remoteObjects().isEmpty)
            let real = try await setup.sync()
            #expect(real.contactsWritten > 0)
            #expect(Self.counts(dry) == Self.counts(real))
        }
    }

    @Test func aDryRunAfterChangesOnThePhoneCountsWhatTheirPushWouldSend() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            // The phone deletes one to-do and moves another event: the real run dismisses the
            // one (its event goes too) and moves the other (its to-do is written again).
            let followUps = try setup.liveFollowUps().filter { if case .day = $0.timing { return true } else { return false } }
            try #require(followUps.count >= 2)
            server.remove(setup.taskPath(followUps[0]))
            server.edit(setup.eventPath(followUps[1])) { PhoneEdit.moved($0, to: followUps[1].timing.day.adding(days: 1)) }
            let records = try setup.remoteObjects()
            let before = try setup.followUps()
            server.forgetRequests()
            let dry = try await setup.sync(dryRun: true)
            #expect(server.writes.isEmpty)
            #expect(try setup.remoteObjects() == records)
            #expect(try setup.followUps() == before)
            let real = try await setup.sync()
            #expect(real.deleted == 1 && real.updated > 0 && real.dismissed == 1 && real.moved == 1)
            #expect(Self.counts(dry) == Self.counts(real))
        }
    }

    @Test func aWrongPasswordFailsNamingTheAccountAndChangesNothing() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let before = try setup.store.interviews(includingEnded: true)
            let error = await #expect(throws: SyncError.self) { try await setup.sync(password: "wrong horse") }
            let message = try #require(error?.description)
            #expect(message.hasPrefix("remote 'home' refused the user name or password (HTTP 401"))
            #expect(!message.contains("wrong horse"))
            #expect(server.writes.isEmpty)
            #expect(server.requests.allSatisfy { $0.status == 401 })
            #expect(try setup.store.interviews(includingEnded: true) == before)
            #expect(try setup.remoteObjects().isEmpty)
            #expect(try setup.account.calendarURL == nil)
            #expect(server.collection(server.calendarPath) == nil)
        }
    }
}
