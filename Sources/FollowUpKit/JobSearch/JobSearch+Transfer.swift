import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import Spreadsheets

/// `followup import` and `followup export`: a spreadsheet's interviews in, the whole store
/// out and back.
extension JobSearch {
    /// What a file to import holds, by its name: `.json` is an export of a store, anything
    /// else a spreadsheet's CSV.
    public enum ImportFormat: Sendable {
        case csv, json

        public init(path: String) {
            self = path.lowercased().hasSuffix(".json") ? .json : .csv
        }
    }

    /// Imports a CSV file of interviews or a JSON export, in one transaction with one feed
    /// regeneration. Every row is checked first: a wrong one stops the import before anything
    /// is stored. Interviews already stored are skipped, so importing twice adds nothing twice.
    public func importFile(_ path: String, format: ImportFormat? = nil, now: Date) throws(FollowUpError) -> ImportSummary {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .importFile(path, reason: "the file does not exist")
        }
        if isFolder.boolValue { throw .importFile(path, reason: "it is a folder, not a CSV or JSON file") }
        if let kind = FileKind.describe(fileAt: path) { throw .importFile(path, reason: "it is \(kind), not a CSV or JSON file") }
        let chosen = format ?? ImportFormat(path: path)
        let limit = chosen == .csv ? InputLimits.spreadsheetFileBytes : InputLimits.archiveFileBytes
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, atMost: limit)
        } catch .tooLarge(let size, let limit) {
            throw .importFile(path, reason: BoundedFile.Failure.tooLarge(size: size, limit: limit)
                .reason(for: chosen == .csv ? "a spreadsheet" : "an archive"))
        } catch {
            // The system's words for why the file cannot be read, as before.
            do {
                _ = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .importFile(path, reason: AtomicFile.systemReason(error))
            }
            throw .importFile(path, reason: error.reason(for: "a file to import"))
        }
        switch chosen {
        case .csv:
            let interviews: [NewInterview]
            do { interviews = try InterviewSpreadsheet.interviews(csv: bytes, file: path) } catch { throw FollowUpError(error) }
            return try change(now: now) { hook in try store.add(interviews, now: now, afterChange: hook) }
        case .json:
            do {
                return try change(now: now) { hook in
                    try store.importArchive(Data(bytes), settingKeys: Self.portableSettingKeys, afterChange: hook)
                }
            } catch .store(.badArchive(let reason)) {
                throw .importFile(path, reason: reason)
            }
        }
    }

    /// The whole store as versioned JSON (docs/import-export.md).
    public func exportJSON() throws(FollowUpError) -> Data {
        do {
            return try store.exportArchive(settingKeys: Self.portableSettingKeys)
        } catch {
            throw Self.wrap(error)
        }
    }

    /// The export, JSON or CSV, as bytes to print or to save with `saveExport`.
    public func export(json: Bool) throws(FollowUpError) -> Data {
        json ? try exportJSON() : Data(try exportCSV().utf8)
    }

    /// Writes an export to a file atomically: the old file stays whole until the new one is.
    public static func saveExport(_ data: Data, to url: URL) throws(FollowUpError) {
        try FileOutput.createFolder(url.deletingLastPathComponent())
        try FileOutput.replace([(String(decoding: data, as: UTF8.self), url)])
    }

    /// Every interview as CSV, in the columns `import` reads.
    public func exportCSV() throws(FollowUpError) -> String {
        InterviewSpreadsheet.csv(try interviews(includingEnded: true))
    }
}
