import Foundation
import GRDB
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning
@testable import FollowUpStore

/// The profile in the store (migration v4), and what stores written before it hold.
final class ProfileStoreTests {
    let scratch: ScratchFolder
    var path: URL { scratch.url.appendingPathComponent("store.sqlite") }
    let now = Date(timeIntervalSince1970: 1_796_169_600)

    init() throws { scratch = try ScratchFolder() }
    deinit { scratch.remove() }

    func interview(format: Interview.Format = .onsite) -> Interview {
        let vogel = Interviewer.named("Anna Vogel", givenName: "Anna", familyName: "Vogel", honorificPrefix: "Dr.", email: "anna@acme.example")
        return .on(role: nil, interviewers: [vogel], instructions: Instructions(talkingPoints: ["anna=the roadmap", "testing"]), format: format)
    }

    @Test func profileRoundTripsAndSignsStoredDraftsWhenSet() throws {
        let store = try InterviewStore(path: path)
        #expect(try store.profile() == nil)
        let added = try store.add(interview(), settings: .init(), now: now)
        #expect(added.followUps[0].draft?.body.hasSuffix("Best regards,") == true)
        let profile = Profile(name: "Zoë Ångström", emailAddresses: ["zoe@example.com", "z@example.org"], phone: "+1 555 0199")
        try store.setProfile(profile, now: now)
        #expect(try store.profile() == profile)
        let signed = try store.interview(added.id)
        #expect(signed.followUps[0].draft?.body.hasSuffix("Best regards,\nZoë Ångström\n+1 555 0199") == true)
        #expect(signed.followUps[0].sequence == 1)
        #expect(signed.followUps[0].id == added.followUps[0].id)
    }

    @Test func formatPointsAndHonorificPrefixAreStored() throws {
        let store = try InterviewStore(path: path)
        let added = try store.add(interview(format: .video), settings: .init(), now: now)
        let read = try store.interview(added.id).interview
        #expect(read.format == .video)
        #expect(read.instructions.talkingPoints == ["anna=the roadmap", "testing"])
        #expect(read.interviewers[0].greetingName == "Dr. Vogel")
    }

    @Test func existingProfileReadsWithoutCreatingOrChangingAStore() throws {
        #expect(try InterviewStore.existingProfile(at: path) == nil)
        #expect(!FileManager.default.fileExists(atPath: path.path))
        try InterviewStore(path: path).setProfile(Profile(name: "Alex Kim"), now: now)
        #expect(try InterviewStore.existingProfile(at: path)?.name == "Alex Kim")
    }

    @Test func storeFromBeforeProfilesHasNoneAndKeepsItsOneTalkingPoint() throws {
        // A v3 store, as the release before profiles wrote it, with an interview whose
        // instructions hold one `talkingPoint`.
        let queue = try DatabaseQueue(path: path.path)
        var migrator = StoreSchema.migrator()
        try migrator.migrate(queue, upTo: "v3-follow-up-order")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO interview (id, start, timeZone, company, mainContact, instructions, schedule, createdAt, updatedAt)
                VALUES ('abc123', 1796155200, 'America/Chicago', 'Acme', 0,
                        '{"noFollowUp":false,"talkingPoint":"the roadmap"}',
                        '{"callHour":10,"callMinute":0,"callMinutes":15,"checkInDelayDays":5,"holidays":[],"weekdays":[2,3,4,5,6]}', 0, 0)
                """)
        }
        try queue.close()
        #expect(try InterviewStore.existingProfile(at: path) == nil)
        let store = try InterviewStore(path: path)
        let read = try store.interview("abc123").interview
        #expect(read.instructions.talkingPoints == ["the roadmap"])
        #expect(read.format == .onsite)
    }
}
