import FollowUpPlanning
import FollowUpStore
import Foundation

/// Stored interviews and the agenda as a person reads them, and as JSON for scripts.
public enum StoreReport {
    /// The id a user types for a follow-up: the first 8 characters of its stable id.
    public static func shortID(_ followUp: FollowUp) -> String { String(followUp.id.prefix(InterviewStore.shownIDLength)) }

    /// What `list` says when it lists nothing: whether the store is empty or only holds
    /// interviews that ended, and which store it read.
    public static func nothingListed(store: String, ended: Int) -> String {
        guard ended > 0 else { return "no interviews stored yet in \(store): 'followup add' stores one" }
        let count = ended == 1 ? "1 interview that ended" : "\(ended) interviews that ended"
        return "no open interviews in \(store); it holds \(count): 'followup list --all' shows \(ended == 1 ? "it" : "them")"
    }

    /// Each interview and its follow-ups. With `home`, the user's zone (`list`), a time in
    /// another zone is also given on the user's clock, as the agenda gives it.
    public static func list(_ interviews: [StoredInterview], home: TimeZone? = nil) -> String {
        guard !interviews.isEmpty else { return "no interviews stored yet: 'followup add' stores one" }
        return interviews.map { stored in
            let interview = stored.interview
            let home = home ?? interview.timeZone
            let title = [interview.companyName, interview.role].compactMap { $0 }.joined(separator: ", ")
            let state = stored.outcome.map { " [ended: \($0.rawValue)]" } ?? ""
            let start = PlanReport.instant(interview.start, in: interview.timeZone, home: home)
            var lines = ["\(stored.id)  \(start)  \(title.isEmpty ? "interview" : title)\(state)"]
            lines.append("        with " + interview.interviewers.map(\.name).joined(separator: ", "))
            for followUp in stored.followUps {
                let when = PlanReport.when(followUp.timing, home)
                lines.append("  \(shortID(followUp))  \(mark(followUp.status))  \(when)  \(followUp.summary)")
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// The agenda in sections; `store` names the store read when there is nothing to show.
    public static func agenda(_ agenda: Agenda, store: String? = nil) -> String {
        if agenda.isEmpty {
            let window = agenda.days == 1 ? "today or tomorrow" : "in the next \(agenda.days) days"
            return "nothing due \(window)" + (store.map { " in \($0)" } ?? "")
        }
        var sections: [String] = []
        let ahead = agenda.days == 1 ? "Tomorrow" : "Next \(agenda.days) days"
        for (title, items) in [("Overdue", agenda.overdue), ("Today", agenda.dueToday), (ahead, agenda.upcoming)] where !items.isEmpty {
            let lines = items.map { item in
                "  \(shortID(item.followUp))  \(PlanReport.line(item.followUp, home: agenda.zone))"
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
