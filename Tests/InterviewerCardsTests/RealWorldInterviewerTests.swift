import Foundation
import Testing
import VCardKit
@testable import FollowUpPlanning
@testable import InterviewerCards

/// Real producers' cards (the files of `VCardKitTests/RealWorld/`) made into interviewers: who
/// the plan names, greets, writes to and calls.
struct RealWorldInterviewerTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("VCardKitTests/RealWorld")

    static func interviewers(_ file: String) throws -> [Interviewer] {
        try VCardParser().parse(contentsOfFile: folder.appendingPathComponent(file).path, file: file).map(Interviewer.init(card:))
    }

    static func interviewer(_ file: String) throws -> Interviewer {
        let all = try interviewers(file)
        guard all.count == 1 else { throw CardCountError(file: file, count: all.count) }
        return all[0]
    }

    struct CardCountError: Error {
        var file: String
        var count: Int
    }

    @Test func outlookCardWritesToThePreferredAddressAndCallsTheWorkNumberNotTheFax() throws {
        let person = try Self.interviewer("outlook2016-windows1252-qp-photo.vcf")
        #expect(person.name == "Jürgen Müller")
        #expect(person.greetingName == "Jürgen")
        #expect(person.organization == "Bäckerei Größe GmbH")
        #expect(person.title == "Leiter Vertrieb – Süd")
        #expect(person.preferredEmail == "j.mueller@baeckerei-groesse.example")
        #expect(person.preferredPhone == "+49 (89) 1234-567")
    }

    @Test func googleCardsWithoutPreferenceUseTheWorkAddressThenTheFirst() throws {
        let people = try Self.interviewers("google-contacts-three-cards.vcf")
        #expect(people.map(\.name) == ["Priya Raman", "Tomás O'Brien", "talent@initech.example"])
        #expect(people.map(\.preferredEmail) == ["priya.raman@example.com", "tobrien@example.net", "talent@initech.example"])
        #expect(people[0].preferredPhone == "+1 415-555-0134")
        #expect(people[2].givenName == nil)
    }

    @Test func iCloudPrefTypeChoosesEmailAndPhone() throws {
        let person = try Self.interviewer("icloud-macos-pref-type-photo.vcf")
        // The card's N carries the prefix "Dr.": a formal greeting, with the family name.
        #expect(person.givenName == "Chidi")
        #expect(person.greetingName == "Dr. Okafor")
        #expect(person.organization == "Globex")
        #expect(person.preferredEmail == "chidi.okafor@globex.example")
        #expect(person.preferredPhone == "+1 (617) 555-0112")
    }

    @Test func companyCardWithoutAPersonIsNamedByTheCompany() throws {
        let person = try Self.interviewer("icloud-company-card-no-person.vcf")
        #expect(person.name == "Umbrella Labs")
        #expect(person.givenName == nil)
        #expect(person.greetingName == "Umbrella Labs")
        #expect(person.preferredEmail == "careers@umbrella.example")
    }

    @Test func companyCardThatNamesItsContactPersonIsThatPerson() throws {
        // Apple writes the company as FN when the card is shown as a company; N is the person.
        let person = try Self.interviewer("icloud-company-card-with-contact-person.vcf")
        #expect(person.name == "Leila Haddad")
        #expect(person.greetingName == "Leila")
        #expect(person.organization == "Cyberdyne Systems")
        #expect(person.matches("leila haddad"))
    }

    @Test func japaneseCardGreetsByTheGivenNameInKanji() throws {
        let person = try Self.interviewer("japanese-phone-shift-jis.vcf")
        #expect(person.name == "山田 太郎")
        #expect(person.givenName == "太郎")
        #expect(person.organization == "株式会社表計算ソフト")
    }

    @Test func vCard4PrefNumbersDecideTheAddressWhateverTheirOrder() throws {
        let people = try Self.interviewers("nextcloud-davx5-v4-utc-offset-pref-order.vcf")
        #expect(people[0].preferredEmail == "lars.eriksson@hooli.example")
        #expect(people[0].timeZone?.secondsFromGMT() == -5 * 3600)
        #expect(people[2].timeZone?.identifier == "Europe/Lisbon")

        let thunderbird = try Self.interviewer("thunderbird-v4-tel-uri-pref-tz-text.vcf")
        #expect(thunderbird.preferredEmail == "ana.lima@initech.example")
        // A tel: URI reads as numbers written as text do.
        #expect(thunderbird.preferredPhone == "+1 555 0100")
        #expect(thunderbird.timeZone?.identifier == "America/New_York")
    }

    @Test func scannedEmailValuesBecomeBareAddresses() throws {
        let person = try Self.interviewer("scanner-email-mailto-and-display-name.vcf")
        #expect(person.emails.map(\.value) == ["dana.diaz@acme.example", "dana@diaz.example", "d.diaz@mail.example"])
        #expect(person.emails.first?.types == ["internet", "work"])
        #expect(person.preferredEmail == "dana.diaz@acme.example")
    }

    @Test func emailValueWithoutOneClearAddressIsKeptAsWritten() {
        #expect(Interviewer.address("a@x.example, b@y.example") == "a@x.example, b@y.example")
        #expect(Interviewer.address("MAILTO:a@x.example") == "a@x.example")
        #expect(Interviewer.address("a@x.example") == "a@x.example")
    }

    @Test func nulInANameIsNotPartOfIt() throws {
        let person = try Self.interviewer("quirk-nul-in-value.vcf")
        #expect(person.name == "Élodie Dubois")
        #expect("Ann\u{0}Lee".singleLine == "Ann Lee")
    }

    @Test func trailingSpacesDoNotReachTheInterviewer() throws {
        let person = try Self.interviewer("quirk-trailing-spaces.vcf")
        #expect(person.name == "Élodie Dubois")
        #expect(person.organization == "Société Générale de Test")
        #expect(person.preferredEmail == "elodie.dubois@sgt.example")
    }
}
