import Foundation
import Testing
import FollowUpTestSupport

/// Issue 25: a 200 MB .ics took 22.7 s and 2.8 GB, a 1 GB CSV field 3.2 GB. Every file read
/// whole is refused past its bound (docs/limits.md) from its size, before a byte is read: the
/// files here are sparse, so a gigabyte costs no disk and is never read.
@Suite(.serialized)
struct InputSizeLimitTests {
    private func sparseFile(_ name: String, bytes: Int, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("BEGIN:".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(bytes))
        try handle.close()
        return path
    }

    @Test func inviteRefusesAnInvitationOneByteOver64MiBNamingTheFileAndTheBound() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        for name in ["big.ics", "big.eml"] {
            let file = try sparseFile(name, bytes: (64 << 20) + 1, in: folder)
            let result = try FollowUpBinary.run(["invite", file])
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("\(file): it holds 64.0 MiB, more than the 64 MiB an invitation may take"), "\(result.stderr)")
        }
        let huge = try sparseFile("huge.ics", bytes: 1 << 30, in: folder)
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--invite", huge, "--me", "me@example.org", "--tz", "UTC"])
        #expect(result.status == 1 && result.stderr.contains("it holds 1024 MiB, more than the 64 MiB"), "\(result.stderr)")
    }

    @Test func importRefusesASpreadsheetOver64MiBAndAnArchiveOver256MiB() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let store = folder.appendingPathComponent("store.sqlite").path
        let csv = try sparseFile("big.csv", bytes: (64 << 20) + 1, in: folder)
        let refusedCSV = try FollowUpBinary.run(["import", "--store", store, csv])
        #expect(refusedCSV.status == 1)
        #expect(refusedCSV.stderr.contains("it holds 64.0 MiB, more than the 64 MiB a spreadsheet may take"), "\(refusedCSV.stderr)")
        let json = try sparseFile("big.json", bytes: (256 << 20) + 1, in: folder)
        let refusedJSON = try FollowUpBinary.run(["import", "--store", store, json])
        #expect(refusedJSON.status == 1)
        #expect(refusedJSON.stderr.contains("it holds 256.0 MiB, more than the 256 MiB an archive may take"), "\(refusedJSON.stderr)")
    }

    @Test func planRefusesAHolidaysFileOver16MiB() throws {
        let folder = try FollowUpBinary.temporaryDirectory()
        let holidays = try sparseFile("holidays.ics", bytes: (16 << 20) + 1, in: folder)
        let card = Repository.url("Samples/cards/dana-diaz.vcf").path
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", card, "--at", "2026-12-01 14:00", "--tz", "America/Chicago",
                                             "--holidays", holidays])
        #expect(result.status == 1)
        #expect(result.stderr.contains("it holds 16.0 MiB, more than the 16 MiB a holidays file may take"), "\(result.stderr)")
    }
}
