import FollowUpPlanning
@testable import FollowUpStore
import Foundation
@testable import Spreadsheets
import Testing

/// The people of a spreadsheet: their names' parts, the zone their row names, and a file that
/// `export` writes and `import` reads back the same.
@Suite struct InterviewSpreadsheetPeopleTests {
    static let header = "company,role,date,time,timezone,name,email,phone,title"

    func people(_ csv: String) throws -> [Interviewer] {
        try InterviewSpreadsheet.interviews(csv: Array(csv.utf8), file: "search.csv").flatMap(\.interview.interviewers)
    }

    func stored(_ interviews: [NewInterview]) -> [StoredInterview] {
        interviews.enumerated().map { index, new in
            StoredInterview(id: "i\(index)", interview: new.interview, settings: new.settings, followUps: [], outcome: new.outcome,
                            endedAt: nil, createdAt: new.interview.start)
        }
    }

    @Test func aNameWithAnHonorificGivesItsPartsAndADoctorsGreeting() throws {
        let person = try #require(try people(Self.header + "\nAcme,Engineer,2026-12-01,10:00,Europe/Berlin,Dr. Katrin Vogel,,,\n").first)
        #expect(person.name == "Dr. Katrin Vogel")
        #expect(person.honorificPrefix == "Dr.")
        #expect(person.givenName == "Katrin")
        #expect(person.familyName == "Vogel")
        #expect(person.greetingName == "Dr. Vogel")
    }

    @Test func thePhoneNumberOrTheCityNamesTheInterviewersZoneAsACardsWould() throws {
        let rows = try people(Self.header + ",city\n"
            + "Acme,Engineer,2026-12-01,10:00,Europe/Berlin,Lee Chen,,+1 212 555 0100,,\n"
            + "Beta,PM,2026-12-02,10:00,Europe/Berlin,Sam Roe,,,,Chicago\n"
            + "Gamma,SRE,2026-12-03,10:00,Europe/Berlin,Ravi Iyer,,+49 30 1234567,,\n"
            + "Delta,QA,2026-12-04,10:00,Europe/Berlin,Mia Wong,,+1 212 555 0100,,Chicago\n")
        #expect(rows.map { $0.timeZone?.identifier } == ["America/New_York", "America/Chicago", "Europe/Berlin", nil])
        #expect(rows[0].timeZoneSource == "the spreadsheet's phone number (+1 212)")
        #expect(rows[1].timeZoneSource == "the spreadsheet's city (Chicago)")
    }

    @Test func whatExportWritesImportReadsBackByteForByte() throws {
        // A card's company (ORG, no --company), a value in EMAIL that is no address, a label in TEL,
        // and every part of N.
        let card = Interviewer(name: "Dr. Max Horst Mustermann jr.", givenName: "Max", familyName: "Mustermann", honorificPrefix: "Dr.",
                               additionalNames: "Horst", honorificSuffix: "jr.", organization: "Muster AG",
                               emails: [ContactDetail(value: "siehe Website", types: ["work"]),
                                        ContactDetail(value: "max@muster.example", types: [])],
                               phones: [ContactDetail(value: "Diensttelefon", types: ["work"]),
                                        ContactDetail(value: "+49 30 1234567", types: ["cell"])])
        let start = try Interview.start(parsing: "2026-12-01 10:00", in: TimeZone(identifier: "Europe/Berlin")!)
        let interview = Interview(start: start, timeZone: TimeZone(identifier: "Europe/Berlin")!, company: nil, role: "Engineer",
                                  interviewers: [card], mainContact: 0, instructions: Instructions())
        let exported = InterviewSpreadsheet.csv(stored([NewInterview(interview: interview, settings: Planner.Settings())]))
        #expect(exported.contains("\r\nMuster AG,Engineer,2026-12-01,10:00,Europe/Berlin,Dr. Max Horst Mustermann jr.,max@muster.example,"
            + "+49 30 1234567,,,,,,Dr.,Max,Horst,Mustermann,jr.\r\n"))
        let imported = try InterviewSpreadsheet.interviews(csv: Array(exported.utf8), file: "export.csv")
        #expect(imported.first?.interview.companyName == "Muster AG")
        #expect(InterviewSpreadsheet.csv(stored(imported)) == exported)
    }

    @Test func aFileWithoutTheNameColumnsExportsTheNamesParts() throws {
        let imported = try InterviewSpreadsheet.interviews(
            csv: Array((Self.header + "\nAcme,Engineer,2026-12-01,10:00,Europe/Berlin,Dr. Katrin Vogel,katrin@acme.example,,CTO\n").utf8),
            file: "search.csv")
        let exported = InterviewSpreadsheet.csv(stored(imported))
        #expect(exported.hasSuffix(",Dr. Katrin Vogel,katrin@acme.example,,CTO,,,,,Dr.,Katrin,,Vogel,\r\n"))
        #expect(InterviewSpreadsheet.csv(stored(try InterviewSpreadsheet.interviews(csv: Array(exported.utf8), file: "export.csv"))) == exported)
    }
}
