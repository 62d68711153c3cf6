import FollowUpSupport
import FollowUpPlanning
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
            events = try Self.render(plan, kind: .events, writer: writer, stamp: stamp, earlier: Self.components(at: eventsURL))
            tasks = try Self.render(plan, kind: .tasks, writer: writer, stamp: stamp, earlier: Self.components(at: tasksURL))
        } catch {
            throw .calendar(error)
        }
    }

    /// One file of the plan, each entry versioned against the `earlier` file's entry of the same UID.
    private static func render(_ plan: Plan, kind: CalendarWriter.Kind, writer: CalendarWriter, stamp: Date,
                               earlier: [String: EarlierComponent]) throws(ICalendarError) -> String {
        func text(_ plan: Plan) throws(ICalendarError) -> String {
            kind == .events ? try writer.events(for: [plan]) : try writer.tasks(for: [plan])
        }
        guard !earlier.isEmpty else { return try text(plan) }
        let suffix = kind == .events ? "-event@followup" : "-task@followup"
        // First as it was: the earlier sequence and stamp. What then reads differently changed.
        var kept = plan
        for index in kept.followUps.indices {
            guard let old = earlier[kept.followUps[index].id + suffix] else { continue }
            kept.followUps[index].sequence = old.sequence
            kept.followUps[index].lastModified = old.stamp
        }
        let again = components(in: try text(kept))
        var versioned = kept
        for index in versioned.followUps.indices {
            let uid = versioned.followUps[index].id + suffix
            guard let old = earlier[uid], again[uid]?.text != old.text else { continue }
            versioned.followUps[index].sequence = old.sequence + 1
            versioned.followUps[index].lastModified = stamp
        }
        return try text(versioned)
    }

    /// An entry of a calendar file written earlier: its text, `SEQUENCE` and `DTSTAMP`.
    struct EarlierComponent {
        var text: String
        var sequence: Int
        var stamp: Date?
    }

    /// The entries of the calendar file at `url` by UID; none when there is no such file.
    static func components(at url: URL) -> [String: EarlierComponent] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        return components(in: text)
    }

    /// Top-level VEVENTs and VTODOs of `text` as this writer writes them (one property a line
    /// once unfolded; `UID`, `SEQUENCE` and `DTSTAMP` are short and never folded).
    static func components(in text: String) -> [String: EarlierComponent] {
        var result: [String: EarlierComponent] = [:]
        var lines: [Substring] = []
        var open: Substring?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if open == nil, line == "BEGIN:VEVENT" || line == "BEGIN:VTODO" { open = line.dropFirst(6); lines = [] }
            guard let kind = open else { continue }
            lines.append(line)
            guard line == "END:" + kind else { continue }
            open = nil
            guard let uid = lines.first(where: { $0.hasPrefix("UID:") })?.dropFirst(4) else { continue }
            let sequence = lines.first(where: { $0.hasPrefix("SEQUENCE:") }).flatMap { Int($0.dropFirst(9)) } ?? 0
            let stamp = lines.first(where: { $0.hasPrefix("DTSTAMP:") }).flatMap { utcStamp(String($0.dropFirst(8))) }
            result[String(uid)] = EarlierComponent(text: lines.joined(separator: "\r\n"), sequence: sequence, stamp: stamp)
        }
        return result
    }

    /// `20261130T093000Z` as a date.
    static func utcStamp(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15) else { return nil }
        return CalendarDay(year: year, month: month, day: day).at(hour: hour, minute: minute, in: .gmt).addingTimeInterval(TimeInterval(second))
    }

    /// Writes both files, creating the directory if needed. Each file is written to a temporary
    /// name and renamed into place only after both are complete, so a failure leaves no partly
    /// written calendar behind.
    public func write() throws(FollowUpError) {
        try FileOutput.createFolder(eventsURL.deletingLastPathComponent())
        try FileOutput.replace([(events, eventsURL), (tasks, tasksURL)])
    }
}
