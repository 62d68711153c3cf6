import FollowUpPlanning
import Foundation

/// The plan as a person reads it in a terminal.
public enum PlanReport {
    /// One line per follow-up: when, what, to whom, and by which address.
    public static func text(_ plan: Plan) -> String {
        guard !plan.followUps.isEmpty else { return "  nothing to plan" }
        return plan.followUps.map { "  " + line($0, home: plan.interview.timeZone) }.joined(separator: "\n")
    }

    /// "When  what  <address>": a follow-up on one line, its time also on the `home` clock.
    static func line(_ followUp: FollowUp, home: TimeZone) -> String {
        let address = followUp.address.isEmpty ? "" : "  <\(followUp.address)>"
        return "\(when(followUp.timing, home))  \(followUp.summary)\(address)"
    }

    /// The plan as a table: each follow-up, when, to whom, by which channel, and which rule of
    /// docs/follow-up-guidance.md put it there and why.
    public static func table(_ plan: Plan) -> String {
        let header = ["WHEN", "WHAT", "TO", "CHANNEL", "RULE", "WHY"]
        let rows = plan.followUps.map { followUp -> [String] in
            [when(followUp.timing, plan.interview.timeZone), followUp.action.rawValue, followUp.interviewer?.name ?? "everyone",
             channel(followUp, plan.interview.format),
             String(followUp.rule), followUp.reason]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var lines = [line(header)] + rows.map(line)
        if rows.isEmpty { lines.append("nothing to plan") }
        return lines.joined(separator: "\n")
    }

    /// "e-mail dana@acme.example"; the checklist's is where the interview is held.
    static func channel(_ followUp: FollowUp, _ format: Interview.Format) -> String {
        let channel = followUp.action.channel(for: format)
        return followUp.address.isEmpty ? channel : "\(channel) \(followUp.address)"
    }

    /// A call in another zone also shows the day and time on the user's own clock (`home`):
    /// the user makes the call, and 10:00 in Sydney is the evening before in Lisbon.
    static func when(_ timing: FollowUp.Timing, _ home: TimeZone) -> String {
        switch timing {
        case .day(let day):
            return "\(Planner.describeDay(day)), any time"
        case .slot(let start, let minutes, let zone):
            return "\(instant(start, in: zone, home: home)), \(minutes) min"
        }
    }

    /// "Thu 3 Dec 2026 10:00 (America/New_York) = Thu 3 Dec 2026 15:00 Europe/Lisbon": an
    /// instant in its zone, and on the user's own clock when that reads otherwise.
    static func instant(_ start: Date, in zone: TimeZone, home: TimeZone) -> String {
        var text = Planner.describe(start, in: zone)
        if zone.secondsFromGMT(for: start) != home.secondsFromGMT(for: start) {
            let clock = CalendarDay.wallClock(start, offset: home.secondsFromGMT(for: start))
            text += " = \(Planner.describeDay(clock.day)) \(Planner.describeClock(secondOfDay: clock.secondOfDay)) \(home.readableName)"
        }
        return text
    }
}
