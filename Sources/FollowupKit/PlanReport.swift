import FollowUpPlanning
import Foundation

/// The plan as a person reads it in a terminal.
public enum PlanReport {
    /// One line per follow-up: when, what, to whom, and by which address.
    public static func text(_ plan: Plan) -> String {
        var lines: [String] = []
        for followUp in plan.followUps {
            let when: String
            switch followUp.timing {
            case .day(let day):
                when = "\(Planner.describeDay(day)), any time"
            case .slot(let start, let minutes, let zone):
                when = "\(Planner.describe(start, in: zone)), \(minutes) min"
            }
            lines.append("  \(when)  \(followUp.summary)  <\(followUp.address)>")
        }
        if lines.isEmpty { lines.append("  nothing to plan") }
        return lines.joined(separator: "\n")
    }
}
