import CLibical
import FollowUpPlanning
import Foundation

/// Writes plans as iCalendar (RFC 5545) through libical.
///
/// Two files, because calendar apps split in two: Google Calendar, Outlook and iOS subscriptions
/// ignore tasks, so every deadline is a `VEVENT` in the events file; Thunderbird and Apple
/// Reminders track tasks, so every deadline is also a `VTODO` in the tasks file.
public struct CalendarWriter: Sendable {
    public static let productID = "-//followup//followup \(FollowupVersion.current)//EN"

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

    /// The events file: an all-day VEVENT for each e-mail deadline, a timed one for each call.
    public func events(for plans: [Plan]) throws(ICalendarError) -> String {
        try calendar(for: plans, name: calendarName) { followUp, plan throws(ICalendarError) in
            try event(for: followUp, in: plan)
        }
    }

    /// The tasks file: a VTODO with a DUE date for each follow-up.
    public func tasks(for plans: [Plan]) throws(ICalendarError) -> String {
        try calendar(for: plans, name: calendarName.map { "\($0) (tasks)" }) { followUp, plan throws(ICalendarError) in
            try task(for: followUp, in: plan)
        }
    }

    private func calendar(for plans: [Plan], name: String?,
                          component: (FollowUp, Plan) throws(ICalendarError) -> ICalComponent) throws(ICalendarError) -> String {
        let calendar = try ICalComponent(ICAL_VCALENDAR_COMPONENT)
        try calendar.add(icalproperty_new_version("2.0"), "VERSION")
        try calendar.add(icalproperty_new_prodid(Self.productID), "PRODID")
        try calendar.add(icalproperty_new_calscale("GREGORIAN"), "CALSCALE")
        try calendar.add(icalproperty_new_method(ICAL_METHOD_PUBLISH), "METHOD")
        if let name {
            try calendar.addExtension("X-WR-CALNAME", Self.extensionSafe(name))
        }
        if let seconds = refreshInterval {
            // RFC 7986 names the feed and says how often to fetch it; Apple and Google read
            // the older X- forms.
            if let name { try calendar.add(icalproperty_new_name(Self.extensionSafe(name)), "NAME") }
            try calendar.addRefreshInterval(seconds: seconds)
            try calendar.addExtension("X-PUBLISHED-TTL", "PT\(seconds / 3600)H")
        }
        for timezone in try timezones(for: plans) { calendar.add(timezone) }
        for plan in plans {
            for followUp in plan.followUps {
                calendar.add(try component(followUp, plan))
            }
        }
        return try calendar.serialised()
    }

    /// One VTIMEZONE per named zone the file uses, covering the dates it uses them on.
    private func timezones(for plans: [Plan]) throws(ICalendarError) -> [ICalComponent] {
        var ranges: [String: (zone: TimeZone, from: Date, through: Date)] = [:]
        for plan in plans {
            for followUp in plan.followUps {
                guard case .slot(let start, _, let zone) = followUp.timing,
                      let tzid = TimeZoneDefinition.publishableIdentifier(zone) else { continue }
                let known = ranges[tzid]
                ranges[tzid] = (zone, min(known?.from ?? start, start), max(known?.through ?? start, start))
            }
        }
        var components: [ICalComponent] = []
        for tzid in ranges.keys.sorted() {
            let range = ranges[tzid]!
            components.append(try TimeZoneDefinition.component(for: range.zone, from: range.from, through: range.through))
        }
        return components
    }

    private func event(for followUp: FollowUp, in plan: Plan) throws(ICalendarError) -> ICalComponent {
        let event = try ICalComponent(ICAL_VEVENT_COMPONENT)
        try addCommon(to: event, followUp, uid: "\(followUp.id)-event@followup")
        switch followUp.timing {
        case .day(let day):
            // An all-day deadline: DTEND is the next day (exclusive), and it does not block time.
            try event.addTime(icalproperty_new_dtstart, .day(day.year, day.month, day.day), "DTSTART")
            let next = day.adding(days: 1)
            try event.addTime(icalproperty_new_dtend, .day(next.year, next.month, next.day), "DTEND")
            try event.add(icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT), "TRANSP")
            if followUp.status == .planned { event.add(try alarm(secondsFromStart: 9 * 3600, followUp)) }
        case .slot(let start, let minutes, let zone):
            try event.addTime(icalproperty_new_dtstart, .local(start, in: zone), "DTSTART")
            try event.addTime(icalproperty_new_dtend, .local(start.addingTimeInterval(TimeInterval(minutes * 60)), in: zone), "DTEND")
            try event.add(icalproperty_new_transp(ICAL_TRANSP_OPAQUE), "TRANSP")
            if followUp.status == .planned { event.add(try alarm(secondsFromStart: -15 * 60, followUp)) }
        }
        return event
    }

    private func task(for followUp: FollowUp, in plan: Plan) throws(ICalendarError) -> ICalComponent {
        let task = try ICalComponent(ICAL_VTODO_COMPONENT)
        try addCommon(to: task, followUp, uid: "\(followUp.id)-task@followup")
        switch followUp.timing {
        case .day(let day):
            try task.addTime(icalproperty_new_due, .day(day.year, day.month, day.day), "DUE")
        case .slot(let start, let minutes, let zone):
            // The task is done when the call is over; RFC 5545 wants DUE after DTSTART.
            try task.addTime(icalproperty_new_dtstart, .local(start, in: zone), "DTSTART")
            try task.addTime(icalproperty_new_due, .local(start.addingTimeInterval(TimeInterval(minutes * 60)), in: zone), "DUE")
        }
        switch followUp.status {
        case .planned:
            try task.add(icalproperty_new_status(ICAL_STATUS_NEEDSACTION), "STATUS")
        case .done(let date):
            try task.add(icalproperty_new_status(ICAL_STATUS_COMPLETED), "STATUS")
            try task.addTime(icalproperty_new_completed, .utc(date), "COMPLETED")
            try task.add(icalproperty_new_percentcomplete(100), "PERCENT-COMPLETE")
        case .cancelled:
            try task.add(icalproperty_new_status(ICAL_STATUS_CANCELLED), "STATUS")
        }
        return task
    }

    private func addCommon(to component: ICalComponent, _ followUp: FollowUp, uid: String) throws(ICalendarError) {
        try component.add(icalproperty_new_uid(uid), "UID")
        // Stamps come from when the follow-up last changed, never from the clock, so an
        // unchanged plan gives an unchanged file.
        let changed = followUp.lastModified ?? stamp
        try component.addTime(icalproperty_new_dtstamp, .utc(changed), "DTSTAMP")
        try component.addTime(icalproperty_new_lastmodified, .utc(changed), "LAST-MODIFIED")
        try component.add(icalproperty_new_sequence(Int32(followUp.sequence)), "SEQUENCE")
        var summary = followUp.summary.singleLine
        if case .done = followUp.status { summary = "Done: " + summary }
        try component.add(icalproperty_new_summary(summary), "SUMMARY")
        try component.add(icalproperty_new_description(followUp.details), "DESCRIPTION")
        try component.add(icalproperty_new_class(ICAL_CLASS_PRIVATE), "CLASS")
        try component.add(icalproperty_new_categories("Job search"), "CATEGORIES")
    }

    /// A display reminder relative to the start; always alongside the entry itself, never the
    /// only trace of it.
    private func alarm(secondsFromStart: Int, _ followUp: FollowUp) throws(ICalendarError) -> ICalComponent {
        let alarm = try ICalComponent(ICAL_VALARM_COMPONENT)
        try alarm.add(icalproperty_new_action(ICAL_ACTION_DISPLAY), "ACTION")
        try alarm.add(icalproperty_new_trigger(icaltriggertype_from_int(Int32(secondsFromStart))), "TRIGGER")
        try alarm.add(icalproperty_new_description(followUp.summary.singleLine), "DESCRIPTION")
        return alarm
    }
}

/// The version that `PRODID` and `followup --version` report.
public enum FollowupVersion {
    public static let current = "0.1.0"
}
