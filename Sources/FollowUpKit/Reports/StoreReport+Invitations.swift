import FollowUpPlanning
import FollowUpStore
import Foundation

extension StoreReport {
    /// What `add --invite` did with each event of the invitation, one paragraph each.
    public static func invitationOutcomes(_ outcomes: [InvitationOutcome]) -> String {
        outcomes.map { outcome in
            let stored = outcome.interview
            let revision = stored.invitation.map { " (\($0))" } ?? ""
            switch outcome {
            case .added:
                return "stored interview \(stored.id)\n" + list([stored])
            case .updated(_, let previous):
                return "updated interview \(stored.id) from a newer copy of the invitation\(revision), replacing \(previous)\n"
                    + list([stored])
            case .cancelled:
                return "interview \(stored.id) was cancelled by the organizer; its open follow-ups are cancelled"
            case .unchanged(_, .sameRevision):
                return "interview \(stored.id) already follows this copy of the invitation\(revision): nothing changed"
            case .unchanged(_, .olderRevision):
                return "this is an older copy of the invitation than the one interview \(stored.id) follows\(revision): nothing changed"
            case .unchanged(_, .ended):
                let how = stored.outcome.map { " (\($0.cancelReason))" } ?? ""
                return "interview \(stored.id) has ended\(how): nothing changed"
            }
        }.joined(separator: "\n\n")
    }
}
