import FollowUpKit
import FollowUpTestSupport
import Foundation
import Testing
@testable import InvitationReading

/// Every invitation of the corpus (`Corpus/invites`, `Corpus/invites-eml`) read as its
/// `.expected.json` says, under the comparison rules of `Corpus/invites/CONVENTIONS.md`:
/// addresses in any case, attendees as a set of (address, kind), summary and location with runs
/// of white space collapsed, start and end exactly, and `zone` any of the names listed.
struct CorpusTests {
    static let folders = ["Tests/InvitationReadingTests/Corpus/invites", "Tests/InvitationReadingTests/Corpus/invites-eml"]

    static let files: [String] = folders.flatMap { folder in
        (Repository.files(in: folder, endingWith: ".ics") + Repository.files(in: folder, endingWith: ".eml"))
            .map { "\(folder)/\($0)" }
    }

    @Test func corpusIsPresent() {
        #expect(Self.files.count >= 35, """
            expected the invitation corpus (26 .ics and 9 .eml files) in \(Self.folders.joined(separator: " and ")), \
            found \(Self.files.count) files: restore Tests/InvitationReadingTests/Corpus/ from git
            """)
    }

    @Test(arguments: files)
    func readsInvitationAsExpected(path: String) throws {
        let expectedURL = Repository.url(String(path.dropLast(4)) + ".expected.json")
        guard FileManager.default.fileExists(atPath: expectedURL.path) else {
            // A file without an expected reading is read, or refused with an error naming it.
            do {
                let invitation = try InvitationReader.read(contentsOf: Repository.url(path))
                #expect(!invitation.events.isEmpty)
            } catch {
                #expect(error.file.hasPrefix(Repository.url(path).path), "\(error)")
            }
            return
        }
        let expected = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
        let invitation = try InvitationReader.read(contentsOf: Repository.url(path))
        let json = InvitationReport.json([invitation])
        let report = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let actual = try #require(report.first)

        #expect(actual["method"] as? String == expected["method"] as? String, "\(path): method")
        let wantedEvents = try #require(expected["events"] as? [[String: Any]])
        let events = try #require(actual["events"] as? [[String: Any]])
        try #require(events.count == wantedEvents.count, "\(path): \(events.count) events, expected \(wantedEvents.count)")
        // An expected file may declare the link not comparable (two copies of it in the file differ).
        let comparesLink = !((expected["notes"] as? String)?.contains("link is not compared") ?? false)
        for (index, (event, wanted)) in zip(events, wantedEvents).enumerated() {
            let place = "\(path) event \(index + 1)"
            for field in ["uid", "recurrence_id", "sequence", "status", "cancelled", "start", "end", "recurring"] {
                #expect(Self.text(event[field]) == Self.text(wanted[field]), "\(place): \(field)")
            }
            if comparesLink {
                #expect(Self.text(event["conference"]) == Self.text(wanted["conference"]), "\(place): conference")
            }
            for field in ["summary", "location"] {
                #expect(Self.collapsed(event[field]) == Self.collapsed(wanted[field]), "\(place): \(field)")
            }
            let zones = (wanted["zone"] as? [String]) ?? [Self.text(wanted["zone"])]
            #expect(zones.contains(Self.text(event["zone"])), "\(place): zone \(Self.text(event["zone"])), expected one of \(zones)")
            #expect(Self.person(event["organizer"]) == Self.person(wanted["organizer"]), "\(place): organizer")
            #expect(Self.attendees(event) == Self.attendees(wanted), "\(place): attendees")
            #expect(Self.attendeeDetails(event) == Self.attendeeDetails(wanted), "\(place): attendees' names, roles and replies")
        }
    }

    private static func text(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: "null"
        case let other?: "\(other)"
        }
    }

    private static func collapsed(_ value: Any?) -> String {
        guard let text = value as? String else { return "null" }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func person(_ value: Any?) -> String {
        guard let person = value as? [String: Any] else { return "null" }
        return "\(text(person["name"])) <\(text(person["email"]).lowercased())>"
    }

    private static func attendees(_ event: [String: Any]) -> Set<String> {
        Set((event["attendees"] as? [[String: Any]] ?? []).map { "\(text($0["email"]).lowercased()) \(text($0["kind"]))" })
    }

    private static func attendeeDetails(_ event: [String: Any]) -> Set<String> {
        Set((event["attendees"] as? [[String: Any]] ?? []).map {
            "\(text($0["email"]).lowercased()) \(text($0["name"])) \(text($0["role"])) \(text($0["partstat"]))"
        })
    }
}
