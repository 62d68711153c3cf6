import Foundation
import Testing

/// `followup invite` shows what an invitation says, as text or as the corpus' JSON.
struct InviteCommandTests {
    private static let corpus = FollowUpBinary.packageRoot.appendingPathComponent("Tests/InvitationReadingTests/Corpus")

    private func path(_ name: String) -> String { Self.corpus.appendingPathComponent(name).path }

    @Test func jsonIsOneArrayInTheShapeOfTheExpectedFiles() throws {
        let files = ["invites/exchange2010-request-romance-standard-time-seq4.ics", "invites-eml/google-calendar-meet-request-qp-cal-crlf.eml"]
        let result = try FollowUpBinary.run(["invite", "--json"] + files.map(path))
        #expect(result.status == 0, "\(result.stderr)")
        let readings = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        try #require(readings.count == 2)
        for (reading, file) in zip(readings, files) {
            let expectedURL = Self.corpus.appendingPathComponent(String(file.dropLast(4)) + ".expected.json")
            let expected = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
            #expect(Set(reading.keys) == Set(expected.keys))
            let event = try #require((reading["events"] as? [[String: Any]])?.first)
            let wanted = try #require((expected["events"] as? [[String: Any]])?.first)
            #expect(Set(event.keys) == Set(wanted.keys))
            for field in ["uid", "start", "end", "zone", "conference"] {
                #expect("\(event[field] ?? "")" == "\(wanted[field] ?? "")", "\(file): \(field)")
            }
            let attendees = (event["attendees"] as? [[String: Any]] ?? []).map { "\($0["email"] ?? "")".lowercased() }
            let wantedAttendees = (wanted["attendees"] as? [[String: Any]] ?? []).map { "\($0["email"] ?? "")".lowercased() }
            #expect(Set(attendees) == Set(wantedAttendees))
        }
    }

    @Test func textShowsTheTimeOnTheZonesClockAndThePeople() throws {
        let result = try FollowUpBinary.run(["invite", path("invites/icloud-request-europe-paris-imip-organizer.ics")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("start:     2015-03-31 04:30 Europe/Paris (2015-03-31T02:30:00Z)"))
        #expect(result.stdout.contains("organizer: Karim Hamidou <invalid@example.com>"))
        #expect(result.stdout.contains("attendee:  Karim Hamidou <invalid@example.com> [chair, accepted]"))
    }

    @Test func repairsAreWarningsNamingFileAndLine() throws {
        let file = path("invites/outlook16-teams-request-invalid-nomail-tab-folds.ics")
        let result = try FollowUpBinary.run(["invite", file])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: \(file):26: continuation lines start with a TAB"))
    }

    @Test func unknownZoneFailsNamingFileLineAndTz() throws {
        let directory = try FollowUpBinary.temporaryDirectory()
        let file = directory.appendingPathComponent("odd.ics")
        try Data("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Head Office:20261203T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
            .write(to: file)
        let result = try FollowUpBinary.run(["invite", "--json", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):4: DTSTART is in the time zone 'Head Office'"))
        #expect(result.stderr.contains("--tz"))
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

        let withZone = try FollowUpBinary.run(["invite", "--json", "--tz", "America/Chicago", file.path])
        #expect(withZone.status == 0, "\(withZone.stderr)")
        #expect(withZone.stdout.contains("\"start\": \"2026-12-03T21:00:00Z\""))
    }

    @Test func missingFileIsAnError() throws {
        let result = try FollowUpBinary.run(["invite", "nowhere.ics"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("invitation file 'nowhere.ics' does not exist"))
    }
}
