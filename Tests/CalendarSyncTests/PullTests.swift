import CalendarSync
import FollowUpPlanning
import FollowUpStore
import Foundation
import Testing

/// What a sync reads back from the server before it pushes: to-dos ticked off, dates moved and
/// objects deleted on the phone, and the rule when both sides changed.
@Suite(.timeLimit(.minutes(1)))
struct PullTests {
    @Test func aToDoCompletedOnTheServerIsPulledAsDone() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            server.edit(setup.taskPath(target)) { PhoneEdit.completed($0, at: "20261202T153000Z") }
            let report = try await setup.sync()
            #expect(try setup.followUp(target.id).status == .done(on: Date(timeIntervalSince1970: 1_796_225_400)))
            #expect(try setup.followUps().filter { if case .done = $0.status { return true } else { return false } }.count == 1)
            #expect(report.completedOnServer == 1)
            #expect(report.lines == ["done on the server: \(target.summary)"])
            // The event follows as done; the server's to-do, done already, is rewritten as ours.
            #expect(PhoneEdit.value("SUMMARY", in: server.member(setup.eventPath(target))?.body ?? "")?.hasPrefix("Done: ") == true)
            server.forgetRequests()
            try await setup.sync()
            #expect(server.writes.isEmpty)
        }
    }

    @Test func anEventMovedOnTheServerIsPulledAsMovedAndItsToDoFollows() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            let day = target.timing.day.adding(days: 2)
            server.edit(setup.eventPath(target)) { PhoneEdit.moved($0, to: day) }
            let report = try await setup.sync()
            let after = try setup.followUp(target.id)
            #expect(after.timing == .day(day))
            #expect(after.sequence == target.sequence + 1)
            #expect(report.moved == 1)
            #expect(report.lines == ["moved on the server: \(target.summary), now \(day)"])
            let due = day.description.replacingOccurrences(of: "-", with: "")
            #expect(PhoneEdit.value("DUE;VALUE=DATE", in: server.member(setup.taskPath(target))?.body ?? "") == due)
            server.forgetRequests()
            try await setup.sync()
            #expect(server.writes.isEmpty)
        }
    }

    @Test func aCallMovedOnTheServerKeepsItsLengthAndZone() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let call = try #require(try setup.followUps().first { if case .slot = $0.timing { return true } else { return false } })
            guard case .slot(let start, let minutes, let zone) = call.timing else { return }
            let later = start.addingTimeInterval(2 * 3600)
            server.edit(setup.eventPath(call)) { PhoneEdit.rescheduled($0, to: later, minutes: minutes, in: zone) }
            let report = try await setup.sync()
            #expect(try setup.followUp(call.id).timing == .slot(start: later, minutes: minutes, timeZone: zone))
            #expect(report.moved == 1)
            // The to-do is due when the moved call is over.
            let task = server.member(setup.taskPath(call))?.body ?? ""
            let end = PhoneEdit.rescheduled("DTEND;TZID=\(zone.identifier):x", to: later, minutes: minutes, in: zone)
            #expect(PhoneEdit.value("DUE;TZID=\(zone.identifier)", in: task) == PhoneEdit.value("DTEND;TZID=\(zone.identifier)", in: end))
        }
    }

    @Test func anObjectDeletedOnTheServerIsDismissedHereAndNeverPushedAgain() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            server.remove(setup.taskPath(target))
            let report = try await setup.sync()
            #expect(try setup.followUp(target.id).status == .cancelled(reason: "deleted on remote 'home'"))
            #expect(report.dismissed == 1)
            #expect(report.lines == ["deleted on the server, dismissed: \(target.summary)"])
            // Its event twin is no longer planned either, and goes.
            #expect(server.member(setup.eventPath(target)) == nil)
            #expect(server.member(setup.taskPath(target)) == nil)
            server.forgetRequests()
            try await setup.sync()
            try await setup.sync()
            #expect(!server.writes.contains { $0.name.hasPrefix(target.id) })
            #expect(server.member(setup.taskPath(target)) == nil)
            #expect(try setup.remoteObjects().allSatisfy { $0.followUpID != target.id })
        }
    }

    @Test func aToDoDeletedOnTheServerAfterItWasDoneHereStaysDone() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            let target = try setup.dayFollowUp()
            try setup.store.markDone(target.id, at: SyncSetup.now)
            try await setup.sync()
            server.remove(setup.taskPath(target))
            let report = try await setup.sync()
            // Only a planned follow-up is dismissed; the deleted to-do is not pushed again.
            #expect(try setup.followUp(target.id).status == .done(on: SyncSetup.now))
            #expect(report.dismissed == 0)
            #expect(server.member(setup.taskPath(target)) == nil)
        }
    }

    @Test func whenBothSidesMovedAFollowUpTheChangeHereWinsAndIsReported() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            let stored = try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            server.edit(setup.taskPath(target)) { PhoneEdit.moved($0, to: target.timing.day.adding(days: 3)) }
            // The interview moves a day here: its thank-you moves with it.
            try setup.store.edit(stored.id, now: SyncSetup.now) { interview, _ in
                interview.start = CalendarDay(iso: "2026-12-02")!.at(hour: 14, minute: 0, in: SyncSetup.chicago)
            }
            let local = try setup.followUp(target.id)
            #expect(local.timing != target.timing)
            let report = try await setup.sync()
            #expect(try setup.followUp(target.id).timing == local.timing)
            #expect(report.moved == 0)
            #expect(report.lines.contains { $0.hasPrefix("overrode the server: \(target.summary) stays \(local.timing.day)") })
            let due = local.timing.day.description.replacingOccurrences(of: "-", with: "")
            #expect(PhoneEdit.value("DUE;VALUE=DATE", in: server.member(setup.taskPath(target))?.body ?? "") == due)
        }
    }

    @Test func aCompletionOnTheServerWinsOverAChangeHere() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            let stored = try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            server.edit(setup.taskPath(target)) { PhoneEdit.completed($0) }
            try setup.store.edit(stored.id, now: SyncSetup.now) { interview, _ in
                interview.start = CalendarDay(iso: "2026-12-02")!.at(hour: 14, minute: 0, in: SyncSetup.chicago)
            }
            let report = try await setup.sync()
            if case .done = try setup.followUp(target.id).status {} else { Issue.record("the completion on the server was lost") }
            #expect(report.completedOnServer == 1)
            #expect(PhoneEdit.value("STATUS", in: server.member(setup.taskPath(target))?.body ?? "") == "COMPLETED")
        }
    }

    @Test func aToDoReopenedOnTheServerAfterItWasDoneHereIsClosedAgain() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            try setup.store.markDone(target.id, at: SyncSetup.now)
            // The phone renames the to-do, still open, before the done one is pushed.
            server.edit(setup.taskPath(target)) { PhoneEdit.renamed($0, to: "Edited on the phone") }
            let report = try await setup.sync()
            #expect(report.lines.contains { $0.hasPrefix("overrode the server: \(target.summary) stays done") })
            let task = server.member(setup.taskPath(target))?.body ?? ""
            #expect(PhoneEdit.value("STATUS", in: task) == "COMPLETED")
            server.forgetRequests()
            try await setup.sync()
            #expect(server.writes.isEmpty)
        }
    }

    @Test func aServerCopyThatIsNotICalendarIsReportedAndOursWrittenOverIt() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let target = try setup.dayFollowUp()
            let ours = try #require(server.member(setup.taskPath(target))?.body)
            server.edit(setup.taskPath(target)) { _ in "this is not a calendar" }
            let report = try await setup.sync()
            #expect(report.lines.contains { $0.hasPrefix("warning: cannot read ") && $0.contains(target.id + "-task.ics") })
            #expect(try setup.followUp(target.id).status == .planned)
            #expect(server.member(setup.taskPath(target))?.body == ours)
        }
    }
}
