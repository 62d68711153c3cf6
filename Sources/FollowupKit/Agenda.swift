import FollowUpPlanning
import FollowupStore
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
    public var overdue: [Item]
    public var dueToday: [Item]
    public var upcoming: [Item]

    init(interviews: [StoredInterview], now: Date, zone: TimeZone, days: Int) {
        today = CalendarDay(now, in: zone)
        let horizon = today.adding(days: days)
        var items: [Item] = []
        for stored in interviews {
            for followUp in stored.openFollowUps {
                let dueAt: Date
                switch followUp.timing {
                case .day(let day): dueAt = day.start(in: zone)
                case .slot(let start, _, _): dueAt = start
                }
                items.append(Item(interviewID: stored.id, followUp: followUp, due: CalendarDay(dueAt, in: zone), dueAt: dueAt))
            }
        }
        items.sort { ($0.dueAt, $0.followUp.id) < ($1.dueAt, $1.followUp.id) }
        let today = today
        overdue = items.filter { $0.due < today }
        dueToday = items.filter { $0.due == today }
        upcoming = items.filter { $0.due > today && $0.due <= horizon }
    }

    public var isEmpty: Bool { overdue.isEmpty && dueToday.isEmpty && upcoming.isEmpty }
}
