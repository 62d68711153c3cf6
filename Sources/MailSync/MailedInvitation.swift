import FollowUpStore
import FollowUpSupport
import Foundation
import InvitationReading

/// A message of the inbox that carries an invitation (METHOD REQUEST or CANCEL, or a bare
/// `.ics` attachment), read by the same reader as `add --invite`.
struct MailedInvitation {
    var message: [UInt8]
    /// How messages name it: `ACCOUNT:FOLDER/UID`.
    var name: String
    var headers: MessageHeaders

    /// An update or cancellation of a stored interview is followed at once; a new invitation
    /// waits in the inbox (not every meeting is an interview); a cancellation of one waiting
    /// takes it off the list. One that cannot be read is named and skipped: one bad message
    /// does not stop the sync.
    /// A new invitation goes into `findings`, stored with the folder's mark.
    func handle(sync: MailSync, findings: inout InterviewStore.MailFindings) throws -> [String] {
        let invitation: Invitation
        do {
            invitation = try InvitationReader.read(message, file: name)
        } catch {
            return ["warning: \(error.description); the message was skipped"]
        }
        let events = invitation.events.filter { $0.uid != nil }
        guard let first = events.first, let eventUID = first.uid else { return [] }
        let store = sync.store
        let isStored = try events.contains { event in try store.interview(invitationUID: event.uid ?? "") != nil }
        let id = Self.inboxID(account: sync.account.name, eventUID: eventUID)
        if isStored {
            guard !sync.dryRun else { return ["\(name): would follow the update of \(first.summary ?? eventUID)"] }
            do {
                return try sync.followUpdate(message, name)
            } catch {
                // One copy that cannot be followed does not stop the sync: it waits in the inbox,
                // where adding it with what it lacks follows it.
                findings.invitations.append(inboxEntry(id: id, first: first, eventUID: eventUID, account: sync.account.name))
                return ["warning: \(error); it waits in the inbox as \(id)"]
            }
        }
        if invitation.isCancellation || first.isCancelled {
            if !sync.dryRun { try store.markInboxInvitationAdded(id) }
            return []
        }
        let entry = inboxEntry(id: id, first: first, eventUID: eventUID, account: sync.account.name)
        findings.invitations.append(entry)
        return ["invitation in the inbox: \(id)  \(entry.summary)"]
    }

    private func inboxEntry(id: String, first: InvitationEvent, eventUID: String, account: String) -> InboxInvitation {
        var start: Date?
        if case .instant(let date, _) = first.start { start = date }
        return InboxInvitation(id: id, remote: account, messageID: headers.messageID, eventUID: eventUID,
                               summary: first.summary ?? headers.subject ?? "(no title)", start: start,
                               organizer: first.organizer.flatMap { $0.name ?? $0.email } ?? headers.from.first?.address,
                               sentAt: headers.date, message: message)
    }

    /// A short id, the same for every copy of one event's invitation in one account, so a
    /// reschedule of an invitation not yet added replaces the copy listed.
    static func inboxID(account: String, eventUID: String) -> String {
        var hash = FNV1a()
        hash.add(account.utf8)
        hash.add(0)
        hash.add(eventUID.utf8)
        let text = String(hash.value & 0xFF_FFFF, radix: 16)
        return String(repeating: "0", count: 6 - text.count) + text
    }
}
