import FollowUpPlanning
import Foundation
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
    /// The stamp is the interview's start, not the clock: the same plan always gives the same
    /// bytes, so a regenerated file only changes when the plan does.
    public init(plan: Plan, directory: URL) throws(FollowupError) {
        let name = [plan.interview.companyName, plan.interview.role].compactMap { $0 }.joined(separator: ", ")
        let writer = CalendarWriter(stamp: plan.interview.start,
                                    calendarName: "Follow-ups" + (name.isEmpty ? "" : ": \(name)"))
        do {
            events = try writer.events(for: [plan])
            tasks = try writer.tasks(for: [plan])
        } catch {
            throw .calendar(error)
        }
        eventsURL = directory.appendingPathComponent("\(plan.interview.slug).events.ics")
        tasksURL = directory.appendingPathComponent("\(plan.interview.slug).tasks.ics")
    }

    /// Writes both files, creating the directory if needed. Each file is written to a temporary
    /// name and renamed into place only after both are complete, so a failure leaves no partly
    /// written calendar behind.
    public func write() throws(FollowupError) {
        let directory = eventsURL.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(directory.path, reason: (error as NSError).localizedDescription)
        }
        var staged: [(temporary: URL, final: URL)] = []
        do {
            for (text, url) in [(events, eventsURL), (tasks, tasksURL)] {
                staged.append((try AtomicFile.stage(Data(text.utf8), for: url), url))
            }
        } catch {
            for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
            throw error
        }
        for file in staged {
            try AtomicFile.commit(file.temporary, to: file.final)
        }
    }
}

/// Write-then-rename, so readers see the old file or the new one, never half of one.
enum AtomicFile {
    static func stage(_ data: Data, for url: URL) throws(FollowupError) -> URL {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(url.path, reason: (error as NSError).localizedDescription)
        }
        return temporary
    }

    static func commit(_ temporary: URL, to url: URL) throws(FollowupError) {
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(url.path, reason: reason)
        }
    }
}
