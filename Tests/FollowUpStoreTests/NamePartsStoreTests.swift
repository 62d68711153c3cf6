import Foundation
import GRDB
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// The five parts of an interviewer's name survive the store and its JSON archive.
struct NamePartsStoreTests {
    @Test func everyPartOfTheNameIsStoredAndTravelsInTheArchive() throws {
        let store = try InterviewStore(DatabaseQueue())
        let person = Interviewer(name: "Dr. Max Horst Mustermann jr.", givenName: "Max", familyName: "Mustermann", honorificPrefix: "Dr.",
                                 additionalNames: "Horst,Hans", honorificSuffix: "jr.",
                                 emails: [ContactDetail(value: "max@muster.example", types: ["work"])])
        let now = Date(timeIntervalSince1970: 1_796_169_600)
        let added = try store.add(.on("2026-12-01", company: "Muster AG", role: "Engineer", interviewers: [person]), settings: .init(), now: now)
        #expect(try store.interview(added.id).interview.interviewers == [person])

        let other = try InterviewStore(DatabaseQueue())
        _ = try other.importArchive(try store.exportArchive(settingKeys: []), settingKeys: [])
        #expect(try other.interview(added.id).interview.interviewers == [person])
    }
}
