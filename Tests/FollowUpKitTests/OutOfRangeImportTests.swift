import Foundation
import Testing
import FollowUpTestSupport
@testable import FollowUpKit

/// Issue 25's attack on the importers: values that once entered the store and made every later
/// `list`, `feed` or `cancel` trap or call the store damaged are refused at the door, naming
/// the field (and the interview, or the file, line and column), and nothing is imported.
struct OutOfRangeImportTests {
    let start = Date(timeIntervalSince1970: 1_793_491_200) // 2026-11-01 00:00 UTC

    /// A store with one interview, exported, with `change` made to the export's first interview.
    func attackedExport(_ change: (inout [String: Any]) -> Void) throws -> (fixture: JobSearchFixture, json: Data, id: String) {
        let fixture = try JobSearchFixture()
        try fixture.importCSV(JobSearchFixture.header + "Acme,Engineer,2026-11-03,14:00,America/Chicago,Dana Díaz,dana@acme.example,,,,,,\n",
                              now: start)
        var document = try #require(try JSONSerialization.jsonObject(with: fixture.search.exportJSON()) as? [String: Any])
        var interviews = try #require(document["interviews"] as? [[String: Any]])
        let id = try #require(interviews[0]["id"] as? String)
        change(&interviews[0])
        document["interviews"] = interviews
        return (fixture, try JSONSerialization.data(withJSONObject: document), id)
    }

    /// The error importing `json` into an empty store gives, after checking that nothing came in.
    func importError(_ json: Data) throws -> String {
        let other = try JobSearchFixture()
        let path = try other.scratch.file("attack.json", json)
        do {
            _ = try other.search.importFile(path, now: start)
            Issue.record("the import should have failed")
        } catch {
            #expect(try other.search.interviews(includingEnded: true).isEmpty)
            return error.description
        }
        return ""
    }

    @Test(arguments: [1e308, -1e20, 9_223_372_036_854_775_807, -2_208_988_801, 7_289_654_400])
    func anInterviewStartOutsideTheSpanIsRefusedNamingTheField(start value: Double) throws {
        let attack = try attackedExport { $0["start"] = value }
        let message = try importError(attack.json)
        #expect(message.contains("interview \(attack.id): start"))
        #expect(message.contains("is not an instant in the years 1900 to 2200"))
        #expect(message.contains("nothing was imported"))
    }

    @Test func aFollowUpSequencePastInt32IsRefusedNamingTheField() throws {
        let attack = try attackedExport { interview in
            var followUps = interview["followUps"] as? [[String: Any]] ?? []
            followUps[0]["sequence"] = 2_147_483_648
            interview["followUps"] = followUps
        }
        let message = try importError(attack.json)
        #expect(message.contains("interview \(attack.id): followUps[0]"))
        #expect(message.contains("sequence 2147483648 is not between 0 and 2147483647"))
    }

    @Test func theLastSequenceAndTheSpansEdgesAreTaken() throws {
        let attack = try attackedExport { interview in
            interview["start"] = 7_289_654_399.0 // 2200-12-31 23:59:59 UTC
            var followUps = interview["followUps"] as? [[String: Any]] ?? []
            followUps[0]["sequence"] = 2_147_483_647
            interview["followUps"] = followUps
        }
        let other = try JobSearchFixture()
        let summary = try other.search.importFile(try other.scratch.file("edge.json", attack.json), now: start)
        #expect(summary.added == [attack.id])
    }

    @Test func aSpreadsheetRowDatedInYear9999IsRefusedNamingFileLineAndColumn() throws {
        let fixture = try JobSearchFixture()
        do {
            _ = try fixture.importCSV(try Issue25Attack.spreadsheet(), now: start)
            Issue.record("the import should have failed")
        } catch {
            #expect(String(describing: error).contains("interviews.csv:2: column 3 (date): '9999-12-31' is not in the years 1900 to 2200"))
        }
        #expect(try fixture.search.interviews(includingEnded: true).isEmpty)
    }
}
