import Testing
import VCardKit
@testable import FollowUpPlanning
@testable import InterviewerCards

/// The five parts of a card's `N` reach the interviewer as the card gave them.
struct CardNameTests {
    @Test func everyPartOfNIsKept() throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mr. John Richter James Doe Sr.\r\nN:Doe;John;Richter,James;Mr.;Sr.\r\nEND:VCARD\r\n"
        let person = Interviewer(card: try #require(try VCardParser().parse(Array(text.utf8)).first))
        #expect(person.familyName == "Doe")
        #expect(person.givenName == "John")
        #expect(person.additionalNames == "Richter,James")
        #expect(person.honorificPrefix == "Mr.")
        #expect(person.honorificSuffix == "Sr.")
    }
}
