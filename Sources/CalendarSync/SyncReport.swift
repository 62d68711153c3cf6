import Foundation
import Synchronization

/// What one `followup sync` did, or with `--dry-run` would do, on one account.
public struct SyncReport: Sendable {
    public var account: String
    public var dryRun: Bool
    public var created = 0
    public var updated = 0
    public var deleted = 0
    public var unchanged = 0
    public var contactsWritten = 0
    public var contactsDeleted = 0
    public var completedOnServer = 0
    public var dismissed = 0
    public var moved = 0
    /// One line for each change read from the server, and for each server change that a local one overrode.
    public var lines: [String] = []

    public init(account: String, dryRun: Bool) {
        self.account = account
        self.dryRun = dryRun
    }

    public var summary: String {
        let verb = dryRun ? "would push" : "pushed"
        return "remote '\(account)': \(verb) \(created) new, \(updated) changed, \(deleted) deleted calendar object\(deleted == 1 ? "" : "s")"
            + " (\(unchanged) unchanged), \(contactsWritten) contact\(contactsWritten == 1 ? "" : "s") written, \(contactsDeleted) removed;"
            + " from the server: \(completedOnServer) done, \(dismissed) dismissed, \(moved) moved"
    }
}

/// The report, written to from concurrent requests.
final class ReportLog: Sendable {
    private let report: Mutex<SyncReport>

    init(_ report: SyncReport) { self.report = Mutex(report) }

    func update(_ change: (inout SyncReport) -> Void) {
        report.withLock { change(&$0) }
    }

    var value: SyncReport {
        report.withLock { $0 }
    }
}
