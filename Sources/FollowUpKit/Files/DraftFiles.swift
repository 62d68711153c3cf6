import FollowUpPlanning
import FollowUpStore
import Foundation
import MailExport

/// The `.eml` drafts of a plan's e-mails, one file per thank-you or check-in e-mail, ready to
/// open in a mail program and send (`followup plan --drafts DIR`).
public struct DraftFiles: Sendable {
    public struct File: Sendable {
        public var url: URL
        public var followUp: FollowUp
        public var message: MailMessage
    }

    public var files: [File]

    /// `date` is the messages' `Date` (the moment the plan is made, so the same plan gives the
    /// same bytes). Files are named after the interview and the person:
    /// `2026-12-01-acme-backend-engineer.thank-you-dana-diaz.eml`.
    public init(plan: Plan, profile: Profile?, directory: URL, date: Date) {
        var used = Set<String>()
        files = plan.followUps.compactMap { followUp in
            guard let message = MailMessage(draft: followUp, profile: profile, date: date, timeZone: plan.interview.timeZone) else { return nil }
            var name = "\(plan.interview.slug).\(MailMessage.fileName(for: followUp))"
            // Two interviewers of one name still get a file each.
            if !used.insert(name).inserted {
                name = name.replacingOccurrences(of: ".eml", with: "-\(followUp.id.prefix(6)).eml")
                used.insert(name)
            }
            return File(url: directory.appendingPathComponent(name), followUp: followUp, message: message)
        }
    }

    /// Writes every file, creating the folder if needed: all are written and synced before any
    /// is renamed into place, so a failure leaves no half-written draft.
    public func write() throws(FollowUpError) {
        guard let first = files.first else { return }
        try FileOutput.createFolder(first.url.deletingLastPathComponent())
        try FileOutput.replace(files.map { ($0.message.rendered, $0.url) })
    }
}

extension DraftFiles {
    /// The drafts of a stored interview's e-mails still to send (`add --drafts DIR`): done and
    /// cancelled follow-ups need none.
    public init(stored: StoredInterview, profile: Profile?, directory: URL, date: Date) {
        let open = stored.followUps.filter { $0.status == .planned }
        self.init(plan: Plan(interview: stored.interview, followUps: open), profile: profile, directory: directory, date: date)
    }

    /// Writes one message to `url` atomically, creating its folder if needed.
    public static func write(_ message: MailMessage, to url: URL) throws(FollowUpError) {
        try FileOutput.createFolder(url.deletingLastPathComponent())
        try FileOutput.replace([(message.rendered, url)])
    }
}
