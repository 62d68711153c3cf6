import Foundation
import Testing

/// `followup card` shows what was read, as text or as JSON.
struct CardCommandTests {
    @Test func jsonListsEveryCardWithDecodedValues() throws {
        let result = try FollowUpBinary.run(["card", "--json", FollowUpBinary.sample("dana-diaz.vcf"), FollowUpBinary.sample("priya-raman.vcf")])
        #expect(result.status == 0, "\(result.stderr)")
        let cards = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(cards.count == 2)
        #expect(cards[0]["fn"] as? String == "Dana Díaz")
        #expect(cards[0]["tz"] is NSNull)
        #expect(cards[1]["tz"] as? String == "America/New_York")
        let emails = try #require(cards[0]["emails"] as? [[String: Any]])
        #expect(emails.first?["value"] as? String == "dana.diaz@acme.example")
    }

    @Test func textNamesTheAddressThatWillBeUsed() throws {
        let result = try FollowUpBinary.run(["card", FollowUpBinary.sample("lee-chen.vcf")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("lee.chen@acme.example [internet, pref] (used for e-mail)"))
    }

    @Test func truncatedCardIsAnErrorWithFileAndLine() throws {
        let directory = try FollowUpBinary.temporaryDirectory()
        let file = directory.appendingPathComponent("cut.vcf")
        try Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nEMAIL:da".utf8).write(to: file)
        let result = try FollowUpBinary.run(["card", file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(file.path):4:"))
    }

    @Test func unreadableFileDoesNotHideTheOthers() throws {
        let directory = try FollowUpBinary.temporaryDirectory()
        let cut = directory.appendingPathComponent("cut.vcf")
        try Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\n".utf8).write(to: cut)
        let result = try FollowUpBinary.run(["card", cut.path, FollowUpBinary.sample("lee-chen.vcf")])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Lee Chen"))
        #expect(result.stderr.contains("\(cut.path):3:"))
    }

    @Test func aFileThatFailsPartWayAddsNoneOfItsCardsToTheJSON() throws {
        let directory = try FollowUpBinary.temporaryDirectory()
        let cut = directory.appendingPathComponent("cut.vcf")
        try Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole Card\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\n".utf8).write(to: cut)
        let result = try FollowUpBinary.run(["card", "--json", FollowUpBinary.sample("lee-chen.vcf"), cut.path,
                                             FollowUpBinary.sample("priya-raman.vcf")])
        #expect(result.status == 1)
        let cards = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(cards.compactMap { $0["fn"] as? String } == ["Lee Chen", "Priya Raman"])
        #expect(result.stderr.contains("\(cut.path):"))
    }

    @Test func noReadableCardIsAnEmptyJSONArray() throws {
        let directory = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["card", "--json", directory.appendingPathComponent("missing.vcf").path])
        #expect(result.status == 1)
        let cards = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [Any])
        #expect(cards.isEmpty)
    }

    @Test func textReportsOfSeveralFilesAreSeparatedByABlankLine() throws {
        let result = try FollowUpBinary.run(["card", FollowUpBinary.sample("dana-diaz.vcf"), FollowUpBinary.sample("lee-chen.vcf")])
        #expect(result.status == 0)
        let blocks = result.stdout.components(separatedBy: "\n\n")
        #expect(blocks.count == 2)
        #expect(blocks[0].contains("Dana Díaz") && blocks[1].contains("Lee Chen"))
        // One line break ends the report, as print ended it.
        #expect(result.stdout.hasSuffix("\n") && !result.stdout.hasSuffix("\n\n"))
    }
}
