import Foundation
import GRDB
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// A stored interview following later copies of its invitation: moved by a newer one, left
/// alone by an older one, ended by a cancellation, all in one transaction per file.
struct InvitationFollowingTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18, before the interview
    let uid = "040000008200E00074C5B7101A82E0080000000050A4C1C1D1C8DC01000000000000000010000000"

    func store() throws -> InterviewStore { try InterviewStore(DatabaseQueue()) }

    func interview(day: String = "2026-12-03", hour: Int = 15, people: [String] = ["dana", "lee"]) -> Interview {
        let interviewers = people.map { name in
            Interviewer.named(name.capitalized, email: "\(name)@acme.example", emailTypes: ["work"], phone: "+49 30 555 01\(name.count)")
        }
        return .on(day, at: hour, in: berlin, company: "Acme", role: "Backend Engineer", interviewers: interviewers, location: "Room 4.1",
                   videoLink: "https://teams.microsoft.com/l/meetup-join/abc")
    }

    func revision(_ sequence: Int, stamp: TimeInterval = 1_794_000_000) -> InvitationRevision {
        InvitationRevision(uid: uid, sequence: sequence, stamp: Date(timeIntervalSince1970: stamp))
    }

    func schedule(_ interview: Interview, _ revision: InvitationRevision) -> InvitationUpdate {
        InvitationUpdate(revision: revision, change: .schedule(interview, .init()))
    }

    @Test func aNewEventIsAddedWithItsRevisionAndPlace() throws {
        let store = try store()
        let outcomes = try store.follow([schedule(interview(), revision(0))], now: now)
        guard case .added(let added) = outcomes.first else { Issue.record("not added: \(outcomes)"); return }
        let read = try store.interview(added.id)
        #expect(read.invitation == revision(0))
        #expect(read.interview.location == "Room 4.1")
        #expect(read.interview.videoLink == "https://teams.microsoft.com/l/meetup-join/abc")
        #expect(try store.interview(invitationUID: uid)?.id == added.id)
        let checklist = try #require(read.followUps.first { $0.action == .interviewChecklist })
        #expect(checklist.details.contains("Where: Room 4.1"))
        #expect(checklist.details.contains("Join: https://teams.microsoft.com/l/meetup-join/abc"))
    }

    @Test func aHigherSequenceMovesTheInterviewAndKeepsFollowUpIdentities() throws {
        let store = try store()
        let added = try store.follow([schedule(interview(), revision(0))], now: now)[0].interview
        _ = try store.markDone(added.id, step: .checklist, at: now)
        let moved = try store.follow([schedule(interview(day: "2026-12-07", hour: 10), revision(1))], now: now)
        guard case .updated(let updated, let previous) = moved.first else { Issue.record("not updated: \(moved)"); return }
        #expect(previous == revision(0))
        #expect(updated.id == added.id)
        #expect(updated.invitation == revision(1))
        #expect(CalendarDay(updated.interview.start, in: berlin) == CalendarDay(iso: "2026-12-07"))
        #expect(Set(updated.followUps.map(\.id)) == Set(added.followUps.map(\.id)))
        let thankYou = try #require(updated.followUps.first { $0.action == .thankYouEmail })
        #expect(thankYou.timing.day == CalendarDay(iso: "2026-12-08"))
        #expect(thankYou.sequence == 1)
        // The checklist was done: it stays done, whatever the new time.
        let checklist = try #require(updated.followUps.first { $0.action == .interviewChecklist })
        guard case .done = checklist.status else { Issue.record("checklist \(checklist.status)"); return }
    }

    @Test func theSameSequenceWithALaterStampIsNewerAsGoogleSendsIt() throws {
        let store = try store()
        _ = try store.follow([schedule(interview(), revision(0, stamp: 1_794_000_000))], now: now)
        let outcomes = try store.follow([schedule(interview(hour: 16), revision(0, stamp: 1_794_100_000))], now: now)
        guard case .updated(let updated, _) = outcomes.first else { Issue.record("not updated: \(outcomes)"); return }
        #expect(updated.interview.start == CalendarDay(iso: "2026-12-03")!.at(hour: 16, minute: 0, in: berlin))
    }

    @Test func anOlderOrTheSameCopyChangesNothing() throws {
        let store = try store()
        _ = try store.follow([schedule(interview(), revision(2))], now: now)
        let before = try store.interviews()
        let older = try store.follow([schedule(interview(day: "2026-12-10"), revision(1, stamp: 1_799_000_000))], now: now)
        guard case .unchanged(_, .olderRevision) = older.first else { Issue.record("\(older)"); return }
        let same = try store.follow([schedule(interview(day: "2026-12-10"), revision(2))], now: now)
        guard case .unchanged(_, .sameRevision) = same.first else { Issue.record("\(same)"); return }
        #expect(try store.interviews() == before)
    }

    @Test func aCancellationEndsTheInterviewAndCancelsItsOpenFollowUps() throws {
        let store = try store()
        let added = try store.follow([schedule(interview(), revision(0))], now: now)[0].interview
        let outcomes = try store.follow([InvitationUpdate(revision: revision(1), change: .cancel)], now: now)
        guard case .cancelled(let ended) = outcomes.first else { Issue.record("\(outcomes)"); return }
        #expect(ended.id == added.id)
        #expect(ended.outcome == .cancelled)
        #expect(!ended.isOpen)
        #expect(ended.followUps.allSatisfy { $0.status == .cancelled(reason: "cancelled by the organizer") })
        #expect(ended.visibleFollowUps.isEmpty)
        // A copy of the request that arrives after the cancellation does not bring it back.
        let late = try store.follow([schedule(interview(), revision(0))], now: now)
        guard case .unchanged(_, .olderRevision) = late.first else { Issue.record("\(late)"); return }
    }

    @Test func aCancellationOfAnEventNeverStoredChangesNothing() throws {
        let store = try store()
        #expect(throws: StoreError.self) {
            try store.follow([schedule(interview(), InvitationRevision(uid: "other")),
                              InvitationUpdate(revision: revision(1), change: .cancel)], now: now)
        }
        // The first event of the file is not stored either: one file, one transaction.
        #expect(try store.interviews().isEmpty)
    }

    @Test func oneOccurrenceFindsTheSeriesPlannedOnIt() throws {
        let store = try store()
        let start = interview().start
        let added = try store.follow([schedule(interview(), revision(0))], now: now)[0].interview
        let occurrence = InvitationRevision(uid: uid, recurrenceID: InvitationRevision.utcText(start), sequence: 1)
        let outcomes = try store.follow([schedule(interview(hour: 17), occurrence)], now: now)
        guard case .updated(let updated, _) = outcomes.first else { Issue.record("\(outcomes)"); return }
        #expect(updated.id == added.id)
    }

    @Test func aNewerCopyKeepsWhatTheUserSetUnlessNamedAgain() throws {
        let store = try store()
        let added = try store.follow([schedule(interview(), revision(0))], now: now)[0].interview
        _ = try store.edit(added.id, now: now) { interview, _ in
            interview.company = "Acme Robotics"
            interview.mainContact = 1
        }
        var fresh = interview(day: "2026-12-04", people: ["lee", "dana"])
        fresh.company = "Acme"
        let kept = try store.follow([schedule(fresh, revision(1))], now: now)[0].interview
        #expect(kept.interview.company == "Acme Robotics")
        // Lee was the main contact and still is, though now listed first.
        #expect(kept.interview.interviewers[kept.interview.mainContact].name == "Lee")
        let named = try store.follow([InvitationUpdate(revision: revision(2), change: .schedule(fresh, .init()), given: [.company])],
                                     now: now)[0].interview
        #expect(named.interview.company == "Acme")
    }

    @Test func revisionsCompareBySequenceThenStamp() {
        let early = Date(timeIntervalSince1970: 1), late = Date(timeIntervalSince1970: 2)
        #expect(InvitationRevision(uid: "a", sequence: 2, stamp: early).isNewer(than: InvitationRevision(uid: "a", sequence: 1, stamp: late)))
        #expect(InvitationRevision(uid: "a", sequence: 1, stamp: late).isNewer(than: InvitationRevision(uid: "a", sequence: 1, stamp: early)))
        #expect(!InvitationRevision(uid: "a", sequence: 1, stamp: early).isNewer(than: InvitationRevision(uid: "a", sequence: 1, stamp: early)))
        #expect(!InvitationRevision(uid: "a", sequence: 1, stamp: nil).isNewer(than: InvitationRevision(uid: "a", sequence: 1, stamp: early)))
    }
}
