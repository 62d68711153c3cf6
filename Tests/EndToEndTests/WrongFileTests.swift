import Foundation
import FollowUpTestSupport
import Testing

/// A file of the wrong kind is called what it is (issue 24): a photo given to `import`,
/// `--holidays` or `invite`, a card given to `invite`, a file that is not there.
struct WrongFileTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8)
    static let card = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Diaz\r\nEND:VCARD\r\n".utf8)

    @Test func importOfAMissingFileSaysItDoesNotExist() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let result = try FollowUpBinary.run(["import", "nosuch.csv", "--store", folder.url("s.sqlite").path], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot import 'nosuch.csv': the file does not exist; nothing was imported"), "\(result.stderr)")
    }

    @Test func aPhotoGivenToImportHolidaysOrInviteIsCalledAJPEG() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let photo = try folder.file("scan.jpg", Self.jpeg)
        let store = folder.url("s.sqlite").path
        let imported = try FollowUpBinary.run(["import", photo, "--store", store])
        #expect(imported.stderr.contains("it is a JPEG image, not a CSV or JSON file"), "\(imported.stderr)")
        let invite = try FollowUpBinary.run(["invite", photo])
        #expect(invite.stderr.contains("it is a JPEG image, not an invitation"), "\(invite.stderr)")
        let holidays = try FollowUpBinary.run(["plan", "--dry-run", "--card", Repository.url("Samples/cards/dana-diaz.vcf").path,
                                               "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--holidays", photo])
        #expect(holidays.stderr.contains("it is a JPEG image, not an iCalendar file"), "\(holidays.stderr)")
        for result in [imported, invite, holidays] { #expect(result.status == 1) }
    }

    @Test func aCardGivenToInviteIsCalledAVCard() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let result = try FollowUpBinary.run(["invite", try folder.file("dana.vcf", Self.card)])
        #expect(result.status == 1)
        #expect(result.stderr.contains("it is a vCard file, not an invitation"), "\(result.stderr)")
    }
}
