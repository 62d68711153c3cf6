/// Which days someone can be reached on: the working weekdays, minus holidays.
public struct WorkWeek: Sendable, Hashable {
    /// Weekday numbers as `Calendar` counts them: 1 is Sunday, 2 Monday ... 7 Saturday.
    public var weekdays: Set<Int>
    public var holidays: Set<CalendarDay>

    public init(weekdays: Set<Int> = [2, 3, 4, 5, 6], holidays: Set<CalendarDay> = []) {
        self.weekdays = weekdays
        self.holidays = holidays
    }

    /// Monday to Friday.
    public static let mondayToFriday = WorkWeek()

    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        weekdays.contains(day.weekday) && !holidays.contains(day)
    }

    /// The first working day on or after `day`. A week with no working day at all would never
    /// end the search, so after a year of days `day` itself is returned.
    public func firstWorkingDay(onOrAfter day: CalendarDay) -> CalendarDay {
        var candidate = day
        for _ in 0..<366 {
            if isWorkingDay(candidate) { return candidate }
            candidate = candidate.adding(days: 1)
        }
        return day
    }

    /// The first working day strictly after `day`.
    public func nextWorkingDay(after day: CalendarDay) -> CalendarDay {
        firstWorkingDay(onOrAfter: day.adding(days: 1))
    }
}
