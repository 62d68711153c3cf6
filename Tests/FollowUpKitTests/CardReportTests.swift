import Foundation
import Testing
import FollowUpTestSupport
import VCardKit
@testable import FollowUpKit

/// `followup card`'s report as it is written: in blocks while a file is read, each file's
/// cards only once the file has been read whole.
struct CardReportTests {
    /// Enough cards (with escapes, non-ASCII text and control characters) for a report of many
    /// blocks, so that block boundaries fall inside cards and inside strings.
    static func cardFile(cards: Int, firstName: String) -> String {
        var text = ""
        for index in 0..<cards {
            text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\(firstName) Nuñez-\(index)\r\n"
            text += "N:Nuñez-\(index);\(firstName);;;\r\nORG:Acme\\; Söhne;Unit \(index % 7)\r\n"
            text += "item1.EMAIL;TYPE=INTERNET,WORK:\(firstName.lowercased()).\(index)@example.com\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
            text += "TEL;TYPE=CELL:+1 312 555 \(1000 + index % 9000)\r\nADR;TYPE=WORK:;;1 Main St;Chicago;IL;60601;USA\r\n"
            text += "NOTE:tab\tquote \" backslash \\\\ line\\nbreak 東京\r\nEND:VCARD\r\n"
        }
        return text
    }

    /// Writes the report of `files` into a file and returns its bytes and the failures.
    func report(_ files: [String], format: CardReport.Format, in folder: ScratchFolder) throws -> (bytes: [UInt8], failures: [FollowUpError]) {
        let path = folder.url("report-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let failures = try CardReport.write(files: files, format: format, to: OutputFile(descriptor: handle.fileDescriptor, name: path)) { _ in }
        try handle.close()
        return (try Array(Data(contentsOf: URL(fileURLWithPath: path))), failures)
    }

    @Test(arguments: [CardReport.Format.json, .text])
    func aReportOfManyBlocksIsTheSameAsOneWrittenWhole(format: CardReport.Format) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let first = try folder.file("first.vcf", Self.cardFile(cards: 700, firstName: "Ana").utf8)
        let second = try folder.file("second.vcf", Self.cardFile(cards: 500, firstName: "Bo").utf8)
        // A file that fails after more than a block of its report: none of it may show.
        let broken = try folder.file("broken.vcf", (Self.cardFile(cards: 400, firstName: "Cy") + "BEGIN:VCARD\r\nFN:Cut").utf8)

        let (bytes, failures) = try report([first, broken, second], format: format, in: folder)
        #expect(failures.count == 1)
        let cards = try InterviewInput.loadCards(from: [first, second])
        #expect(cards.count == 1200)
        let expected: [UInt8]
        switch format {
        case .json:
            #expect(Array(try VCardSummary.json(cards.map(\.card)).utf8).count > 8 * CardReport.blockSize, "many blocks")
            expected = Array(try VCardSummary.json(cards.map(\.card)).utf8) + [UInt8(ascii: "\n")]
        case .text:
            expected = Array(CardReport.text(cards).utf8) + [UInt8(ascii: "\n")]
        }
        #expect(bytes.count == expected.count)
        #expect(bytes == expected)
    }

    @Test func aReportTakenWholeJoinsItsBlocks() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let file = try folder.file("cards.vcf", Self.cardFile(cards: 300, firstName: "Di").utf8)
        let cards = try InterviewInput.loadCards(from: [file])
        var report = CardReport(format: .json)
        for card in cards { report.append(card) }
        report.finish()
        #expect(report.takeBytes() == Array(try VCardSummary.json(cards.map(\.card)).utf8) + [UInt8(ascii: "\n")])
    }
}
