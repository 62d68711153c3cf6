import ArgumentParser
import FollowupKit
import Foundation
import VCardKit

struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Show what followup reads from business cards, to check a scan before planning."
    )

    @Argument(help: ArgumentHelp("vCard files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Print one JSON array of cards instead of text.")
    var json = false

    func run() throws {
        let cards = try InterviewInput.loadCards(from: files)
        Terminal.warn(cards.flatMap(\.warningLines))
        if json {
            print(try VCardSummary.json(cards.map(\.card)))
        } else {
            print(CardReport.text(cards))
        }
    }
}
