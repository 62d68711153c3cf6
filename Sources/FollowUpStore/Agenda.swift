import FollowUpPlanning
import Foundation

/// What to do now: overdue follow-ups, today's, and the coming days', most urgent first.
public struct Agenda: Sendable {
    public struct Item: Sendable, Hashable {
        public var interviewID: String
        public var followUp: FollowUp
        public var due: CalendarDay
        /// The moment it is due, for ordering: a slot's start, or the start of a day.
        public var dueAt: Date
    }

    public var today: CalendarDay
    /// The user's zone: what decides "today", and the clock every time is also shown on.
    public var zone: TimeZone
    /// How many days ahead `upcoming` reaches.
    public var days: Int
    public var overdue: [Item]
    public var dueToday: [Item]
    public var upcoming: [Item]

    /// `planned` are planned follow-ups in interview and plan order; those due after the
    /// horizon are left out.
    package init(items planned: [ScheduledFollowUp], now: Date, zone: TimeZone, days: Int) {
        today = CalendarDay(now, in: zone)
        self.zone = zone
        self.days = days
        let horizon = today.adding(days: days)
        var items: [(item: Item, order: Int)] = []
        for scheduled in planned where scheduled.followUp.status == .planned {
            let followUp = scheduled.followUp
            let dueAt: Date
            switch followUp.timing {
            case .day(let day): dueAt = day.start(in: zone)
            case .slot(let start, _, _): dueAt = start
            }
            items.append((Item(interviewID: scheduled.interviewID, followUp: followUp, due: CalendarDay(dueAt, in: zone), dueAt: dueAt), items.count))
        }
        // Earliest first; at the same moment, in the order the interviews and plans list them.
        let sorted = items.sorted { ($0.item.dueAt, $0.order) < ($1.item.dueAt, $1.order) }.map(\.item)
        let today = today
        overdue = sorted.filter { $0.due < today }
        dueToday = sorted.filter { $0.due == today }
        upcoming = sorted.filter { $0.due > today && $0.due <= horizon }
    }

    public var isEmpty: Bool { overdue.isEmpty && dueToday.isEmpty && upcoming.isEmpty }
}
