import Foundation
import Testing
import VCardKit
@testable import FollowUpPlanning
@testable import InterviewerCards

/// The zone of an interviewer from what their card says: its address's city and its phone
/// numbers' prefixes, when they agree.
struct CardZoneTests {
    static func card(_ text: String) throws -> VCard {
        try #require(try VCardParser().parse(Array(text.utf8)).first)
    }

    @Test func cardAddressAndPhoneThatDisagreeNameNoZone() throws {
        var card = try Self.card("""
            BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Park\r\nTEL:+49 30 5555 0100\r\nADR:;;1 Main St;Chicago;IL;60606;USA\r\nEND:VCARD\r\n
            """)
        #expect(Interviewer(card: card).timeZone == nil)
        card = try Self.card("""
            BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim Park\r\nTEL:+1 312 555 0100\r\nADR:;;1 Main St;Chicago;IL;60606;USA\r\nEND:VCARD\r\n
            """)
        let kim = Interviewer(card: card)
        #expect(kim.timeZone?.identifier == "America/Chicago")
        #expect(kim.timeZoneSource == "the card's address (Chicago)")
    }
}
