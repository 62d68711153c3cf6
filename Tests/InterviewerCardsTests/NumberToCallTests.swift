import Foundation
import Testing
import VCardKit
@testable import FollowUpPlanning
@testable import InterviewerCards

/// The number a check-in calls, from what cards really hold, and the report that marks it.
struct NumberToCallTests {
    static func loaded(_ text: String) throws -> LoadedCard {
        LoadedCard(file: "card.vcf", card: try #require(try VCardParser().parse(Array(text.utf8)).first))
    }

    /// A scanner that put the label in the value ("Diensttelefon") made an entry with no number.
    @Test func anEntryWithoutADigitIsNeverCalled() throws {
        let card = try Self.loaded("""
            BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jörg Weber\r\nTEL;TYPE=WORK,PREF:Diensttelefon\r\nTEL;TYPE=CELL:+49 170 5555 0100\r\nEND:VCARD\r\n
            """)
        #expect(Interviewer(card: card.card).preferredPhone == "+49 170 5555 0100")
        let words = try Self.loaded("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jörg Weber\r\nTEL;TYPE=WORK:Diensttelefon\r\nEND:VCARD\r\n")
        #expect(Interviewer(card: words.card).preferredPhone == nil)
    }

    /// vCard 4.0 writes numbers as `tel:` URIs; the report marks the one the plan calls.
    @Test func theReportMarksATelURIThePlanCalls() throws {
        let card = try Self.loaded(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Priya Raman\r\n"
                + "TEL;VALUE=uri;TYPE=work;PREF=1:tel:+1-212-555-0123\r\nTEL;VALUE=uri;TYPE=home:tel:+1-212-555-0199\r\nEND:VCARD\r\n")
        let lines = CardReport.text([card]).split(separator: "\n")
        #expect(lines.filter { $0.contains("(used for calls)") }.count == 1)
        #expect(lines.contains { $0.contains("tel:+1-212-555-0123") && $0.contains("(used for calls)") })
    }

    /// Issue 25: a card of 20,000 TEL lines took 36 s to report, as the number to call was chosen
    /// again for each line (each choice looks at every number). Chosen once, the report is
    /// linear: every number listed, one marked.
    @Test func aCardOfTwentyThousandNumbersIsReportedWithOneMarked() throws {
        let numbers = (0..<20_000).map { "TEL;TYPE=WORK:+1 312 555 \(10_000 + $0)\r\n" }.joined()
        let card = try Self.loaded("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Numbers\r\n" + numbers + "END:VCARD\r\n")
        let lines = CardReport.text([card]).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  phone:") }.count == 20_000)
        #expect(lines.filter { $0.contains("(used for calls)") }.count == 1)
    }
}
