import CLibical
import FollowUpPlanning
import Foundation

/// Builds a compact `VTIMEZONE` from the system's zone data (RFC 5545 §3.6.5).
///
/// libical's built-in definitions carry history back to 1893 and a prefixed TZID; calendar apps
/// want a bare IANA name with the observances that matter for the dates in the file. Each
/// transition in the window becomes one observance, which needs no RRULE to be exact.
enum TimeZoneDefinition {
    /// The zone's IANA name when a calendar app can resolve it, nil for UTC (written with `Z`)
    /// and for fixed offsets without a name.
    static func publishableIdentifier(_ zone: TimeZone) -> String? {
        let identifier = zone.identifier
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Z", "Zulu", "Universal"].contains(identifier) { return nil }
        guard TimeZone.knownTimeZoneIdentifiers.contains(identifier) else { return nil }
        return identifier
    }

    /// A VTIMEZONE for `zone` that is exact from a year before `from` to a year after `through`.
    static func component(for zone: TimeZone, from: Date, through: Date) throws(ICalendarError) -> ICalComponent {
        guard let tzid = publishableIdentifier(zone) else {
            throw ICalendarError(operation: "describe time zone \(zone.identifier)", message: "it has no IANA name")
        }
        let timezone = try ICalComponent(ICAL_VTIMEZONE_COMPONENT)
        try timezone.add(icalproperty_new_tzid(tzid), "TZID")

        let calendar = Calendar.gregorian(in: TimeZone(identifier: "UTC")!)
        let startYear = calendar.component(.year, from: from) - 1
        let endYear = calendar.component(.year, from: through) + 1
        let windowStart = calendar.date(from: DateComponents(year: startYear, month: 1, day: 1))!
        let windowEnd = calendar.date(from: DateComponents(year: endYear + 1, month: 1, day: 1))!

        var transitions: [Date] = []
        var cursor = windowStart
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < windowEnd, transitions.count < 64 {
            transitions.append(next)
            cursor = next
        }

        if transitions.isEmpty {
            // No change in the window: one observance from 1970 on says the offset.
            let offset = zone.secondsFromGMT(for: from)
            try timezone.add(observance(daylight: false, start: DateComponents(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0),
                                        from: offset, to: offset, name: zone.abbreviation(for: from)))
            return timezone
        }

        // The offset in force before the first transition, so times early in the window resolve.
        let before = transitions[0].addingTimeInterval(-1)
        try timezone.add(observance(daylight: zone.isDaylightSavingTime(for: before),
                                    start: wallClock(windowStart, offset: zone.secondsFromGMT(for: windowStart)),
                                    from: zone.secondsFromGMT(for: before), to: zone.secondsFromGMT(for: before),
                                    name: zone.abbreviation(for: before)))
        for transition in transitions {
            let offsetBefore = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let offsetAfter = zone.secondsFromGMT(for: transition)
            try timezone.add(observance(daylight: zone.isDaylightSavingTime(for: transition),
                                        start: wallClock(transition, offset: offsetBefore),
                                        from: offsetBefore, to: offsetAfter,
                                        name: zone.abbreviation(for: transition)))
        }
        return timezone
    }

    /// The wall-clock time of `instant` at a fixed UTC offset (an observance's DTSTART is
    /// written in the offset in force just before it).
    private static func wallClock(_ instant: Date, offset: Int) -> DateComponents {
        let calendar = Calendar.gregorian(in: TimeZone(secondsFromGMT: offset)!)
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
    }

    private static func observance(daylight: Bool, start: DateComponents, from: Int, to: Int, name: String?) throws(ICalendarError) -> ICalComponent {
        let observance = try ICalComponent(daylight ? ICAL_XDAYLIGHT_COMPONENT : ICAL_XSTANDARD_COMPONENT)
        try observance.addTime(icalproperty_new_dtstart, CalendarTime(parts: start, form: .floating), "DTSTART")
        try observance.add(icalproperty_new_tzoffsetfrom(Int32(from)), "TZOFFSETFROM")
        try observance.add(icalproperty_new_tzoffsetto(Int32(to)), "TZOFFSETTO")
        if let name, !name.isEmpty { try observance.add(icalproperty_new_tzname(name), "TZNAME") }
        return observance
    }
}

