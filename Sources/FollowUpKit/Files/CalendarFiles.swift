import FollowUpPlanning
import Foundation
import ICalendar
import ICalendarExport

/// The two calendar files of a plan, as text and where they go.
public struct CalendarFiles: Sendable {
    public var events: String
    public var tasks: String
    public var eventsURL: URL
    public var tasksURL: URL

    /// Renders `plan` with libical. Files are named after the interview
    /// (`2026-12-01-acme-backend-engineer.events.ics` and `.tasks.ics`) inside `directory`.
    ///
    /// `stamp` is when the files are made (RFC 5545's `DTSTAMP`; the CLI honours
    /// `SOURCE_DATE_EPOCH`). When `directory` already holds the files of an earlier plan of this
    /// interview, each entry keeps what it had there if it did not change, byte for byte, and a
    /// changed one gets a higher `SEQUENCE` and the new stamp, so a calendar that imported the
    /// earlier file takes the new version.
    public init(plan: Plan, directory: URL, stamp: Date) throws(FollowUpError) {
        let name = [plan.interview.companyName, plan.interview.role].compactMap { $0 }.joined(separator: ", ")
        let writer = CalendarWriter(stamp: stamp, calendarName: "Follow-ups" + (name.isEmpty ? "" : ": \(name)"))
        eventsURL = directory.appendingPathComponent("\(plan.interview.slug).events.ics")
        tasksURL = directory.appendingPathComponent("\(plan.interview.slug).tasks.ics")
        do {
            events = try writer.text(.events, for: plan, versionedAgainst: EarlierCalendar(contentsOf: eventsURL))
            tasks = try writer.text(.tasks, for: plan, versionedAgainst: EarlierCalendar(contentsOf: tasksURL))
        } catch {
            throw .calendar(error)
        }
    }

    /// Writes both files, creating the directory if needed. Each file is written to a temporary
    /// name and renamed into place only after both are complete, so a failure leaves no partly
    /// written calendar behind.
    public func write() throws(FollowUpError) {
        try FileOutput.createFolder(eventsURL.deletingLastPathComponent())
        try FileOutput.replace([(events, eventsURL), (tasks, tasksURL)])
    }
}
