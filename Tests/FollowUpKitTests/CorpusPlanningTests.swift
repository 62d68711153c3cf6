import Foundation
import Testing
import FollowUpPlanning
import FollowUpTestSupport
import InvitationReading
@testable import FollowUpKit

/// Every real invitation of the reader's corpus (`Tests/InvitationReadingTests/Corpus`), planned
/// as its first attendee: it plans, or stops with an error that names the file; and a planned
/// interview starts at the invitation's own instant.
struct CorpusPlanningTests {
    static let folders = ["Tests/InvitationReadingTests/Corpus/invites", "Tests/InvitationReadingTests/Corpus/invites-eml"]
    static let files = folders.flatMap { folder in
        (Repository.files(in: folder, endingWith: ".ics") + Repository.files(in: folder, endingWith: ".eml")).map { "\(folder)/\($0)" }
    }
    let zone = TimeZone(identifier: "America/Chicago")!
    /// 2000-01-01: before every event of the corpus, so none is planned on a later occurrence.
    let now = Date(timeIntervalSince1970: 946_684_800)

    @Test func corpusIsPresent() {
        #expect(Self.files.count >= 30, "expected the invitation corpus in \(Self.folders)")
    }

    @Test(arguments: files)
    func plansOrFailsNamingTheFile(path: String) throws {
        let invitation = try InvitationReader.read(Repository.bytes(path), file: path, fallbackZone: zone)
        for event in invitation.events {
            let me = event.attendees.first { $0.kind == .individual && $0.email != nil }?.email
            let single = Invitation(file: path, method: invitation.method, events: [event])
            let context = InvitationContext(me: me.map { [$0] } ?? [], peopleZone: zone, now: now)
            do {
                for item in try InvitationInterview.interviews(in: single, cards: [], context: context) {
                    guard let interview = item.interview else {
                        #expect(event.isCancelled || invitation.isCancellation)
                        continue
                    }
                    #expect(!interview.interviewers.isEmpty)
                    #expect(!interview.interviewers.contains { $0.preferredEmail?.lowercased() == me?.lowercased() })
                    if !event.isRecurring, let start = event.start {
                        #expect(interview.start == start.instant(floatingIn: zone), "the instant is never changed")
                    }
                    let plan = Planner().plan(interview, now: now)
                    #expect(plan.followUps.contains { $0.action == .thankYouEmail } || plan.warnings.contains { $0.hasPrefix("no e-mail") })
                }
            } catch {
                #expect(error.description.hasPrefix(path + ":"), "\(error)")
            }
        }
    }
}
