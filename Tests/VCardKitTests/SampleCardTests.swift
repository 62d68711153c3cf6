import Foundation
import Testing
import VCardKit

/// The cards bundled in `Samples/cards` read as a person would read them off the paper.
struct SampleCardTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/cards")

    func card(_ name: String) throws -> VCard {
        let bytes = try [UInt8](Data(contentsOf: Self.samples.appendingPathComponent(name)))
        let cards = try VCardParser().parse(bytes, file: name)
        try #require(cards.count == 1)
        return cards[0]
    }

    @Test func quotedPrintableScannerCardReadsNameAndContacts() throws {
        let dana = try card("dana-diaz.vcf")
        #expect(dana.version == "2.1")
        #expect(dana.displayName == "Dana Díaz")
        #expect(dana.name?.family == "Díaz")
        #expect(dana.organization == ["Acme Robotics", "Platform Engineering"])
        #expect(dana.emails.map(\.value) == ["dana.diaz@acme.example"])
        #expect(dana.emails.first?.types == ["internet", "pref"])
        #expect(dana.phones.map(\.value) == ["+1 312 555 0142", "+1 312 555 0199"])
        #expect(dana.phones.first?.types == ["voice", "work"])
        // The NOTE is folded with a quoted-printable soft line break.
        #expect(dana.note == "Scanned with a card scanner app. Met at the on-site interview, asked about the robot fleet rollout.")
        #expect(dana.warnings.isEmpty)
    }

    @Test func iPhoneCardReadsGroupedEmailsWithLabels() throws {
        let lee = try card("lee-chen.vcf")
        #expect(lee.version == "3.0")
        #expect(lee.displayName == "Lee Chen")
        #expect(lee.emails.map(\.value) == ["lee.chen@acme.example", "lee@chen-family.example"])
        #expect(lee.emails.map(\.label) == ["Work", "personal"])
        #expect(lee.phones.map(\.value) == ["(312) 555-0177"])
        #expect(lee.note == "Asked about on-call, testing and the migration; liked the design answer.")
    }

    @Test func vCard4CardReadsTimeZoneAndTelURI() throws {
        let priya = try card("priya-raman.vcf")
        #expect(priya.version == "4.0")
        #expect(priya.displayName == "Priya Raman")
        #expect(priya.emails.first?.preference == 1)
        #expect(priya.phones.map(\.value) == ["tel:+1-212-555-0123"])
        #expect(priya.phones.first?.types == ["pref", "voice", "work"])
        #expect(priya.timeZone?.identifier == "America/New_York")
    }
}
