import FollowUpPlanning
import Testing

/// The interviewer an option names (`--primary`, `--pick`), found by the spelling a user types.
@Suite struct InterviewerMatchingTests {
    @Test func theASCIISpellingOfAnUmlautOrTheAddressLocalPartFindsThePerson() throws {
        let people = [
            Interviewer(name: "Jörg Weber", emails: [ContactDetail(value: "joerg@weber.example", types: ["work"])]),
            Interviewer(name: "Dana Diaz", emails: [ContactDetail(value: "dana@acme.example", types: ["work"])]),
        ]
        #expect(try Interviewer.index(of: "joerg", in: people) == 0)
        #expect(try Interviewer.index(of: "Joerg Weber", in: people) == 0)
        #expect(try Interviewer.index(of: "jorg", in: people) == 0)
        #expect(try Interviewer.index(of: "dana", in: people) == 1)
        #expect(throws: InputError.self) { try Interviewer.index(of: "jürgen", in: people) }
    }
}
