import ArgumentParser
import FollowUpKit
import Foundation
import InterviewerCards

struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Show what followup reads from business cards, to check a scan before planning."
    )

    @Argument(help: ArgumentHelp("vCard files.", valueName: "file"))
    var files: [String]

    @Flag(help: "Print one JSON array of cards instead of text.")
    var json = false

    /// Every file is read, even after one fails: a user checking a folder of scans wants to
    /// see all that can be read and every file that cannot, then a failing exit status.
    func run() throws {
        let failures: [CardFileError]
        do {
            failures = try CardReport.write(files: files, format: json ? .json : .text, to: .standardOutput) { warnings in
                Terminal.warn(warnings)
            }
        } catch {
            throw FollowUpError(error)
        }
        Terminal.warn(failures.map { "error: \($0)" })
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
