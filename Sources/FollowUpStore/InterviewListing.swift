import FollowUpPlanning
import Foundation

/// The stored interviews as `followup list --json` gives them to scripts: each interview with
/// its people and follow-ups, ids as the user types them, instants in ISO 8601.
public enum InterviewListing {
    private struct InterviewJSON: Encodable {
        var id: String
        var start: String
        var timeZone: String
        var company: String?
        var role: String?
        var state: String
        var outcome: String?
        var interviewers: [String]
        var followUps: [FollowUpJSON]
    }

    private struct FollowUpJSON: Encodable {
        var id: String
        var action: String
        var to: String?
        var address: String
        var due: String
        var start: String?
        var status: String
        var summary: String
        var rule: Int
    }

    public static func json(_ interviews: [StoredInterview]) throws -> String {
        let iso = ISO8601DateFormatter()
        let entries = interviews.map { stored in
            InterviewJSON(
                id: stored.id, start: iso.string(from: stored.interview.start), timeZone: stored.interview.timeZone.identifier,
                company: stored.interview.companyName, role: stored.interview.role, state: stored.isOpen ? "open" : "ended",
                outcome: stored.outcome?.rawValue, interviewers: stored.interview.interviewers.map(\.name),
                followUps: stored.followUps.map { followUp in
                    var start: String?
                    if case .slot(let date, _, _) = followUp.timing { start = iso.string(from: date) }
                    let status: String
                    switch followUp.status {
                    case .planned: status = "planned"
                    case .done: status = "done"
                    case .cancelled: status = "cancelled"
                    }
                    return FollowUpJSON(id: String(followUp.id.prefix(InterviewStore.shownIDLength)), action: followUp.action.rawValue,
                                        to: followUp.interviewer?.name, address: followUp.address, due: followUp.timing.day.description, start: start,
                                        status: status, summary: followUp.summary, rule: followUp.rule)
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
