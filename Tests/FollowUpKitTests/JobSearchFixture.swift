import Foundation
import FollowUpTestSupport
@testable import FollowUpKit

/// A job search in a scratch folder, with its feed folder, for one test.
struct JobSearchFixture {
    let scratch: ScratchFolder
    let search: JobSearch
    var feed: URL { scratch.url("feed") }

    init() throws {
        scratch = try ScratchFolder()
        search = try JobSearch(storePath: scratch.url("store.sqlite").path)
    }

    /// A second, empty store beside the first.
    func otherStore(_ name: String = "other.sqlite") throws -> JobSearch {
        try JobSearch(storePath: scratch.url(name).path)
    }

    /// Writes `text` as a CSV file and imports it.
    @discardableResult
    func importCSV(_ text: String, name: String = "interviews.csv", now: Date) throws -> (path: String, summary: ImportSummaryText) {
        let path = try scratch.file(name, Array(text.utf8))
        let summary = try search.importFile(path, now: now)
        return (path, ImportSummaryText(added: summary.added.count, skipped: summary.alreadyStored.count))
    }

    /// Both feed files of `folder`, byte for byte.
    static func files(_ folder: URL) throws -> [Data] {
        try [JobSearch.feedFileNames.events, JobSearch.feedFileNames.tasks].map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    static let header = "company,role,date,time,timezone,name,email,phone,title,decision_by,follow_up_on,prefer,outcome\n"
}

struct ImportSummaryText: Equatable {
    var added: Int
    var skipped: Int
}
