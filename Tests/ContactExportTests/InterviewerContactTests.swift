import ContactExport
import FollowUpPlanning
@testable import FollowUpStore
import FollowUpTestSupport
import Foundation
import Testing
import VCardKit

@Suite struct InterviewerContactTests {
    /// An interview at 14:00 in Chicago, `day` days after 1 December 2025, as the store would hold it.
    static func stored(_ id: String, day: Int, company: String, role: String, _ interviewers: [Interviewer]) -> StoredInterview {
        var interview = Interview.on("\(CalendarDay(year: 2025, month: 12, day: 1).adding(days: day))", company: company, role: role,
                                     interviewers: interviewers)
        interview.identity = id
        return StoredInterview(id: id, interview: interview, settings: Planner.Settings(), followUps: [], outcome: nil, endedAt: nil,
                               createdAt: interview.start)
    }

    static let dana = Interviewer.named("Dana Diaz", givenName: "Dana", organization: "Acme Robotics", title: "Engineering Manager",
                                        email: "dana@acme.example", emailTypes: ["work"], phone: "+1 312 555 0100", phoneTypes: ["work", "voice"],
                                        zone: .chicago)

    @Test func interviewersSharingAnAddressBecomeOneContactWithEveryInterview() {
        var danaLater = Self.dana
        danaLater.emails = [ContactDetail(value: "DANA@acme.example"), ContactDetail(value: "dana.diaz@home.example")]
        danaLater.title = "Director of Engineering"
        let lee = Interviewer.lee
        let contacts = InterviewerDirectory.contacts(of: [
            Self.stored("b", day: 7, company: "Acme Robotics", role: "Staff Engineer", [danaLater]),
            Self.stored("a", day: 0, company: "Acme Robotics", role: "Backend Engineer", [Self.dana, lee]),
        ])
        #expect(contacts.map(\.interviewer.name) == ["Dana Diaz", "Lee Chen"])
        let merged = contacts[0]
        #expect(merged.interviews.map(\.role) == ["Backend Engineer", "Staff Engineer"])
        #expect(merged.interviewer.title == "Director of Engineering")
        #expect(Set(merged.interviewer.emails.map { $0.value.lowercased() }) == ["dana@acme.example", "dana.diaz@home.example"])
        #expect(merged.interviewer.phones.count == 1)
    }

    @Test func theUIDStaysTheSameWhenMoreInterviewsAreAdded() {
        let first = InterviewerDirectory.contacts(of: [Self.stored("a", day: 0, company: "Acme", role: "A", [Self.dana])])
        let later = InterviewerDirectory.contacts(of: [
            Self.stored("a", day: 0, company: "Acme", role: "A", [Self.dana]),
            Self.stored("c", day: 9, company: "Beta", role: "B", [Self.dana]),
        ])
        #expect(first[0].uid == later[0].uid)
        #expect(first[0].uid.hasPrefix("urn:uuid:"))
    }

    @Test(arguments: VCardWriter.Version.allCases)
    func aWrittenCardReadsBackWithTheSameFields(version: VCardWriter.Version) throws {
        var person = Self.dana
        person.organization = "Acme, Inc.; Robotics"
        person.title = "Manager \\ Lead"
        let contact = InterviewerDirectory.contacts(of: [Self.stored("a", day: 0, company: "Acme, Inc.", role: "Backend; Platform", [person])])[0]
        let text = ContactBook.text(of: [contact], version: version)
        let cards = try VCardParser().parse(text)
        #expect(cards.count == 1)
        let card = cards[0]
        #expect(card.version == version.rawValue)
        #expect(card.formattedName == "Dana Diaz")
        #expect(card.name?.family == "Diaz")
        #expect(card.name?.given == "Dana")
        #expect(card.organization.first == "Acme, Inc.; Robotics")
        #expect(card.title == "Manager \\ Lead")
        #expect(card.emails.map(\.value) == ["dana@acme.example"])
        #expect(card.phones.map(\.value) == ["+1 312 555 0100"])
        #expect(card.timeZone?.identifier == "America/Chicago")
        #expect(card.properties(named: "CATEGORIES").first?.text == "Interviewer")
        #expect(card.properties(named: "UID").first?.text == contact.uid)
        #expect(card.note == "Interviewed you:\n- 2025-12-01, Acme, Inc., Backend; Platform")
    }

    @Test func longLinesAreFoldedAt75OctetsWithoutSplittingCharacters() throws {
        var person = Self.dana
        person.title = String(repeating: "Ingénieure principale — ", count: 8)
        let contact = InterviewerDirectory.contacts(of: [Self.stored("a", day: 0, company: "Acme", role: "R", [person])])[0]
        let text = ContactBook.text(of: [contact], version: .v4)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.contains { $0.hasPrefix(" ") })
        #expect(try VCardParser().parse(text)[0].title == person.title)
    }

    @Test func version3MarksThePreferredAddressWithATypeAndVersion4WithPref() throws {
        var person = Self.dana
        person.emails = [ContactDetail(value: "a@x.example"), ContactDetail(value: "b@x.example", types: ["work"], preference: 1)]
        let contact = InterviewerDirectory.contacts(of: [Self.stored("a", day: 0, company: "Acme", role: "R", [person])])[0]
        let three = try VCardParser().parse(ContactBook.text(of: [contact], version: .v3))[0]
        #expect(three.emails[1].types.contains("pref"))
        let four = try VCardParser().parse(ContactBook.text(of: [contact], version: .v4))[0]
        #expect(four.emails[1].preference == 1)
        #expect(four.emails[0].preference == nil)
    }

    /// A 2x1 PNG: the smallest picture a card can carry, with the bytes a PNG starts with.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DA8J8BAAf/Af8Bf4mnAAAAAElFTkSuQmCC")!

    @Test(arguments: VCardWriter.Version.allCases)
    func theCardsPhotoTravelsIntoTheContactAndReadsBack(version: VCardWriter.Version) throws {
        var person = Self.dana
        // Long enough that its base64 is folded over many lines.
        let picture = Self.png + Data(repeating: 0x2A, count: 300)
        person.photo = Photo(data: picture, mediaType: "image/png")
        let contact = try #require(InterviewerDirectory.contacts(of: [Self.stored("a", day: 0, company: "Acme", role: "SRE", [person])]).first)
        let text = ContactBook.text(of: [contact], version: version)
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(text.contains(version == .v3 ? "PHOTO;ENCODING=b;TYPE=PNG:" : "PHOTO:data:image/png;base64,"))
        let card = try VCardParser().parse(text)[0]
        #expect(card.photo == VCardPhoto(data: picture, mediaType: "image/png"))
    }

    @Test func aLaterCardWithoutAPhotoKeepsTheEarlierOne() throws {
        var withPhoto = Self.dana
        withPhoto.photo = Photo(data: Self.png, mediaType: "image/png")
        let contacts = InterviewerDirectory.contacts(of: [
            Self.stored("a", day: 0, company: "Acme", role: "SRE", [withPhoto]),
            Self.stored("b", day: 7, company: "Acme", role: "Staff SRE", [Self.dana]),
        ])
        #expect(contacts.first?.interviewer.photo?.data == Self.png)
    }
}

/// A card's `N` leaves the address book as the card gave it: a phone sorts by the family name,
/// and a title or suffix stays where it was.
@Suite struct ExportedNameTests {
    func nLine(_ person: Interviewer, version: VCardWriter.Version) -> String? {
        let contact = InterviewerDirectory.contacts(of: [InterviewerContactTests.stored("a", day: 0, company: "Acme", role: "A", [person])])[0]
        return ContactBook.text(of: [contact], version: version).components(separatedBy: "\r\n").first { $0.hasPrefix("N:") }
    }

    @Test(arguments: VCardWriter.Version.allCases)
    func theFivePartsOfACardsNameAreKept(version: VCardWriter.Version) {
        func card(_ n: [String?], fn: String) -> Interviewer {
            Interviewer(name: fn, givenName: n[1], familyName: n[0], honorificPrefix: n[3], additionalNames: n[2], honorificSuffix: n[4],
                        emails: [ContactDetail(value: "x\(fn.count)@acme.example", types: [])])
        }
        #expect(nLine(card(["Mustermann", "Max", "Horst", "Dr.", "jr."], fn: "Dr. Max Horst Mustermann jr."), version: version)
            == "N:Mustermann;Max;Horst;Dr.;jr.")
        #expect(nLine(card(["Doe", "John", "Richter,James", "Mr.", "Sr."], fn: "Mr. John Richter James Doe Sr."), version: version)
            == "N:Doe;John;Richter,James;Mr.;Sr.")
        #expect(nLine(card(["Raman", "Priya", nil, "Dr.", nil], fn: "Priya Raman"), version: version) == "N:Raman;Priya;;Dr.;")
    }

    @Test func aNameGivenAsOneStringIsSplitIntoItsParts() {
        var person = Interviewer(name: "Dr. Katrin Vogel")
        person.readNameParts()
        #expect(nLine(person, version: .v3) == "N:Vogel;Katrin;;Dr.;")
        // A person stored before the parts were kept has them read from the name.
        #expect(nLine(Interviewer(name: "Dr. Katrin Vogel"), version: .v4) == "N:Vogel;Katrin;;Dr.;")
        // Nor does one whose spreadsheet row kept the first word as the given name.
        #expect(nLine(Interviewer(name: "Dr. Katrin Vogel", givenName: "Dr."), version: .v4) == "N:Vogel;Katrin;;Dr.;")
        // A card that gave only a given name has the rest read from its name.
        #expect(nLine(Interviewer(name: "Dana Diaz", givenName: "Dana"), version: .v3) == "N:Diaz;Dana;;;")
    }
}
