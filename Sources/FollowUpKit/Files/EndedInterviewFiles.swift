import FollowUpPlanning
import FollowUpStore
import Foundation

extension CalendarFiles {
    /// The two files `plan` writes for a stored interview that has ended, written again so that
    /// a calendar which imported them drops what is no longer to do (`cancel --out DIR`): every
    /// follow-up `plan` gives the interview, with the ids `plan` gives it (an interview typed in
    /// is not yet the store's, so its one-off files name it by start, company and role), each
    /// `STATUS:CANCELLED` unless the stored one was done. Versioned against the files already in
    /// `directory`, each changed entry gets the next `SEQUENCE`, which an importing calendar
    /// takes over the entry it holds.
    public init(ended stored: StoredInterview, profile: Profile?, directory: URL, stamp: Date) throws(FollowUpError) {
        var interview = stored.interview
        interview.identity = nil
        // A moment before the interview, so the checklist `plan` wrote ahead of it is cancelled too.
        let planned = Planner(settings: stored.settings, profile: profile).plan(interview, now: interview.start.addingTimeInterval(-1))
        let reason = stored.outcome?.cancelReason ?? "ended"
        let followUps = planned.followUps.map { followUp in
            var ended = followUp
            let twin = stored.followUps.first { Self.sameStep($0, followUp) }
            if let twin, case .done = twin.status {
                ended.status = twin.status
            } else {
                ended.status = .cancelled(reason: reason)
            }
            return ended
        }
        try self.init(plan: Plan(interview: interview, followUps: followUps), directory: directory, stamp: stamp)
    }

    /// The same step for the same person: a check-in stays one, by call or by e-mail.
    static func sameStep(_ one: FollowUp, _ other: FollowUp) -> Bool {
        let checkIns: Set<FollowUp.Action> = [.checkInCall, .checkInEmail]
        let sameAction = one.action == other.action || (checkIns.contains(one.action) && checkIns.contains(other.action))
        return sameAction && one.address.lowercased() == other.address.lowercased()
    }
}
