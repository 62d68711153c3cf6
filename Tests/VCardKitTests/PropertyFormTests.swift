import Foundation
import FollowUpTestSupport
import Testing
@testable import VCardKit

/// The many ways writers spell the same property: parameters and types, preferences, Apple's
/// grouped labels, escapes, structured values, URIs, time zones, embedded cards and blobs.
struct PropertyFormTests {
    func card(_ lines: String...) throws -> VCard {
        try Read.card((["BEGIN:VCARD"] + lines + ["END:VCARD", ""]).joined(separator: "\r\n"))
    }

    // MARK: Parameters and types

    @Test func bareParametersOfVCard21AreTypes() throws {
        let card = try card("VERSION:2.1", "TEL;WORK;VOICE:+1 555 0100", "EMAIL;PREF;INTERNET:a@x.example")
        #expect(card.phones.first?.types == ["voice", "work"])
        #expect(card.emails.first?.types == ["internet", "pref"])
        #expect(card.emails.first?.isPreferred == true)
    }

    @Test(arguments: [
        "TEL;type=WORK;type=pref:+1 555 0100",
        "TEL;TYPE=work,pref:+1 555 0100",
        "TEL;TYPE=\"work,pref\":+1 555 0100",
        "TEL;TYPE=WORK,TYPE=PREF:+1 555 0100",
        "TEL;Type=Work;PREF:+1 555 0100",
        "TEL;TYPE=work;PREF=1:+1 555 0100",
        "TEL;WORK;TYPE=pref:+1 555 0100",
    ])
    func typeListsReadAlikeInEverySpelling(line: String) throws {
        let card = try card("VERSION:3.0", line)
        #expect(card.phones.first?.types == ["pref", "work"], "\(line)")
        #expect(card.phones.first?.value == "+1 555 0100")
    }

    @Test func encodingCharsetAndValueWordsAreNotTypes() throws {
        let card = try card("VERSION:2.1", "TEL;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:+1 555 0100",
                            "EMAIL;INTERNET;QUOTED-PRINTABLE;UTF-8:a@x.example", "URL;HOME;VALUE=uri:https://x.example")
        #expect(card.phones.first?.types == ["work"])
        #expect(card.emails.first?.types == ["internet"])
        #expect(card.properties(named: "URL").first?.types == ["home"])
    }

    @Test func vCard4PreferenceIsANumber() throws {
        let card = try card("VERSION:4.0", "EMAIL;TYPE=home;PREF=50:home@x.example", "EMAIL;TYPE=work;PREF=1:work@x.example",
                            "EMAIL:other@x.example")
        #expect(card.emails.map(\.preference) == [50, 1, nil])
        #expect(card.emails.map(\.isPreferred) == [true, true, false])
    }

    @Test func parameterNamesAreCaseInsensitiveAndValuesKeepTheirCase() throws {
        let card = try card("VERSION:3.0", "PHOTO;value=uri;Type=image/JPEG:https://x.example/p.jpg")
        let photo = try #require(card.properties(named: "PHOTO").first)
        #expect(photo.parameter("VALUE") == "uri")
        #expect(photo.parameter("type") == "image/JPEG")
    }

    @Test func quotedParameterMayHoldColonsAndSemicolons() throws {
        let card = try card("VERSION:4.0", "ADR;LABEL=\"12 Main St;Apt 4: rear\";TYPE=work:;;12 Main St;Springfield;;;")
        let address = try #require(card.properties(named: "ADR").first)
        #expect(address.parameter("LABEL") == "12 Main St;Apt 4: rear")
        #expect(address.components[2] == "12 Main St")
        #expect(address.types == ["work"])
    }

    @Test func emptyParameterIsDroppedWithAWarning() throws {
        let card = try card("VERSION:2.1", "TEL;;WORK:+1 555 0100")
        #expect(card.phones.first?.types == ["work"])
        #expect(card.warnings.contains { $0.line == 3 && $0.property == "TEL" && $0.message == "empty parameter ignored" })
    }

    @Test func parsedPropertyEqualsOneBuiltWithTheSameParameters() throws {
        let parsed = try #require(try card("VERSION:3.0", "TEL;TYPE=\"work,voice\";X-NOTE=desk:+1 555 0100").properties(named: "TEL").first)
        let built = VCardProperty(name: "TEL", parameters: [VCardParameter(name: "TYPE", values: ["work", "voice"]),
                                                             VCardParameter(name: "X-NOTE", value: "desk")],
                                  rawValue: "+1 555 0100", line: 3)
        #expect(parsed == built)
        #expect(Set([parsed, built]).count == 1)
        var edited = parsed
        edited.parameters.append(VCardParameter(name: nil, values: ["PREF"]))
        #expect(edited != parsed)
        #expect(edited.types == ["pref", "voice", "work"])
    }

    // MARK: Groups and labels

    @Test func appleGroupLabelsNameTheirProperties() throws {
        let card = try card("VERSION:3.0", "FN:Lee",
                            "item1.EMAIL;type=INTERNET:lee@acme.example", "item1.X-ABLabel:_$!<Work>!$_",
                            "ITEM2.TEL:+1 555 0177", "item2.X-ABLABEL:desk phone",
                            "item3.EMAIL:plain@x.example")
        #expect(card.emails.map(\.label) == ["Work", nil])
        #expect(card.phones.first?.label == "desk phone")
        #expect(card.properties(named: "EMAIL").first?.group == "item1")
    }

    // MARK: Values

    @Test func escapesAreRemovedInText() throws {
        let card = try card("VERSION:3.0", "FN:Smith\\, Jr.", "NOTE:a\\nb\\Nc\\;d\\\\e\\:f\\", "TITLE:VP\\, Sales \\& Ops")
        #expect(card.formattedName == "Smith, Jr.")
        #expect(card.note == "a\nb\nc;d\\e:f\\")
        #expect(card.title == "VP, Sales & Ops")
    }

    @Test func escapedNonASCIICharacterIsKept() throws {
        let card = try card("VERSION:3.0", "FN:\\é\\🐙x")
        #expect(card.formattedName == "é🐙x")
    }

    @Test func structuredNameHasFiveParts() throws {
        let card = try card("VERSION:3.0", "N:O'Brien\\;Murphy;Pat;Q.,R.;Dr.;PhD\\, MBA")
        #expect(card.name == StructuredName(family: "O'Brien;Murphy", given: "Pat", additional: "Q.,R.", prefix: "Dr.", suffix: "PhD, MBA"))
    }

    @Test func shortStructuredNameIsPadded() throws {
        #expect(try card("VERSION:2.1", "N:Doe").name == StructuredName(family: "Doe"))
    }

    @Test func addressHasSevenParts() throws {
        let card = try card("VERSION:3.0", "ADR;TYPE=WORK:;Suite 5;100 Waters Edge\\, Bldg 2;Baytown;LA;30314;United States of America")
        let address = try #require(card.properties(named: "ADR").first)
        #expect(address.components == ["", "Suite 5", "100 Waters Edge, Bldg 2", "Baytown", "LA", "30314", "United States of America"])
    }

    @Test func organisationListsItsUnits() throws {
        let card = try card("VERSION:3.0", "ORG:ABC\\, Inc.;North American Division;Marketing;;")
        #expect(card.organization == ["ABC, Inc.", "North American Division", "Marketing"])
    }

    @Test func telURIIsKeptWhole() throws {
        let card = try card("VERSION:4.0", "TEL;VALUE=uri;TYPE=\"voice,work\";PREF=1:tel:+1-555-555-5555;ext=5555")
        #expect(card.phones.first?.value == "tel:+1-555-555-5555;ext=5555")
        #expect(card.phones.first?.types == ["pref", "voice", "work"])
        #expect(card.properties(named: "TEL").first?.parameter("VALUE") == "uri")
    }

    @Test(arguments: [
        ("TZ:-05:00", -18_000), ("TZ:-0500", -18_000), ("TZ;VALUE=utc-offset:-0500", -18_000),
        ("TZ;VALUE=utc-offset:+0530", 19_800), ("TZ:+05:30", 19_800), ("TZ:-5", -18_000), ("TZ:Z", 0),
        ("TZ;VALUE=text:-05:00; EST; Raleigh/North America", -18_000),
    ])
    func timeZoneOffsetIsReadInEveryForm(line: String, seconds: Int) throws {
        let card = try card("VERSION:3.0", "FN:A", line)
        #expect(card.timeZone?.secondsFromGMT() == seconds, "\(line)")
    }

    @Test(arguments: ["TZ:Europe/Berlin", "TZ;VALUE=text:Europe/Berlin", "TZ:tzid:Europe/Berlin"])
    func timeZoneNameIsReadInEveryForm(line: String) throws {
        let card = try card("VERSION:4.0", "FN:A", line)
        #expect(card.timeZone?.identifier == "Europe/Berlin", "\(line)")
    }

    @Test func timeZoneThatIsNeitherIsNoZone() throws {
        #expect(try card("VERSION:3.0", "FN:A", "TZ:somewhere nice").timeZone == nil)
    }

    // MARK: Several cards, embedded cards

    @Test func severalCardsWithBlankLinesAndAMissingEndComeInOrder() throws {
        let cards = try Read.cards("""
            BEGIN:VCARD
            VERSION:3.0
            FN:One
            END:VCARD

            BEGIN:VCARD
            VERSION:3.0
            FN:Two
            BEGIN:VCARD
            VERSION:3.0
            FN:Three
            END:VCARD
            """.crlf)
        #expect(cards.map(\.displayName) == ["One", "Two", "Three"])
        #expect(cards.map(\.line) == [1, 6, 9])
        #expect(cards[1].warnings.contains { $0.line == 9 && $0.property == "END" })
    }

    @Test func vCard3AgentIsOneEscapedValueHoldingACard() throws {
        // RFC 2426 §3.5.4's example.
        let card = try card("VERSION:3.0", "FN:Boss",
                            "AGENT:BEGIN:VCARD\\nFN:Susan Thomas\\nTEL:+1-919-555-\\n 1234\\nEMAIL\\;INTERNET:sthomas@host.com\\nEND:VCARD\\n",
                            "TEL:+1 555 0100")
        #expect(card.formattedName == "Boss")
        #expect(card.phones.map(\.value) == ["+1 555 0100"])
        let agent = try #require(card.properties(named: "AGENT").first?.embeddedCard)
        #expect(agent.formattedName == "Susan Thomas")
        #expect(agent.phones.map(\.value) == ["+1-919-555-1234"])
        #expect(agent.emails.first?.types == ["internet"])
    }

    @Test func vCard21AgentIsACardBetweenTheLines() throws {
        let card = try card("VERSION:2.1", "FN:Boss", "AGENT:",
                            "BEGIN:VCARD", "VERSION:2.1", "N:Friday;Fred", "TEL;WORK;VOICE:+1-213-555-1234", "NOTE:a\\, b", "END:VCARD",
                            "TEL;CELL:+1 555 0100")
        #expect(card.formattedName == "Boss")
        #expect(card.phones.map(\.value) == ["+1 555 0100"])
        #expect(card.properties.map(\.name) == ["VERSION", "FN", "AGENT", "TEL"])
        let agent = try #require(card.properties(named: "AGENT").first?.embeddedCard)
        #expect(agent.name?.family == "Friday")
        #expect(agent.phones.first?.types == ["voice", "work"])
        #expect(agent.note == "a, b")
    }

    @Test func agentGivenAsAURIHoldsNoCard() throws {
        let card = try card("VERSION:3.0", "FN:Boss", "AGENT;VALUE=uri:CID:JQPUBLIC.part3.960129T083020.xyzMail@host3.com")
        #expect(card.properties(named: "AGENT").first?.embeddedCard == nil)
    }

    // MARK: Binary values

    static let photo: [UInt8] = {
        var generator = SeededGenerator(seed: 42)
        // Random bytes: far from valid UTF-8, so any decoding as text would show.
        return (0..<600).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }()

    static func folded(_ base64: String, first: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = first
        for character in base64 {
            if line.count >= 75 {
                lines.append(line)
                line = indent
            }
            line.append(character)
        }
        return lines + [line]
    }

    @Test func vCard3PhotoIsKeptAsBase64() throws {
        let base64 = Data(Self.photo).base64EncodedString()
        let card = try Read.card((["BEGIN:VCARD", "VERSION:3.0", "FN:Pic"]
            + Self.folded(base64, first: "PHOTO;ENCODING=b;TYPE=JPEG:", indent: " ")
            + ["EMAIL:pic@x.example", "END:VCARD", ""]).joined(separator: "\r\n"))
        let photo = try #require(card.properties(named: "PHOTO").first)
        #expect(photo.rawValue == base64)
        #expect(photo.binaryValue == Data(Self.photo))
        #expect(card.emails.map(\.value) == ["pic@x.example"])
        #expect(card.warnings.isEmpty)
    }

    @Test func vCard21LogoWithIndentedLinesIsKeptAsBase64() throws {
        // vCard 2.1 writers indent each base64 line and end the blob with an empty line.
        let base64 = Data(Self.photo).base64EncodedString()
        let card = try Read.card((["BEGIN:VCARD", "VERSION:2.1", "FN:Pic"]
            + Self.folded(base64, first: "LOGO;ENCODING=BASE64;TYPE=GIF:", indent: "    ")
            + ["", "TEL:+1 555 0100", "END:VCARD", ""]).joined(separator: "\r\n"))
        let logo = try #require(card.properties(named: "LOGO").first)
        #expect(logo.rawValue == base64)
        #expect(logo.binaryValue == Data(Self.photo))
        #expect(card.phones.map(\.value) == ["+1 555 0100"])
        #expect(card.warnings.isEmpty)
    }

    @Test func vCard4DataURIPhotoDecodes() throws {
        let base64 = Data(Self.photo).base64EncodedString()
        let card = try card("VERSION:4.0", "FN:Pic", "PHOTO:data:image/jpeg;base64,\(base64)")
        #expect(card.properties(named: "PHOTO").first?.binaryValue == Data(Self.photo))
    }

    @Test func photoURLIsNoBinaryValue() throws {
        let card = try card("VERSION:3.0", "FN:Pic", "PHOTO;VALUE=uri:https://x.example/p.jpg")
        #expect(card.properties(named: "PHOTO").first?.binaryValue == nil)
    }

    // MARK: Extensions

    @Test func unknownExtensionPropertiesAreKeptWithGroupsAndParameters() throws {
        let card = try card("VERSION:2.1", "FN:A",
                            "X-SOCIALPROFILE;type=linkedin;x-user=dana:https://linkedin.example/in/dana",
                            "item4.X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:vnd.android=3Dnick;D=C3=A4ni",
                            "x-lowercase-name:kept")
        let social = try #require(card.properties(named: "X-SOCIALPROFILE").first)
        #expect(social.rawValue == "https://linkedin.example/in/dana")
        #expect(social.types == ["linkedin"])
        #expect(social.parameter("X-USER") == "dana")
        let custom = try #require(card.properties(named: "X-ANDROID-CUSTOM").first)
        #expect(custom.group == "item4")
        #expect(custom.components == ["vnd.android=nick", "Däni"])
        #expect(card.properties(named: "X-LOWERCASE-NAME").first?.text == "kept")
    }
}

/// `VCard.photo`: the embedded picture of a card, as 3.0 and 4.0 write it.
struct PhotoTests {
    static let pngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DA8J8BAAf/Af8Bf4mnAAAAAElFTkSuQmCC"

    func card(_ photoLines: String, version: String = "3.0") throws -> VCard {
        try #require(try VCardParser().parse("BEGIN:VCARD\r\nVERSION:\(version)\r\nFN:Dana\r\n\(photoLines)\r\nEND:VCARD\r\n").first)
    }

    @Test func aBase64PhotoIsItsBytesWithTheTypeTheBytesAnnounce() throws {
        // The TYPE says JPEG, the bytes are a PNG: the bytes win.
        let photo = try #require(try card("PHOTO;ENCODING=b;TYPE=JPEG:\(Self.pngBase64)").photo)
        #expect(photo.mediaType == "image/png")
        #expect(photo.data == Data(base64Encoded: Self.pngBase64))
        #expect(photo.typeWord == "PNG")
    }

    @Test func aDataURIPhotoOfVCard4IsRead() throws {
        let photo = try card("PHOTO:data:image/png;base64,\(Self.pngBase64)", version: "4.0").photo
        #expect(photo?.data == Data(base64Encoded: Self.pngBase64))
    }

    @Test func aLinkOrBytesThatAreNoPictureAreNoPhoto() throws {
        #expect(try card("PHOTO;VALUE=uri:https://example.com/dana.jpg").photo == nil)
        #expect(try card("PHOTO;ENCODING=b;TYPE=JPEG:SGVsbG8sIHdvcmxkIQ==").photo == nil)
    }
}
