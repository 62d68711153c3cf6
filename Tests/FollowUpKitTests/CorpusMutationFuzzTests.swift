import Foundation
import Testing
import FollowUpStore
import FollowUpTestSupport
import InvitationReading
import Spreadsheets
import VCardKit

/// Issue 25: the repository's own files (cards, invitations, spreadsheets, archives), mutated
/// by a seeded generator (bytes flipped, inserted, deleted, repeated, cut), through the readers
/// on every test run. Each mutation must get an answer, a value or the reader's own error,
/// never a trap. A few hundred mutations take seconds; a longer run, for a developer, sets
/// `FOLLOWUP_FUZZ_ITERATIONS` and `FOLLOWUP_FUZZ_SEED` (docs/development.md). A failure names
/// the seed and the iteration, which reproduce it alone.
@Suite(.timeLimit(.minutes(10)))
struct CorpusMutationFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["FOLLOWUP_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 400
    static let seed = environment["FOLLOWUP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 25

    /// Words the readers react to, which a mutation may insert or repeat.
    static let tokens: [[UInt8]] = [
        "\r\n", "\n", "\r\n ", ":", ";", ",", "=", "\"", "\\", "{", "}", "[", "]", "BEGIN:VEVENT\r\n", "END:VEVENT\r\n",
        "BEGIN:VCARD\r\n", "END:VCARD\r\n", "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\r\n", "DTSTART:16010101T000000\r\n",
        "TZID=Bomb", "--b\r\n", "Content-Transfer-Encoding: base64\r\n", "=C3=", "99999999999999999999", "-1e308", "\u{FEFF}", "é",
    ].map { Array($0.utf8) }

    enum Kind: CaseIterable { case card, invitation, spreadsheet, archive }

    struct Corpus {
        var files: [Kind: [(name: String, bytes: [UInt8])]] = [:]
    }

    static func corpus(archive: [UInt8]) throws -> Corpus {
        func load(_ folder: String, _ suffix: String) throws -> [(name: String, bytes: [UInt8])] {
            try Repository.files(in: folder, endingWith: suffix).map { ("\(folder)/\($0)", try Repository.bytes("\(folder)/\($0)")) }
        }
        var corpus = Corpus()
        corpus.files[.card] = try load("Tests/VCardKitTests/Corpus", ".vcf") + load("Tests/VCardKitTests/RealWorld", ".vcf")
        corpus.files[.invitation] = try load("Tests/InvitationReadingTests/Corpus/invites", ".ics")
            + load("Tests/InvitationReadingTests/Corpus/invites-eml", ".eml") + load(Issue25Attack.folder, ".ics")
        corpus.files[.spreadsheet] = try load(Issue25Attack.folder, ".csv")
            + [("interviews.csv", Array((JobSearchFixture.header + "Acme,Engineer,2026-11-03,14:00,America/Chicago,Dana Díaz,"
                                           + "dana@acme.example,+1 312 555 0100,CTO,2026-11-20,,email,\n").utf8))]
        corpus.files[.archive] = [("export.json", archive)] + (try load("Tests/VCardKitTests/Corpus", ".expected.json").prefix(5))
        return corpus
    }

    /// `bytes` changed one to four times.
    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where at < bytes.count:
                bytes[at] = UInt8.random(in: 0...255, using: &generator)
            case 1:
                bytes.insert(contentsOf: tokens.randomElement(using: &generator)!, at: at)
            case 2:
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &generator)))
            case 3:
                // A slice repeated: the repeated lines and parameters behind issue 25's slow reads.
                let slice = Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...200, using: &generator))])
                let times = Int.random(in: 1...200, using: &generator)
                bytes.insert(contentsOf: Array(repeating: slice, count: times).joined(), at: at)
            case 4:
                bytes.removeSubrange(at...)
            default:
                bytes.insert(contentsOf: tokens.randomElement(using: &generator)!, at: at)
            }
        }
        return Array(bytes.prefix(1 << 20))
    }

    @Test func mutatedCorpusFilesAreReadOrRefusedByEveryReader() throws {
        let fixture = try JobSearchFixture()
        let now = Date(timeIntervalSince1970: 1_793_491_200)
        _ = try fixture.importCSV(JobSearchFixture.header + "Acme,Engineer,2026-11-03,14:00,America/Chicago,Dana Díaz,dana@acme.example,,,,,,\n",
                                  now: now)
        let corpus = try Self.corpus(archive: Array(try fixture.search.exportJSON()))
        for kind in Kind.allCases { #expect(corpus.files[kind]?.isEmpty == false, "no \(kind) in the corpus") }
        let store = try InterviewStore(path: fixture.scratch.url("fuzz.sqlite"))

        var answered: [Kind: Int] = [:]
        for iteration in 0..<Self.iterations {
            var generator = SeededGenerator(seed: Self.seed &* 1_000_003 &+ UInt64(iteration))
            let kind = Kind.allCases[iteration % Kind.allCases.count]
            let (name, original) = corpus.files[kind]!.randomElement(using: &generator)!
            let bytes = Self.mutate(original, using: &generator)
            let label = "seed \(Self.seed) iteration \(iteration): \(name)"
            switch kind {
            case .card:
                do {
                    for card in try VCardParser().parse(bytes) { #expect(card.line >= 1, "\(label)") }
                } catch {
                    #expect(!error.description.isEmpty, "\(label)")
                }
            case .invitation:
                do {
                    let invitation = try InvitationReader.read(bytes, file: name)
                    for event in invitation.events { _ = try? event.upcomingOccurrence(notBefore: now) }
                } catch {
                    #expect(error.file.hasPrefix(name) && !error.reason.isEmpty, "\(label): \(error)")
                }
            case .spreadsheet:
                do {
                    _ = try InterviewSpreadsheet.interviews(csv: bytes, file: name)
                } catch {
                    #expect(!error.description.isEmpty, "\(label)")
                }
            case .archive:
                do {
                    _ = try store.importArchive(Data(bytes), settingKeys: [])
                } catch {
                    #expect(!error.description.isEmpty, "\(label)")
                }
            }
            answered[kind, default: 0] += 1
        }
        #expect(answered.values.reduce(0, +) == Self.iterations)
    }
}
