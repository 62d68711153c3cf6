import Foundation
import Testing
@testable import VCardKit

/// Cards written the way real producers write them (Outlook, Google, Apple, Android, Japanese
/// phones, card scanners, Thunderbird, Nextcloud) and the file-level accidents they come with.
/// Each file is in `RealWorld/`; the expected values were read off the cards by hand.
struct RealWorldCardTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("RealWorld")

    /// The cards of a file, read from memory and again as a stream in 7-byte reads (so that
    /// chunk boundaries fall inside folds, soft breaks and base64), which must agree.
    static func cards(_ file: String, options: VCardParser.Options = .init()) throws -> [VCard] {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
        let whole = Read.memory(bytes, options: options, file: file)
        #expect(whole == Read.streamed(bytes, chunkSize: 7, bufferSize: 16, options: options, file: file), "\(file)")
        return try whole.get()
    }

    static func card(_ file: String) throws -> VCard {
        let cards = try cards(file)
        guard cards.count == 1 else { throw TestFailure("\(file): expected one card, read \(cards.count)") }
        return cards[0]
    }

    static func contacts(_ contacts: [VCardContact]) -> [String] {
        contacts.map { "\($0.value) \($0.types)" }
    }

    /// The JPEG-like bytes every photo of these cards encodes.
    static let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(0...255) + Array(0...255) + [0xFF, 0xD9]

    // MARK: Producers

    @Test func outlook2016WindowsCharsetQuotedPrintableAndIndentedPhoto() throws {
        let card = try Self.card("outlook2016-windows1252-qp-photo.vcf")
        #expect(card.version == "2.1")
        #expect(card.formattedName == "Jürgen Müller")
        #expect(card.name == StructuredName(family: "Müller", given: "Jürgen"))
        #expect(card.organization == ["Bäckerei Größe GmbH", "Vertrieb"])
        #expect(card.title == "Leiter Vertrieb – Süd")
        #expect(card.note
                == "Getroffen am 12. März beim Vorstellungsgespräch – sehr freundlich, möchte „Follow-up“ per E-Mail innerhalb einer Woche.")
        #expect(card.properties(named: "LABEL").first?.text == "Königstraße 5\n80331 München\nDeutschland")
        #expect(Self.contacts(card.emails) == ["j.mueller@baeckerei-groesse.example [\"internet\", \"pref\"]",
                                               "juergen.privat@example.de [\"internet\"]"])
        #expect(Self.contacts(card.phones) == ["+49 (89) 1234-567 [\"voice\", \"work\"]", "+49 171 2345678 [\"cell\", \"voice\"]",
                                               "+49 (89) 1234-599 [\"fax\", \"work\"]"])
        #expect(card.properties(named: "PHOTO").first?.binaryValue == Data(Self.photo))
        #expect(card.properties(named: "X-MS-OL-DESIGN").first?.rawValue.hasPrefix("<card xmlns=") == true)
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func outlook2010PhotoWithUnindentedBase64LinesKeepsThePhotoAndWarnsOfNothing() throws {
        let card = try Self.card("outlook2010-unindented-base64-photo.vcf")
        #expect(card.warnings.isEmpty, "\(card.warnings)")
        #expect(card.properties(named: "PHOTO").first?.binaryValue == Data(Self.photo))
        #expect(card.formattedName == "Margaret Whitfield")
        #expect(card.organization == ["Northwind Traders", "Human Resources"])
        #expect(card.title == "Senior Talent Acquisition Partner")
        #expect(Self.contacts(card.emails) == ["mwhitfield@northwind.example [\"internet\", \"pref\"]"])
        #expect(Self.contacts(card.phones) == ["(425) 555-0175 [\"voice\", \"work\"]", "(425) 555-0190 [\"cell\", \"voice\"]"])
        // The photo's ten lines and the blank line after it do not shift the lines after it.
        #expect(card.properties(named: "TEL").first?.line == 19)
    }

    @Test func outlook2019UTF8QuotedPrintableSplitInsideACharacter() throws {
        let card = try Self.card("outlook2019-utf8-qp-soft-breaks.vcf")
        #expect(card.formattedName == "Zoë Ødegård-Łukasiewicz")
        #expect(card.name == StructuredName(family: "Ødegård-Łukasiewicz", given: "Zoë"))
        #expect(card.organization == ["Fjordløs AS", "Produktutvikling"])
        #expect(card.title == "Seniorrådgiver, Rekruttering & Talent")
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func outlookKoreanCodePageName() throws {
        let card = try Self.card("outlook-korean-ks_c_5601-1987.vcf")
        #expect(card.formattedName == "김민준")
        #expect(card.name == StructuredName(family: "김", given: "민준"))
        #expect(card.organization == ["한빛소프트", "인사팀"])
        #expect(card.title == "채용 담당")
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func googleContactsExportWithThreeCardsAndItemLabels() throws {
        let cards = try Self.cards("google-contacts-three-cards.vcf")
        #expect(cards.map(\.line) == [1, 15, 27])
        #expect(cards.map(\.displayName) == ["Priya Raman", "Tomás O'Brien", "talent@initech.example"])

        let priya = cards[0]
        #expect(priya.emails.map(\.value) == ["priya.raman@example.com", "priya.recruiting@example.com"])
        #expect(priya.emails.map(\.types) == [["internet", "work"], ["internet"]])
        #expect(priya.emails.map(\.label) == [nil, "Recruiting"])
        #expect(priya.phones.map(\.value) == ["+1 415-555-0134", "+1 415-555-0199"])
        #expect(priya.phones.map(\.label) == [nil, "Desk"])
        #expect(priya.organization == ["Example Corp"])
        #expect(priya.title == "Engineering Manager")

        let tomas = cards[1]
        #expect(tomas.name == StructuredName(family: "O'Brien", given: "Tomás"))
        #expect(tomas.note == "Met at the onsite loop, round 3.\nPrefers e-mail.")
        #expect(tomas.urls == ["https://linkedin.example/in/tobrien"])

        // A contact saved with an address only: an empty FN, named by the address, with a warning.
        let talent = cards[2]
        #expect(talent.formattedName == nil)
        #expect(talent.warnings.map(\.line) == [27])
        #expect(talent.warnings.first?.property == "FN")
    }

    @Test func iCloudLowerCaseTypesWithPrefAndAFoldedPhoto() throws {
        let card = try Self.card("icloud-macos-pref-type-photo.vcf")
        #expect(card.name == StructuredName(family: "Okafor", given: "Chidi", additional: "Anthony", prefix: "Dr.", suffix: "PhD"))
        #expect(card.displayName == "Dr. Chidi Anthony Okafor PhD")
        #expect(card.organization == ["Globex", "Research"])
        #expect(card.emails.map(\.types) == [["internet", "pref", "work"], ["internet"]])
        #expect(card.emails.map(\.isPreferred) == [true, false])
        #expect(card.emails.map(\.label) == [nil, "Other"])
        #expect(Self.contacts(card.phones) == ["+1 (617) 555-0112 [\"cell\", \"pref\", \"voice\"]",
                                               "+1 (617) 555-0100 [\"voice\", \"work\"]"])
        #expect(card.properties(named: "PHOTO").first?.binaryValue == Data(Self.photo))
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func iCloudCompanyCardWithoutAPerson() throws {
        let card = try Self.card("icloud-company-card-no-person.vcf")
        #expect(card.name == StructuredName())
        #expect(card.displayName == "Umbrella Labs")
        #expect(card.organization == ["Umbrella Labs"])
        #expect(card.emails.map(\.value) == ["careers@umbrella.example"])
        #expect(card.emails.first?.label == "Work")
        #expect(card.phones.map(\.types) == [["main"]])
    }

    @Test func androidUTF8QuotedPrintableNamesAcrossSoftBreaks() throws {
        let card = try Self.card("android-samsung-utf8-qp-soft-breaks.vcf")
        #expect(card.name == StructuredName(family: "Παπαδοπούλου", given: "Αλεξάνδρα"))
        #expect(card.formattedName == "Αλεξάνδρα Παπαδοπούλου")
        #expect(card.organization == ["Ελληνικό Λογισμικό Α.Ε."])
        #expect(card.title == "Υπεύθυνη Προσλήψεων")
        #expect(Self.contacts(card.phones) == ["+30 69 1234 5678 [\"cell\", \"pref\"]", "+30 21 0123 4567 [\"work\"]"])
        #expect(Self.contacts(card.emails) == ["alexandra.p@hellas-soft.example [\"work\"]", "alex.pap@example.gr [\"home\"]"])
        #expect(card.properties(named: "X-ANDROID-CUSTOM").first?.components.prefix(2) == ["vnd.android.cursor.item/nickname", "Alex"])
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func japanesePhoneShiftJISWithBackslashTrailBytes() throws {
        // 表 and ソ are 0x95 0x5C and 0x83 0x5C in Shift_JIS: the 0x5C must not act as a backslash.
        let card = try Self.card("japanese-phone-shift-jis.vcf")
        #expect(card.formattedName == "山田 太郎")
        #expect(card.name == StructuredName(family: "山田", given: "太郎"))
        #expect(card.organization == ["株式会社表計算ソフト", "ソフト開発部"])
        #expect(card.title == "課長代理")
        #expect(card.note == "面接官、能力評価担当")
        #expect(card.properties(named: "X-PHONETIC-LAST-NAME").first?.text == "やまだ")
        #expect(card.properties(named: "SOUND").first?.components.prefix(2) == ["ﾔﾏﾀﾞ", "ﾀﾛｳ"])
        #expect(Self.contacts(card.emails) == ["taro.yamada@hyokeisan.example.jp [\"internet\", \"pref\"]"])
        #expect(card.phones.map(\.value) == ["090-1234-5678", "03-1234-5678"])
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func japanesePhoneDeclaringShiftJISOnNOnlyReadsTheOtherValuesInIt() throws {
        let card = try Self.card("japanese-phone-shift-jis-charset-on-n-only.vcf")
        #expect(card.formattedName == "山田 太郎")
        #expect(card.properties(named: "ADR").first?.components == ["", "", "千代田区1-1", "東京都", "", "100-0001", "日本"])
        // Read in the card's charset, but said: the value itself did not declare it.
        #expect(card.warnings.map(\.line) == [4, 5])
        #expect(card.warnings.allSatisfy { $0.message.contains("SHIFT_JIS") })
    }

    /// An old phone writes Windows-1251 everywhere but declares it only on LABEL, after N and FN:
    /// the values before the declaration are read in it too, not as Windows-1252 mojibake.
    @Test func oldPhoneDeclaringWindows1251OnALaterLabelReadsTheEarlierValuesInIt() throws {
        let card = try Self.card("old-phone-windows1251-charset-on-label-only.vcf")
        #expect(card.formattedName == "Иван Петров")
        #expect(card.name == StructuredName(family: "Петров", given: "Иван", additional: "Сергеевич"))
        #expect(card.organization == ["ООО Ромашка"])
        #expect(card.properties(named: "LABEL").first?.text == "Москва, ул. Тверская, д. 1")
        #expect(card.warnings.map(\.line) == [3, 4, 5])
        #expect(card.warnings.allSatisfy { $0.message.contains("Windows-1251, as a later property of the card declares") })
    }

    @Test func camCardScanWithEscapedCommasOrgUnitsAndOCRNote() throws {
        let card = try Self.card("camcard-scan-escaped-org-ocr-note.vcf")
        #expect(card.name == StructuredName(family: "Fernández", given: "José"))
        #expect(card.organization == ["Acme, Inc.", "R&D"])
        #expect(card.title == "Director, Platform Engineering")
        #expect(card.phones.map(\.types) == [["voice", "work"], ["mobile"], ["fax", "work"]])
        #expect(card.emails.map(\.types) == [["internet", "work"]])
        #expect(card.properties(named: "ADR").first?.components[2] == "350 Fifth Avenue, Suite 4100")
        #expect(card.note?.hasPrefix("ACME, INC.\nJosé Fernández\nDirector, Platform Engineering | R&D\n") == true)
        #expect(card.urls == ["https://acme.example"])
    }

    @Test func abbyyVCard21WithRawUTF8AndOddTypes() throws {
        let card = try Self.card("abbyy-bcr-21-utf8-no-charset.vcf")
        // vCard 2.1 has no backslash escapes for commas: the comma is plain text.
        #expect(card.title == "VP, Sales & Marketing")
        #expect(card.phones.map(\.types) == [["pref", "voice", "work"], ["mobile"], ["x-direct"]])
        #expect(card.emails.map(\.value) == ["kenji.nakamura@soylent.example", "k.nakamura@gmail.example"])
        #expect(card.note == "Scanned 2024-05-02\nTokyo office, 14:00")
        #expect(card.properties(named: "ADR").first?.components[2] == "2-1-1 Nihonbashi, Chūō-ku")
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func scanBizCardsQuotedTypeListsVietnameseAndLFLines() throws {
        let card = try Self.card("scanbizcards-vietnamese-lf-quoted-types.vcf")
        #expect(card.name == StructuredName(family: "Nguyễn", given: "Thị Minh Anh"))
        #expect(card.organization == ["Vietsoft JSC", "Phòng Nhân sự"])
        #expect(card.title == "Trưởng phòng Tuyển dụng")
        #expect(Self.contacts(card.phones) == ["+84 28 3822 1234 [\"voice\", \"work\"]", "+84 90 123 4567 [\"cell\", \"pref\"]"])
        #expect(card.emails.map(\.types) == [["internet", "work"]])
        #expect(card.note?.split(separator: "\n").count == 5)
    }

    @Test func thunderbirdVCard4TelURIsPrefAndTextTimeZone() throws {
        let card = try Self.card("thunderbird-v4-tel-uri-pref-tz-text.vcf")
        #expect(card.version == "4.0")
        #expect(card.emails.map(\.value) == ["ana@home.example", "ana.lima@initech.example"])
        #expect(card.emails.map(\.preference) == [nil, 1])
        // A tel: URI stays a URI: the planner's call link takes it as it is.
        #expect(Self.contacts(card.phones) == ["tel:+1-555-0100 [\"work\"]", "tel:+1-555-0101;ext=22 [\"cell\"]"])
        #expect(card.timeZoneText == "America/New_York")
        #expect(card.timeZone?.identifier == "America/New_York")
        #expect(card.organization == ["Initech", "Platform"])
    }

    @Test func nextcloudAndDAVx5TimeZonesAsOffsetsAndPreferenceOrder() throws {
        let cards = try Self.cards("nextcloud-davx5-v4-utc-offset-pref-order.vcf")
        #expect(cards.map(\.displayName) == ["Lars Eriksson", "Mei Chen", "Rafael Souza"])
        #expect(cards[0].emails.map(\.preference) == [2, 1])
        #expect(cards[0].phones.first?.types == ["pref", "voice", "work"])
        #expect(cards[0].timeZone?.secondsFromGMT() == -5 * 3600)
        #expect(cards[1].timeZone?.secondsFromGMT() == -5 * 3600)
        #expect(cards[2].timeZone?.identifier == "Europe/Lisbon")
    }

    @Test func linkedInEraCardWithCommaTypeListAndSocialProfile() throws {
        let card = try Self.card("linkedin-gmail-socialprofile.vcf")
        #expect(Self.contacts(card.emails) == ["piotr.kowalski@wayne.example [\"internet\", \"pref\"]"])
        #expect(card.urls == ["https://www.linkedin.com/in/piotr-kowalski-00000"])
        #expect(card.properties(named: "X-SOCIALPROFILE").first?.types == ["linkedin"])
    }

    @Test func quotedPrintableSoftBreaksWithWhiteSpaceAfterTheEqualsSign() throws {
        let card = try Self.card("qp-soft-breaks-with-trailing-spaces.vcf")
        #expect(card.name == StructuredName(family: "Sméth", given: "Zoë"))
        #expect(card.formattedName == "Zoë Sméth")
        #expect(card.phones.map(\.value) == ["+44 7700 900123"])
        #expect(card.warnings.isEmpty, "\(card.warnings)")
    }

    @Test func scannerEmailValuesKeepTheirTextInTheCard() throws {
        // The card keeps what was written; the interviewer mapping takes the address out.
        let card = try Self.card("scanner-email-mailto-and-display-name.vcf")
        #expect(card.emails.map(\.value) == ["mailto:dana.diaz@acme.example", "Dana Diaz <dana@diaz.example>",
                                             "E-mail: d.diaz@mail.example"])
    }

    // MARK: File-level quirks

    /// The one card most quirk files hold.
    static func expectÉlodie(_ card: VCard, _ file: String) {
        #expect(card.displayName == "Élodie Dubois", "\(file)")
        #expect(card.name?.given == "Élodie", "\(file)")
        #expect(card.organization.map { $0.trimmingWhitespace() } == ["Société Générale de Test"], "\(file)")
        #expect(Self.contacts(card.emails) == ["elodie.dubois@sgt.example [\"internet\"]"], "\(file)")
        #expect(Self.contacts(card.phones) == ["+33 1 42 00 00 00 [\"work\"]"], "\(file)")
    }

    @Test(arguments: ["quirk-lf-only.vcf", "quirk-lone-cr.vcf", "quirk-utf8-bom-crlf.vcf", "quirk-utf16le-bom.vcf",
                      "quirk-utf16be-bom.vcf", "quirk-no-final-newline.vcf", "quirk-tab-folding.vcf", "quirk-nul-padding.vcf"])
    func lineEndsEncodingsAndFoldingReadTheSameCard(file: String) throws {
        let card = try Self.card(file)
        Self.expectÉlodie(card, file)
        #expect(card.warnings.isEmpty, "\(file): \(card.warnings)")
    }

    @Test func blankLinesBetweenCards() throws {
        let cards = try Self.cards("quirk-blank-lines-between-cards.vcf")
        #expect(cards.map(\.line) == [1, 11])
        #expect(cards.map(\.displayName) == ["Élodie Dubois", "Élodie Dubois-Martin"])
        #expect(cards.allSatisfy { $0.warnings.isEmpty })
    }

    @Test func lowerCaseNamesAndMarkers() throws {
        let card = try Self.card("quirk-lowercase-names.vcf")
        #expect(card.version == "3.0")
        #expect(card.formattedName == "Élodie Dubois")
        #expect(card.name == StructuredName(family: "dubois", given: "élodie"))
        #expect(card.emails.map(\.types) == [["internet", "work"]])
        #expect(card.phones.map(\.value) == ["+33 1 42 00 00 00"])
    }

    @Test func trailingSpacesAreTrimmedFromNamesAndAddresses() throws {
        let card = try Self.card("quirk-trailing-spaces.vcf")
        Self.expectÉlodie(card, "quirk-trailing-spaces.vcf")
        #expect(card.version == "3.0")
        #expect(card.warnings.map(\.line) == [1, 8])
    }

    @Test func missingFinalEndIsAnErrorNamingFileAndLineUnlessRecovering() throws {
        let file = "quirk-missing-final-end.vcf"
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let error = try #require(Read.memory(bytes, file: file).failure)
        #expect(error.kind == .truncated)
        #expect(error.line == 15)
        #expect(error.description.hasPrefix("\(file):15: the card that starts on line 9"))

        let cards = try Self.cards(file, options: .init(recoversTruncatedCards: true))
        #expect(cards.map(\.displayName) == ["Élodie Dubois", "Marc Petit"])
        #expect(cards[1].emails.map(\.value) == ["marc.petit@sgt.example"])
    }

    @Test func veryLongLineIsReadWhole() throws {
        let card = try Self.card("quirk-very-long-line.vcf")
        Self.expectÉlodie(card, "quirk-very-long-line.vcf")
        #expect(card.note?.utf8.count == 14 * 20_000)
    }

    @Test func nulAtTheEndOfANameIsNotShown() throws {
        let card = try Self.card("quirk-nul-in-value.vcf")
        #expect(card.displayName == "Élodie Dubois")
    }

    @Test func cardWithOnlyFNAndTEL() throws {
        let card = try Self.card("quirk-only-fn-and-tel.vcf")
        #expect(card.displayName == "Sam Porter")
        #expect(card.emails.isEmpty)
        #expect(card.phones.map(\.value) == ["+1 555 0142"])
        #expect(card.warnings.isEmpty)
    }

    @Test func cardWithOnlyEMAILIsNamedByItWithAWarning() throws {
        let card = try Self.card("quirk-only-email.vcf")
        #expect(card.displayName == "hiring@bridges.example")
        #expect(card.warnings.map(\.property) == ["FN"])
        #expect(card.warnings.first?.line == 1)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
