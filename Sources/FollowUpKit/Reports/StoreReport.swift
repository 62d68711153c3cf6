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
    /// another zone is also given on the user's clock, as the agenda gives it. `replies`: the
    /// latest answer on each interview, by interview id (`InterviewStore.latestReplies()`).
    public static func list(_ interviews: [StoredInterview], home: TimeZone? = nil, replies: [String: InterviewReply] = [:]) -> String {
        guard !interviews.isEmpty else { return "no interviews stored yet: 'followup add' stores one" }
        return interviews.map { stored in
            let interview = stored.interview
            let home = home ?? interview.timeZone
            let title = [interview.companyName, interview.role].compactMap { $0 }.joined(separator: ", ")
            let state = stored.outcome.map { " [ended: \($0.rawValue)]" } ?? ""
            let start = PlanReport.instant(interview.start, in: interview.timeZone, home: home)
            var lines = ["\(stored.id)  \(start)  \(title.isEmpty ? "interview" : title)\(state)"]
            lines.append("        with " + interview.interviewers.map(\.name).joined(separator: ", "))
            if let reply = replies[stored.id] { lines.append("        \(reply.sentence(in: home))") }
            for followUp in stored.followUps {
                let when = PlanReport.when(followUp.timing, home)
                lines.append("  \(shortID(followUp))  \(mark(followUp.status))  \(when)  \(followUp.summary)")
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// The agenda in sections; `store` names the store read when there is nothing to show.
    public static func agenda(_ agenda: Agenda, store: String? = nil, replies: [String: InterviewReply] = [:]) -> String {
        if agenda.isEmpty {
            let window = agenda.days == 1 ? "today or tomorrow" : "in the next \(agenda.days) days"
            return "nothing due \(window)" + (store.map { " in \($0)" } ?? "")
        }
        var sections: [String] = []
        let ahead = agenda.days == 1 ? "Tomorrow" : "Next \(agenda.days) days"
        for (title, items) in [("Overdue", agenda.overdue), ("Today", agenda.dueToday), (ahead, agenda.upcoming)] where !items.isEmpty {
            let lines = items.map { item in
                let reply = replies[item.interviewID].map { " (\($0.sentence(in: agenda.zone)))" } ?? ""
                return "  \(shortID(item.followUp))  \(PlanReport.line(item.followUp, home: agenda.zone))\(reply)"
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

    /// `list --json`: see `InterviewListing`.
    public static func json(_ interviews: [StoredInterview]) throws -> String {
        try InterviewListing.json(interviews)
    }
}

extension FollowUp.Timing {
    var zone: TimeZone? {
        if case .slot(_, _, let zone) = self { return zone }
        return nil
    }
}
