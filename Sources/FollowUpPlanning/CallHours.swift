import Foundation

/// Whether a call suits the user too: the user makes it, so it must fall in their waking day
/// as well as in the interviewer's working hours (rule 11).
public enum CallHours {
    /// The user's hours for a call: from 08:00 until 21:00 on their own clock.
    public static let userDay = (from: 8 * 60, until: 21 * 60)
    /// The interviewer's working hours that rule 11 allows: calls starting 08:00 to 17:59.
    public static let interviewerDay = (from: 8 * 60, until: 18 * 60)

    /// A warning when the call of `minutes` at `start` (planned on `day` in `callZone`) falls
    /// outside 08:00-21:00 in `userZone`, with the `--call-at` values that suit both; nil when
    /// it suits the user.
    static func userWarning(start: Date, minutes: Int, day: CalendarDay, callZone: TimeZone, userZone: TimeZone) -> String? {
        guard !suitsUser(start: start, minutes: minutes, userZone: userZone) else { return nil }
        let there = CalendarDay.wallClock(start, offset: callZone.secondsFromGMT(for: start))
        let here = CalendarDay.wallClock(start, offset: userZone.secondsFromGMT(for: start))
        var text = "the check-in call at \(Planner.describeClock(secondOfDay: there.secondOfDay)) \(Planner.describeDay(there.day)) "
            + "in \(callZone.readableName) is \(Planner.describeClock(secondOfDay: here.secondOfDay)) \(Planner.describeDay(here.day)) "
            + "in \(userZone.readableName), outside 08:00-21:00 for you; "
        let fitting = suitableStarts(day: day, minutes: minutes, callZone: callZone, userZone: userZone)
        if let first = fitting.first, let last = fitting.last {
            let range = first == last ? "--call-at \(Planner.describeClock(secondOfDay: first * 60))"
                : "--call-at \(Planner.describeClock(secondOfDay: first * 60)) to \(Planner.describeClock(secondOfDay: last * 60))"
            text += "\(range) suits both (every half hour between)"
        } else {
            text += "no time in their working hours suits you that day: consider --prefer email"
        }
        return text
    }

    static func suitsUser(start: Date, minutes: Int, userZone: TimeZone) -> Bool {
        let here = CalendarDay.wallClock(start, offset: userZone.secondsFromGMT(for: start))
        let from = here.secondOfDay / 60
        return from >= userDay.from && from + minutes <= userDay.until
    }

    /// The call starts, in minutes after midnight on the interviewer's clock and every half
    /// hour, that are in their working hours and in the user's day.
    static func suitableStarts(day: CalendarDay, minutes: Int, callZone: TimeZone, userZone: TimeZone) -> [Int] {
        stride(from: interviewerDay.from, to: interviewerDay.until, by: 30).filter { minute in
            suitsUser(start: day.at(hour: minute / 60, minute: minute % 60, in: callZone), minutes: minutes, userZone: userZone)
        }
    }
}
