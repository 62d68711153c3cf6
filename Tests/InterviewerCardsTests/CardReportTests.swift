import Foundation
import Synchronization
import Testing
import FollowUpTestSupport
import VCardKit
@testable import InterviewerCards

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
    func report(_ files: [String], format: CardReport.Format, in folder: ScratchFolder) throws -> (bytes: [UInt8], failures: [CardFileError]) {
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
        let cards = try CardFile.cards(in: [first, second])
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

    /// Writes the report of `files` on `threads` threads, files cut into pieces of at least
    /// `pieceBytes`; returns the bytes, the failures and the warnings told.
    func report(_ files: [String], format: CardReport.Format, threads: Int, pieceBytes: Int,
                in folder: ScratchFolder) throws -> (bytes: [UInt8], failures: [String], warnings: [String]) {
        let path = folder.url("report-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        var warnings: [String] = []
        let failures = try CardReport.write(files: files, format: format, to: OutputFile(descriptor: handle.fileDescriptor, name: path),
                                            threads: threads, limits: .init(minimumPieceBytes: pieceBytes)) { warnings += $0 }
        try handle.close()
        return (try Array(Data(contentsOf: URL(fileURLWithPath: path))), failures.map(\.description), warnings)
    }

    /// Large files are read in pieces on several threads: the report, the warnings and the
    /// failures are those of reading them in order, whatever the files hold where they are cut.
    @Test(arguments: [CardReport.Format.json, .text])
    func aReportReadInPiecesIsTheSameAsOneReadInOrder(format: CardReport.Format) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        // Cards with warnings (no VERSION, no FN, text outside a card) and LF line ends.
        var warned = ""
        for index in 0..<300 {
            warned += index % 3 == 0 ? "BEGIN:VCARD\nN:Vogel;Eli \(index);;;\nEMAIL:eli\(index)@example.com\nEND:VCARD\n"
                                     : "BEGIN:VCARD\nVERSION:3.0\nFN:Eli \(index)\nEND:VCARD\nstray \(index)\n"
        }
        // A vCard 2.1 AGENT whose embedded cards hold END:VCARD and BEGIN:VCARD lines one
        // after the other: a cut there would fall inside the outer card.
        var agents = ""
        for index in 0..<200 {
            agents += "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Outer \(index)\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\n"
                + "END:VCARD\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\nEMAIL:outer\(index)@example.com\r\nEND:VCARD\r\n"
        }
        let files = [
            try folder.file("first.vcf", Self.cardFile(cards: 700, firstName: "Ana").utf8),
            try folder.file("broken.vcf", (Self.cardFile(cards: 400, firstName: "Cy") + "BEGIN:VCARD\r\nFN:Cut").utf8),
            try folder.file("warned.vcf", warned.utf8),
            try folder.file("agents.vcf", agents.utf8),
            try folder.file("second.vcf", Self.cardFile(cards: 500, firstName: "Bo").utf8),
        ]
        let inOrder = try report(files, format: format, threads: 1, pieceBytes: 256, in: folder)
        #expect(inOrder.failures.count == 1)
        #expect(inOrder.warnings.count > 300)
        for threads in [2, 3, 8] {
            let inPieces = try report(files, format: format, threads: threads, pieceBytes: 256, in: folder)
            #expect(inPieces.bytes == inOrder.bytes, "\(threads) threads")
            #expect(inPieces.warnings == inOrder.warnings, "\(threads) threads")
            #expect(inPieces.failures == inOrder.failures, "\(threads) threads")
        }
        // Into a pipe, which cannot be cut back, each file's pieces are held until it is read.
        let pipe = Pipe()
        let output = OutputFile(descriptor: pipe.fileHandleForWriting.fileDescriptor, name: "pipe")
        #expect(!output.isRewindable)
        let received = Mutex(Data())
        let drained = DispatchSemaphore(value: 0)
        let reading = pipe.fileHandleForReading
        DispatchQueue.global().async {
            let data = reading.readDataToEndOfFile()
            received.withLock { $0 = data }
            drained.signal()
        }
        let failures = try CardReport.write(files: files, format: format, to: output, threads: 3,
                                            limits: .init(minimumPieceBytes: 256)) { _ in }
        try pipe.fileHandleForWriting.close()
        drained.wait()
        #expect(failures.map(\.description) == inOrder.failures)
        #expect(Array(received.withLock { $0 }) == inOrder.bytes)
    }

    @Test func aReportTakenWholeJoinsItsBlocks() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let file = try folder.file("cards.vcf", Self.cardFile(cards: 300, firstName: "Di").utf8)
        let cards = try CardFile.cards(in: [file])
        var report = CardReport(format: .json)
        for card in cards { report.append(card) }
        report.finish()
        #expect(report.takeBytes() == Array(try VCardSummary.json(cards.map(\.card)).utf8) + [UInt8(ascii: "\n")])
    }
}
