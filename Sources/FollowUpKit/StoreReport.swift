import FollowUpPlanning
import FollowUpStore
import Foundation

/// Stored interviews and the agenda as a person reads them, and as JSON for scripts.
public enum StoreReport {
    /// The id a user types for a follow-up: the first 8 characters of its stable id.
    public static func shortID(_ followUp: FollowUp) -> String { String(followUp.id.prefix(8)) }

    public static func list(_ interviews: [StoredInterview]) -> String {
        guard !interviews.isEmpty else { return "no interviews stored yet: 'followup add' stores one" }
        return interviews.map { stored in
            let interview = stored.interview
            let title = [interview.companyName, interview.role].compactMap { $0 }.joined(separator: ", ")
            let state = stored.outcome.map { " [ended: \($0.rawValue)]" } ?? ""
            var lines = ["\(stored.id)  \(Planner.describe(interview.start, in: interview.timeZone))  \(title.isEmpty ? "interview" : title)\(state)"]
            lines.append("        with " + interview.interviewers.map(\.name).joined(separator: ", "))
            for followUp in stored.followUps {
                lines.append("  \(shortID(followUp))  \(mark(followUp.status))  \(PlanReport.when(followUp.timing, interview.timeZone))  \(followUp.summary)")
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    public static func agenda(_ agenda: Agenda) -> String {
        if agenda.isEmpty { return "nothing due in the coming days" }
        var sections: [String] = []
        for (title, items) in [("Overdue", agenda.overdue), ("Today", agenda.dueToday), ("Next days", agenda.upcoming)] where !items.isEmpty {
            let lines = items.map { item in
                "  \(shortID(item.followUp))  \(PlanReport.line(item.followUp, home: item.followUp.timing.zone ?? .current))"
            }
            sections.append("\(title):\n" + lines.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    private static func mark(_ status: FollowUp.Status) -> String {
        switch status {
        case .planned: return "[ ]"
        case .done: return "[x]"
        case .cancelled: return "[-]"
        }
    }

    // MARK: JSON

    struct InterviewJSON: Encodable {
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

    struct FollowUpJSON: Encodable {
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
                company: stored.interview.company, role: stored.interview.role, state: stored.isOpen ? "open" : "ended",
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
                    return FollowUpJSON(id: shortID(followUp), action: followUp.action.rawValue, to: followUp.interviewer?.name,
                                        address: followUp.address, due: followUp.timing.day.description, start: start,
                                        status: status, summary: followUp.summary, rule: followUp.rule)
                })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}

extension FollowUp.Timing {
    var zone: TimeZone? {
        if case .slot(_, _, let zone) = self { return zone }
        return nil
    }
}
