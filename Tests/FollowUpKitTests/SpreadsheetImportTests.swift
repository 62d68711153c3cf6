import Foundation
import Testing
import FollowUpPlanning
@testable import FollowUpKit

/// `followup import FILE.csv`: what a tracker's spreadsheet becomes, and that any wrong row
/// stops the whole import with its line and column.
struct SpreadsheetImportTests {
    let now = Date(timeIntervalSince1970: 1_796_169_600) // 2026-12-02 00:00 UTC

    @Test func columnsAreFoundByNameInAnyOrderAndCaseAndOthersAreIgnored() throws {
        let fixture = try JobSearchFixture()
        let csv = """
            Notes,TIMEZONE,Name,Date,Time,Company,Role,E-Mail Sent?,Email,Phone,Title
            "call went well, ask about team",America/Chicago,Dana Diaz,2026-12-01,14:00,Acme,Engineer,no,dana@acme.example,+1 312 555 0142,CTO

            """
        try fixture.importCSV(csv, now: now)
        let stored = try fixture.search.interviews(includingEnded: true)
        #expect(stored.count == 1)
        let interview = stored[0].interview
        #expect(interview.company == "Acme" && interview.role == "Engineer")
        #expect(interview.timeZone.identifier == "America/Chicago")
        #expect(interview.start == CalendarDay(iso: "2026-12-01")!.at(hour: 14, minute: 0, in: interview.timeZone))
        #expect(interview.interviewers.map(\.name) == ["Dana Diaz"])
        #expect(interview.interviewers[0].preferredEmail == "dana@acme.example")
        #expect(interview.interviewers[0].title == "CTO")
        #expect(stored[0].followUps.first?.draft?.body.hasPrefix("Dear Dana,") == true)
    }

    @Test func consecutiveRowsOfOneInterviewAreAPanelAndAnOutcomeEndsIt() throws {
        let fixture = try JobSearchFixture()
        let csv = JobSearchFixture.header + """
            Acme,Engineer,2026-12-01,14:00,America/Chicago,Dana Diaz,dana@acme.example,,,2026-12-09,,,
            Acme,Engineer,2026-12-01,14:00,America/Chicago,Lee Chen,lee@acme.example,,,,,,
            Beta,PM,2026-10-01,09:30,Europe/Berlin,Sam Roe,sam@beta.example,,,,,,rejected
            Acme,Engineer,2026-12-01,14:00,America/Chicago,Priya Raman,priya@acme.example,,,,,,

            """
        let result = try fixture.importCSV(csv, now: now)
        // The last row repeats the first interview's key, but not next to it: it is the same
        // interview again, and so already stored.
        #expect(result.summary == ImportSummaryText(added: 2, skipped: 1))
        let stored = try fixture.search.interviews(includingEnded: true)
        let acme = try #require(stored.first { $0.interview.company == "Acme" })
        #expect(acme.interview.interviewers.map(\.name) == ["Dana Diaz", "Lee Chen"])
        #expect(acme.interview.instructions.decisionBy == CalendarDay(iso: "2026-12-09"))
        #expect(acme.isOpen)
        let beta = try #require(stored.first { $0.interview.company == "Beta" })
        #expect(beta.outcome == .rejected)
        #expect(beta.followUps.allSatisfy { if case .cancelled = $0.status { true } else { false } })
        #expect(try fixture.search.interviews(includingEnded: false).map(\.interview.company) == ["Acme"])
    }

    @Test func importingTheSameFileTwiceAddsNothingTheSecondTime() throws {
        let fixture = try JobSearchFixture()
        let csv = JobSearchFixture.header + "Acme,Engineer,2026-12-01,14:00,UTC,Dana Diaz,,,,,,,\r\n"
        #expect(try fixture.importCSV(csv, now: now).summary == ImportSummaryText(added: 1, skipped: 0))
        #expect(try fixture.importCSV(csv, now: now).summary == ImportSummaryText(added: 0, skipped: 1))
        #expect(try fixture.search.interviews(includingEnded: true).count == 1)
    }

    @Test func exportedCSVImportsIntoTheSameInterviews() throws {
        let fixture = try JobSearchFixture()
        let csv = JobSearchFixture.header + """
            "Acme, Inc.",Engineer,2026-12-01,14:00,America/Chicago,Dana Diaz,dana@acme.example,+1 312 555 0142,CTO,2026-12-09,,phone,
            "Acme, Inc.",Engineer,2026-12-01,14:00,America/Chicago,Lee Chen,,,,,,,
            Beta,PM,2026-10-01,09:30,Europe/Berlin,Sam Roe,sam@beta.example,,,,,,withdrawn

            """
        try fixture.importCSV(csv, now: now)
        let exported = try fixture.search.exportCSV()
        let other = try fixture.otherStore()
        let path = try fixture.scratch.file("exported.csv", Array(exported.utf8))
        _ = try other.importFile(path, now: now)
        #expect(try StoreReport.json(other.interviews(includingEnded: true)) == StoreReport.json(fixture.search.interviews(includingEnded: true)))
    }

    // MARK: Every kind of malformed file or row: its error, and nothing imported

    /// The message of importing `csv` into a store with one interview and a feed, after
    /// checking that the store and the feed are as they were.
    func failure(_ csv: [UInt8]) throws -> String {
        let fixture = try JobSearchFixture()
        try fixture.importCSV(JobSearchFixture.header + "Zeta,QA,2026-12-03,10:00,UTC,Ann Lee,,,,,,,\n", name: "first.csv", now: now)
        _ = try fixture.search.writeFeed(to: fixture.feed, now: now)
        let before = try JobSearchFixture.files(fixture.feed)
        let listed = try StoreReport.json(fixture.search.interviews(includingEnded: true))
        let path = try fixture.scratch.file("bad.csv", csv)
        var message = ""
        do {
            _ = try fixture.search.importFile(path, now: now)
            Issue.record("the import should have failed")
        } catch {
            message = error.description
        }
        #expect(try StoreReport.json(fixture.search.interviews(includingEnded: true)) == listed)
        #expect(try JobSearchFixture.files(fixture.feed) == before)
        #expect(message.contains(path))
        #expect(message.hasSuffix("nothing was imported"))
        return message
    }

    func failure(_ text: String) throws -> String { try failure(Array(text.utf8)) }

    /// A valid first row, then `row` on line 3.
    func rowFailure(_ row: String) throws -> String {
        try failure(JobSearchFixture.header + "Acme,Engineer,2026-12-01,14:00,UTC,Dana Diaz,,,,,,,\n" + row + "\n")
    }

    @Test func anEmptyFileIsAnError() throws {
        #expect(try failure("").contains("it is empty"))
    }

    @Test func aMissingColumnIsNamed() throws {
        let message = try failure("company,role,date,time,name,email,phone,title\nAcme,Eng,2026-12-01,14:00,Dana,,,\n")
        #expect(message.contains(":1: the header has no column 'timezone'"))
    }

    @Test func aColumnTwiceIsAnError() throws {
        let message = try failure("company,role,date,time,timezone,name,email,phone,title,Date\n")
        #expect(message.contains(":1: column 10 (date): the column 'date' appears twice"))
    }

    @Test func aDateThatIsNoDateIsNamedByLineAndColumn() throws {
        #expect(try rowFailure("Acme,Engineer,2026-13-01,14:00,UTC,Lee,,,,,,,").contains(":3: column 3 (date): '2026-13-01' is not a date"))
        #expect(try rowFailure("Acme,Engineer,12/01/2026,14:00,UTC,Lee,,,,,,,").contains(":3: column 3 (date): '12/01/2026' is not a date"))
    }

    @Test func aMissingRequiredValueIsNamed() throws {
        #expect(try rowFailure("Acme,Engineer,,14:00,UTC,Lee,,,,,,,").contains(":3: column 3 (date): is empty"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,,UTC,Lee,,,,,,,").contains(":3: column 4 (time): is empty"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,,Lee,,,,,,,").contains(":3: column 5 (timezone): is empty"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,,,,,,,,").contains(":3: column 6 (name): is empty"))
    }

    @Test func aTimeThatIsNoTimeIsAnError() throws {
        #expect(try rowFailure("Acme,Engineer,2026-12-01,2pm,UTC,Lee,,,,,,,").contains(":3: column 4 (time): '2pm' is not a time of day"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,24:00,UTC,Lee,,,,,,,").contains(":3: column 4 (time): '24:00'"))
    }

    @Test func aTimeTheClocksSkipIsAnError() throws {
        let message = try rowFailure("Acme,Engineer,2026-03-08,02:30,America/Chicago,Lee,,,,,,,")
        #expect(message.contains(":3: column 4 (time): 02:30 on 2026-03-08 does not exist in America/Chicago"))
    }

    @Test func anUnknownZoneIsAnError() throws {
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,PST,Lee,,,,,,,").contains(":3: column 5 (timezone): unknown time zone 'PST'"))
    }

    @Test func anAddressThatIsNoAddressIsAnError() throws {
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,lee at acme,,,,,,")
            .contains(":3: column 7 (email): 'lee at acme' is not an e-mail address"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,,call me,,,,,")
            .contains(":3: column 8 (phone): 'call me' is not a phone number"))
    }

    @Test func wrongOptionalValuesAreErrors() throws {
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,,,,soon,,,").contains(":3: column 10 (decision_by): 'soon' is not a date"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,,,,,2026-02-30,,")
            .contains(":3: column 11 (follow_up_on): '2026-02-30' is not a date"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,,,,,,fax,").contains(":3: column 12 (prefer): 'fax' is not a channel"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,,,,,,,hired").contains(":3: column 13 (outcome): 'hired' is not an outcome"))
    }

    @Test func aPanelWhoseRowsDisagreeIsAnError() throws {
        let message = try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,,,,,,,rejected\nAcme,Engineer,2026-12-01,14:00,UTC,Kim,,,,,,,offer")
        #expect(message.contains(":4: column 13 (outcome): 'offer' differs from an earlier row of the same interview, which starts on line 2"))
    }

    @Test func aRowWithTooFewOrTooManyFieldsIsAnError() throws {
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee").contains(":3: column 7 (email): the row has 6 fields, the header 13"))
        #expect(try rowFailure("Acme,Engineer,2026-12-01,14:00,UTC,Lee,,,,,,,,surplus")
            .contains(":3: column 14: the row has more fields than the header"))
    }

    @Test func quotingMistakesAreNamedByLineAndColumn() throws {
        #expect(try rowFailure("Acme,\"Engineer,2026-12-01,14:00,UTC,Lee,,,,,,,").contains(":3: column 2: a quoted field is never closed"))
        #expect(try rowFailure("Acme,\"Eng\"ineer,2026-12-01,14:00,UTC,Lee,,,,,,,").contains(":3: column 2: text follows the closing quote"))
        #expect(try rowFailure("Acme,Eng \"QA\",2026-12-01,14:00,UTC,Lee,,,,,,,").contains(":3: column 2: a quote inside an unquoted field"))
    }

    @Test func bytesThatAreNotUTF8AreAnError() throws {
        let bytes = Array((JobSearchFixture.header + "Acme,Engineer,2026-12-01,14:00,UTC,").utf8) + [0xE9] + Array("lise,,,,,,,\n".utf8)
        #expect(try failure(bytes).contains(":2: column 6: the text is not UTF-8"))
    }
}
