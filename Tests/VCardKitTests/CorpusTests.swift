import Foundation
import Testing
@testable import VCardKit

/// Every file of the real-world corpus (`Corpus/`, see `Corpus` in TestSupport.swift) read as
/// its `.expected.json` says a good parser reads it.
struct CorpusTests {
    /// The one test that fails when the corpus is missing; the others then have nothing to read.
    @Test func corpusIsPresent() {
        let count = Corpus.files.count
        #expect(count >= 39, """
            expected the repository's vCard corpus (39 .vcf files with their .expected.json) in \
            \(Corpus.folder.path), found \(count) .vcf files there: the repository's test fixtures \
            are missing; restore Tests/VCardKitTests/Corpus/ from git
            """)
    }

    @Test(arguments: Corpus.files)
    func readsCardAsExpected(file: String) throws {
        let bytes = try Corpus.bytes(file)
        let expectedURL = Corpus.folder.appendingPathComponent(String(file.dropLast(4)) + ".expected.json")
        let expected = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any])
        let expectedCards = try #require(expected["cards"] as? [[String: Any]])

        if expected["malformed"] as? Bool == true {
            // A malformed file gives the described error, or cards with warnings: never a crash.
            do {
                let cards = try VCardParser().parse(bytes, file: file)
                #expect(cards.contains { !$0.warnings.isEmpty }, "\(file): a repaired file should carry warnings")
            } catch {
                #expect(expected["strict_import_should_fail"] as? Bool == true, "\(file): \(error)")
                if let lines = expected["problem_lines"] as? [Int] {
                    #expect(lines.contains(error.line), "\(file): error on line \(error.line), expected one of \(lines)")
                }
                #expect(error.description.hasPrefix(file))
            }
        }

        let cards = try VCardParser(options: .init(recoversTruncatedCards: true)).parse(bytes, file: file)
        try #require(cards.count == expectedCards.count, "\(file): \(cards.count) cards, expected \(expectedCards.count)")
        let encoded = try JSONSerialization.jsonObject(with: Data(VCardSummary.json(cards).utf8)) as! [[String: Any]]
        for (index, (actual, wanted)) in zip(encoded, expectedCards).enumerated() {
            let unreliable = Set(wanted["unreliable_fields"] as? [String] ?? [])
            for field in ["version", "fn", "n", "org", "title", "emails", "tels", "tz", "note", "notes"]
            where !unreliable.contains(field) {
                let got = normalised(actual[field], field: field)
                let want = normalised(wanted[field], field: field)
                #expect(got == want, "\(file) card \(index + 1) \(field)")
            }
        }
    }

    /// A comparable rendering: types lower-cased and sorted, nulls and absent keys alike.
    private func normalised(_ value: Any?, field: String) -> String {
        guard var value, !(value is NSNull) else { return "null" }
        if field == "emails" || field == "tels", let list = value as? [[String: Any]] {
            value = list.map { entry -> [String: Any] in
                var entry = entry
                // The corpus keeps values exact; our model trims addresses and numbers.
                entry["value"] = (entry["value"] as? String)?.trimmingCharacters(in: .whitespaces)
                entry["types"] = ((entry["types"] as? [String]) ?? []).map { $0.lowercased() }.sorted()
                return entry
            }
        }
        let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}
