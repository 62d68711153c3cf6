import Foundation
import FollowUpPlanning

extension Interview {
    /// An interview at `hour:minute` on `day` (`YYYY-MM-DD`) as a wall clock in `zone` reads it.
    /// By default the one most tests plan: Dana's, for a Backend Engineer at Acme, on Tuesday
    /// 1 December 2026 at 14:00 in Chicago, in person; a test passes the values it is about.
    package static func on(_ day: String = "2026-12-01", at hour: Int = 14, minute: Int = 0, in zone: TimeZone = .chicago,
                           company: String? = "Acme", role: String? = "Backend Engineer", interviewers: [Interviewer] = [.dana],
                           mainContact: Int = 0, instructions: Instructions = .init(), format: Format = .onsite,
                           location: String? = nil, videoLink: String? = nil) -> Interview {
        guard let calendarDay = CalendarDay(iso: day) else { preconditionFailure("not a day (YYYY-MM-DD): \(day)") }
        return Interview(start: calendarDay.at(hour: hour, minute: minute, in: zone), timeZone: zone, company: company, role: role,
                         interviewers: interviewers, mainContact: mainContact, instructions: instructions, format: format,
                         location: location, videoLink: videoLink)
    }
}
