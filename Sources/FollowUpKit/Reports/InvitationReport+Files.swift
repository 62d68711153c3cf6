import Foundation
import InvitationReading

extension InvitationReport {
    /// Reads each file; the first that cannot be read stops the report, naming it.
    public static func read(_ paths: [String], fallbackZone: TimeZone? = nil) throws(FollowUpError) -> [Invitation] {
        var invitations: [Invitation] = []
        for path in paths {
            var invitation = try InvitationRequest.readInvitation(path, fallbackZone: fallbackZone)
            invitation.file = path
            invitations.append(invitation)
        }
        return invitations
    }
}
