import FollowUpStore
import Foundation

/// The invitations found in the mailbox as a person reads them, and as JSON for scripts.
public enum InboxReport {
    /// One line each: id, start in `zone`, summary, organizer.
    public static func text(_ invitations: [InboxInvitation], in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE d MMM yyyy HH:mm"
        return invitations.map { invitation in
            let start = invitation.start.map { formatter.string(from: $0) } ?? "(no start)"
            let organizer = invitation.organizer.map { "  from \($0)" } ?? ""
            return "\(invitation.id)  \(start)  \(invitation.summary)\(organizer)"
        }.joined(separator: "\n")
    }

    public static func json(_ invitations: [InboxInvitation]) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let objects: [[String: Any]] = invitations.map { invitation in
            var object: [String: Any] = ["id": invitation.id, "summary": invitation.summary, "account": invitation.remote]
            object["start"] = invitation.start.map { formatter.string(from: $0) } ?? NSNull()
            object["organizer"] = invitation.organizer ?? NSNull()
            object["received"] = invitation.sentAt.map { formatter.string(from: $0) } ?? NSNull()
            return object
        }
        guard let data = try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
