import FollowUpSupport
import Foundation

extension WorkWeek {
    /// Reads a list of weekdays: `Mon-Fri`, `Sun-Thu`, `mon,tue,thu`, `Mon-Wed,Fri`.
    /// Names may be written in full (`Monday`). Nil when a part is not a weekday.
    public init?(weekdays text: String, holidays: Set<CalendarDay> = []) {
        var days = Set<Int>()
        for part in text.lowercased().split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard (1...2).contains(ends.count) else { return nil }
            guard let first = Self.weekday(ends[0]), let last = Self.weekday(ends.last!) else { return nil }
            var day = first
            while true {
                days.insert(day)
                if day == last { break }
                day = day % 7 + 1
            }
        }
        guard !days.isEmpty else { return nil }
        self.init(weekdays: days, holidays: holidays)
    }

    private static func weekday(_ name: String) -> Int? {
        guard name.count >= 2 else { return nil }
        for (index, full) in CalendarNames.weekdays.enumerated() {
            let short = CalendarNames.shortWeekdays[index].lowercased()
            let full = full.lowercased()
            if name == short || name == full || (name.count >= 3 && full.hasPrefix(name)) { return index + 1 }
        }
        return nil
    }

    /// `Mon-Fri` style text for messages.
    public var weekdaysDescription: String {
        (1...7).filter(weekdays.contains).map { CalendarNames.shortWeekdays[$0 - 1] }.joined(separator: ",")
    }
}
