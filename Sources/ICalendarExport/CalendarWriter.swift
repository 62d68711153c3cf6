import ICalendar
import FollowUpPlanning
import FollowUpSupport
import Foundation

/// Writes plans as iCalendar (RFC 5545) through libical.
///
/// Two files, because calendar apps split in two: Google Calendar, Outlook and iOS subscriptions
/// ignore tasks, so every deadline is a `VEVENT` in the events file; Thunderbird and Apple
/// Reminders track tasks, so every deadline is also a `VTODO` in the tasks file.
public struct CalendarWriter: Sendable {
    /// `-//followup//followup 0.1//EN`: RFC 5545's form, with the major and minor version.
    public static let productID = "-//followup//followup \(FollowUpVersion.current.split(separator: ".").prefix(2).joined(separator: "."))//EN"

    /// When the plan was made. It becomes every `DTSTAMP` and `LAST-MODIFIED`, so writing the
    /// same plan again gives the same bytes.
    public var stamp: Date
    /// The calendar's display name (`X-WR-CALNAME`), when there is one.
    public var calendarName: String?
    /// How often a subscribed calendar should fetch the file again (`REFRESH-INTERVAL` and
    /// `X-PUBLISHED-TTL`); nil for a one-off export.
    public var refreshInterval: Int?

    public init(stamp: Date, calendarName: String? = nil, refreshInterval: Int? = nil) {
        self.stamp = stamp
        self.calendarName = calendarName
        self.refreshInterval = refreshInterval
    }

    /// `text` on one line without the characters that readers of an `X-` property disagree on.
    ///
    /// libical 3.0 escapes only backslashes in the value of an `X-` property, never commas or
    /// semicolons, and readers split or unescape such values each their own way (python
    /// `vobject` keeps the text before the first comma, python `icalendar` keeps backslashes
    /// doubled). A display name loses nothing that matters when `,` and `;` become ` · `
    /// separators and `\` becomes `/`: "Acme, Inc.; Backend" is written "Acme · Inc. · Backend".
    static func extensionSafe(_ text: String) -> String {
        text.singleLine.replacingOccurrences(of: "\\", with: "/")
            .split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " · ")
    }

    /// Which of the two files: events for every calendar, to-dos for task-aware apps.
    public enum Kind: Sendable {
        case events, tasks
    }

    /// The events file: an all-day VEVENT for each e-mail deadline, a timed one for each call.
    public func events(for plans: [Plan]) throws(ICalendarError) -> String {
        try text(.events, for: plans)
    }

    /// The tasks file: a VTODO with a DUE date for each follow-up.
    public func tasks(for plans: [Plan]) throws(ICalendarError) -> String {
        try text(.tasks, for: plans)
    }

    /// `kind`'s file of `plan`, each entry versioned against the entry of its UID in `earlier`
    /// (the file written before into the same place): one that reads the same keeps its
    /// `SEQUENCE` and `DTSTAMP`, and so its bytes; one that changed gets the next `SEQUENCE` and
    /// this writer's stamp, so a calendar that imported the earlier file takes the new version.
    /// Each entry is rendered once, and once more only if it changed.
    public func text(_ kind: Kind, for plan: Plan, versionedAgainst earlier: EarlierCalendar) throws(ICalendarError) -> String {
        guard !earlier.isEmpty else { return try text(kind, for: [plan]) }
        return try render(kind, zones: TimeZoneUse.collect(from: [plan])) { stream in
            for var followUp in plan.followUps {
                let uid = Self.uid(of: followUp, in: kind)
                guard let old = earlier[uid] else {
                    try stream.add(followUp)
                    continue
                }
                followUp.sequence = old.sequence
                followUp.lastModified = old.stamp
                var bytes = try component(kind, for: followUp).serialisedBytes()
                if !earlier.isUnchanged(uid: uid, serialised: bytes) {
                    followUp.sequence = old.sequence + 1
                    followUp.lastModified = stamp
                    bytes = try component(kind, for: followUp).serialisedBytes()
                }
                try bytes.withUnsafeBufferPointer { try stream.write($0) }
            }
        }
    }

    /// The UID of a follow-up's entry in the events or the tasks file.
    static func uid(of followUp: FollowUp, in kind: Kind) -> String {
        followUp.id + (kind == .events ? "-event@followup" : "-task@followup")
    }

    private func text(_ kind: Kind, for plans: [Plan]) throws(ICalendarError) -> String {
        try render(kind, zones: TimeZoneUse.collect(from: plans)) { stream in
            for plan in plans {
                for followUp in plan.followUps { try stream.add(followUp) }
            }
        }
    }

    /// A whole file as text: its header with the VTIMEZONEs of `zones`, what `body` adds to the
    /// stream, and its end.
    private func render(_ kind: Kind, zones: [TimeZoneUse], _ body: (CalendarStream) throws -> Void) throws(ICalendarError) -> String {
        let buffer = ByteBuffer()
        do {
            let stream = try CalendarStream(writer: self, kind: kind, zones: zones) { buffer.bytes.append(contentsOf: $0) }
            try body(stream)
            try stream.finish()
        } catch let error as ICalendarError {
            throw error
        } catch {
            throw ICalendarError(operation: "write the calendar", reason: "\(error)")
        }
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private final class ByteBuffer {
        var bytes: [UInt8] = []
    }

    func header(_ kind: Kind, zones: [TimeZoneUse]) throws(ICalendarError) -> CalendarComponent {
        try calendarHeader(name: kind == .events ? calendarName : calendarName.map { "\($0) (tasks)" }, zones: zones)
    }

    func component(_ kind: Kind, for followUp: FollowUp) throws(ICalendarError) -> CalendarComponent {
        kind == .events ? try event(for: followUp) : try task(for: followUp)
    }

    private func calendarHeader(name: String?, zones: [TimeZoneUse]) throws(ICalendarError) -> CalendarComponent {
        let calendar = CalendarComponent(.calendar)
        calendar.add(try .version("2.0"))
        calendar.add(try .productID(Self.productID))
        calendar.add(try .calendarScale("GREGORIAN"))
        calendar.add(try .publishMethod())
        if let name {
            calendar.add(try .nonStandard("X-WR-CALNAME", Self.extensionSafe(name)))
        }
        if let seconds = refreshInterval {
            // RFC 7986 names the feed and says how often to fetch it; Apple and Google read
            // the older X- forms.
            if let name { calendar.add(try .name(Self.extensionSafe(name))) }
            calendar.add(try .refreshInterval(seconds: seconds))
            calendar.add(try .nonStandard("X-PUBLISHED-TTL", "PT\(seconds / 3600)H"))
        }
        // UTC and bare offsets are written as UTC times and need no VTIMEZONE.
        for use in zones.filter({ TimeZoneDefinition.publishableIdentifier($0.zone) != nil }).sorted(by: { $0.identifier < $1.identifier }) {
            calendar.add(try TimeZoneDefinition.component(for: use.zone, from: use.from, through: use.through))
        }
        return calendar
    }

    private func event(for followUp: FollowUp) throws(ICalendarError) -> CalendarComponent {
        let event = CalendarComponent(.event)
        try addCommon(to: event, followUp, uid: Self.uid(of: followUp, in: .events))
        switch followUp.timing {
        case .day(let day):
            // An all-day deadline: DTEND is the next day (exclusive), and it does not block time.
            event.add(try .time(.start, .day(day.year, day.month, day.day)))
            let next = day.adding(days: 1)
            event.add(try .time(.end, .day(next.year, next.month, next.day)))
            event.add(try .transparency(blocksTime: false))
            if followUp.status == .planned { event.add(try alarm(secondsFromStart: 9 * 3600, followUp)) }
        case .slot(let start, let minutes, let zone):
            event.add(try .time(.start, .local(start, in: zone)))
            event.add(try .time(.end, .local(start.addingTimeInterval(TimeInterval(minutes * 60)), in: zone)))
            event.add(try .transparency(blocksTime: true))
            if followUp.status == .planned { event.add(try alarm(secondsFromStart: -15 * 60, followUp)) }
        }
        // A follow-up of an ended interview: an import of the file removes the entry it imported before.
        if case .cancelled = followUp.status { event.add(try .cancelledEvent()) }
        return event
    }

    private func task(for followUp: FollowUp) throws(ICalendarError) -> CalendarComponent {
        let task = CalendarComponent(.task)
        try addCommon(to: task, followUp, uid: Self.uid(of: followUp, in: .tasks))
        switch followUp.timing {
        case .day(let day):
            task.add(try .time(.due, .day(day.year, day.month, day.day)))
        case .slot(let start, let minutes, let zone):
            // The task is done when the call is over; RFC 5545 wants DUE after DTSTART.
            task.add(try .time(.start, .local(start, in: zone)))
            task.add(try .time(.due, .local(start.addingTimeInterval(TimeInterval(minutes * 60)), in: zone)))
        }
        switch followUp.status {
        case .planned:
            task.add(try .status(.needsAction))
        case .done(let date):
            task.add(try .status(.completed))
            task.add(try .time(.completed, .utc(date)))
            task.add(try .percentComplete(100))
        case .cancelled:
            task.add(try .status(.cancelled))
        }
        return task
    }

    private func addCommon(to component: CalendarComponent, _ followUp: FollowUp, uid: String) throws(ICalendarError) {
        component.add(try .uid(uid))
        // Stamps come from when the follow-up last changed, never from the clock, so an
        // unchanged plan gives an unchanged file.
        let changed = CalendarTime.utc(followUp.lastModified ?? stamp)
        component.add(try .time(.stamp, changed))
        component.add(try .time(.lastModified, changed))
        component.add(try .sequence(followUp.sequence))
        var summary = followUp.summary.singleLine
        if case .done = followUp.status { summary = "Done: " + summary }
        component.add(try .summary(summary))
        component.add(try .description(followUp.details))
        component.add(try .privateClass())
        component.add(try .category("Job search"))
    }

    /// A display reminder relative to the start; always alongside the entry itself, never the
    /// only trace of it.
    private func alarm(secondsFromStart: Int, _ followUp: FollowUp) throws(ICalendarError) -> CalendarComponent {
        let alarm = CalendarComponent(.alarm)
        alarm.add(try .displayAction())
        alarm.add(try .trigger(secondsFromStart: secondsFromStart))
        alarm.add(try .description(followUp.summary.singleLine))
        return alarm
    }
}

/// Writes one calendar file a component at a time, so a feed of thousands of follow-ups never
/// holds more than one of them as a libical tree, nor the whole file as text.
///
/// ```swift
/// let stream = try CalendarStream(writer: writer, kind: .events, zones: zones) { try handle.write(contentsOf: $0) }
/// for followUp in followUps { try stream.add(followUp) }
/// try stream.finish()
/// ```
public final class CalendarStream {
    private let writer: CalendarWriter
    private let kind: CalendarWriter.Kind
    private let output: (UnsafeBufferPointer<UInt8>) throws -> Void

    /// Writes the header: the calendar's properties and the VTIMEZONEs of `zones`, which must
    /// name every zone a timed follow-up will use, with the dates it is used on.
    public init(writer: CalendarWriter, kind: CalendarWriter.Kind, zones: [TimeZoneUse],
                output: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        self.writer = writer
        self.kind = kind
        self.output = output
        try writer.header(kind, zones: zones).serialisedOpening().withUnsafeBufferPointer { try output($0) }
    }

    /// Serialises one follow-up, as libical would inside the calendar.
    public func add(_ followUp: FollowUp) throws {
        var failure: (any Error)?
        try writer.component(kind, for: followUp).serialise { bytes in
            do { try output(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public func finish() throws {
        try CalendarComponent.calendarEnd.withUnsafeBufferPointer { try output($0) }
    }

    /// Writes components serialised elsewhere (by `FeedRenderer`'s workers).
    func write(_ components: UnsafeBufferPointer<UInt8>) throws {
        try output(components)
    }
}

/// A named time zone a calendar file uses, and the first and last moment it is used at: what
/// its VTIMEZONE must cover.
public struct TimeZoneUse: Sendable, Hashable {
    public var zone: TimeZone
    public var from: Date
    public var through: Date

    public init(zone: TimeZone, from: Date, through: Date) {
        self.zone = zone
        self.from = from
        self.through = through
    }

    var identifier: String { TimeZoneDefinition.publishableIdentifier(zone) ?? zone.identifier }

    /// The zones of the timed follow-ups of `plans` (UTC and bare offsets need none).
    public static func collect(from plans: [Plan]) -> [TimeZoneUse] {
        var ranges: [String: TimeZoneUse] = [:]
        for plan in plans {
            for followUp in plan.followUps {
                guard case .slot(let start, _, let zone) = followUp.timing,
                      let tzid = TimeZoneDefinition.publishableIdentifier(zone) else { continue }
                if var known = ranges[tzid] {
                    known.from = min(known.from, start)
                    known.through = max(known.through, start)
                    ranges[tzid] = known
                } else {
                    ranges[tzid] = TimeZoneUse(zone: zone, from: start, through: start)
                }
            }
        }
        return ranges.keys.sorted().map { ranges[$0]! }
    }
}
