import FollowUpPlanning
import Testing

/// A name given as one string (a spreadsheet's `name`, an invitation's CN) read into the parts a
/// card's `N` would give.
@Suite struct WrittenNameTests {
    func parts(_ text: String) -> [String?] {
        let name = WrittenName(text)
        return [name.honorificPrefix, name.given, name.additional, name.family, name.honorificSuffix]
    }

    @Test func anHonorificBeforeTheNameIsItsPrefixNotItsGivenName() {
        #expect(parts("Dr. Katrin Vogel") == ["Dr.", "Katrin", nil, "Vogel", nil])
        #expect(parts("Prof. Dr. Anna Schmidt") == ["Prof. Dr.", "Anna", nil, "Schmidt", nil])
        #expect(parts("Herr Jörg Weber") == ["Herr", "Jörg", nil, "Weber", nil])
        #expect(parts("Mx. Sam Roe") == ["Mx.", "Sam", nil, "Roe", nil])
    }

    @Test func suffixesAndMiddleNamesKeepTheirPlaces() {
        #expect(parts("Max Horst Mustermann jr.") == [nil, "Max", "Horst", "Mustermann", "jr."])
        #expect(parts("Mr. John Richter James Doe Sr.") == ["Mr.", "John", "Richter,James", "Doe", "Sr."])
        #expect(parts("Lee Chen, PhD") == [nil, "Lee", nil, "Chen", "PhD"])
        #expect(parts("Ravi Iyer MBA") == [nil, "Ravi", nil, "Iyer", "MBA"])
    }

    @Test func aFamilyNameThatLooksLikeADegreeOrHasParticlesStaysTheFamilyName() {
        #expect(parts("Jack Ma") == [nil, "Jack", nil, "Ma", nil])
        #expect(parts("Ludwig van Beethoven") == [nil, "Ludwig", nil, "van Beethoven", nil])
        #expect(parts("Vogel, Katrin") == [nil, "Katrin", nil, "Vogel", nil])
        #expect(parts("Dana") == [nil, "Dana", nil, nil, nil])
    }

    @Test func aSpreadsheetsDoctorIsGreetedByTitleAndFamilyNameAndCalledByGivenName() {
        var person = Interviewer(name: "Dr. Katrin Vogel")
        person.readNameParts()
        #expect(person.greetingName == "Dr. Vogel")
        #expect(person.firstName == "Katrin")
    }
}
