import FollowUpPlanning
import Foundation
import Synchronization

/// Builds a compact `VTIMEZONE` from the system's zone data (RFC 5545 §3.6.5).
///
/// libical's built-in definitions carry history back to 1893 and a prefixed TZID; calendar apps
/// want a bare IANA name with the observances that matter for the dates in the file.
///
/// When the zone's clock changes follow a yearly rule ("second Sunday of March at 02:00"), the
/// definition is one `STANDARD` and one `DAYLIGHT` observance, each with a yearly `RRULE`: the
/// shape Outlook and Exchange import, since they keep one rule pair per zone and read only one
/// observance of each kind ([MS-OXCICAL] §2.1.3.1.1.19). Otherwise (a zone that changed its
/// rules around the file's dates, or one with a rule no `BYDAY` can say) every change in the
/// window is an observance of its own, which is exact without any rule.
package enum TimeZoneDefinition {
    /// The zone's IANA name when a calendar app can resolve it, nil for UTC (written with `Z`)
    /// and for fixed offsets without a name (a card's bare `-05:00`).
    ///
    /// Foundation's list of known identifiers is ICU's, which lacks some current IANA names
    /// (`Asia/Kolkata` is listed as `Asia/Calcutta`), so a name that Foundation could load and
    /// that has an area part counts too.
    package static func publishableIdentifier(_ zone: TimeZone) -> String? {
        let identifier = zone.identifier
        // Foundation builds its list of identifiers anew on every call: remember each answer.
        if let known = publishable.value(for: identifier) { return known }
        let answer = findPublishableIdentifier(identifier)
        publishable.set(answer, for: identifier)
        return answer
    }

    /// Answers by zone identifier, shared by every thread.
    private static let publishable = AnswerCache()

    private final class AnswerCache: Sendable {
        private let answers = Mutex<[String: String?]>([:])

        package func value(for key: String) -> String?? { answers.withLock { $0[key] } }
        package func set(_ value: String?, for key: String) { answers.withLock { $0[key] = value } }
    }

    private static func findPublishableIdentifier(_ identifier: String) -> String? {
        if utcNames.contains(identifier) { return nil }
        if identifier.hasPrefix("GMT") || identifier.hasPrefix("UTC") { return nil }
        guard TimeZone.knownTimeZoneIdentifiers.contains(identifier)
            || (identifier.contains("/") && TimeZone(identifier: identifier) != nil) else { return nil }
        return identifier
    }

    package static let utcNames: Set<String> = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/UCT",
                                        "Etc/Universal", "Etc/Zulu", "Etc/Greenwich", "UCT", "Z", "Zulu", "Universal", "Greenwich"]

    /// Years after the window in which a yearly rule must still hold before it is trusted, so a
    /// rule that only happens to fit a short window ("4th Sunday" for "last Sunday") is not used.
    package static let ruleCheckYears = 4

    /// A VTIMEZONE for `zone` that is exact from the start of the year before `from` to the end
    /// of the year after `through`.
    package static func component(for zone: TimeZone, from: Date, through: Date) throws(ICalendarError) -> CalendarComponent {
        guard let tzid = publishableIdentifier(zone) else {
            throw ICalendarError(operation: "describe time zone \(zone.identifier)", value: zone.identifier, reason: "it has no IANA name")
        }
        let timezone = CalendarComponent(.timeZone)
        timezone.add(try .timeZoneID(tzid))
        for observance in observances(for: zone, from: from, through: through) {
            timezone.add(try observance.component())
        }
        return timezone
    }

    /// The observances of the definition, oldest first.
    package static func observances(for zone: TimeZone, from: Date, through: Date) -> [Observance] {
        let calendar = Calendar.gregorian(in: zone)
        let firstYear = calendar.component(.year, from: from) - 1
        let lastYear = calendar.component(.year, from: through) + 1
        let windowStart = calendar.date(from: DateComponents(year: firstYear, month: 1, day: 1))!
        let windowEnd = calendar.date(from: DateComponents(year: lastYear + 1, month: 1, day: 1))!
        let checkEnd = calendar.date(from: DateComponents(year: lastYear + 1 + ruleCheckYears, month: 1, day: 1))!

        let changes = Change.all(in: zone, from: windowStart, before: checkEnd)
        if let yearly = yearlyObservances(changes, years: firstYear...(lastYear + ruleCheckYears)) {
            return yearly
        }
        // No yearly rule: the observance in force at `from` (the last change before it, else the
        // offset at the start of the window), then every later change in the window. Starting
        // at the change in force rather than at older ones keeps a zone that has dropped
        // daylight saving time down to a single STANDARD, which is what Outlook can keep.
        let inWindow = changes.filter { $0.instant < windowEnd }
        var result: [Observance]
        if let current = inWindow.last(where: { $0.instant <= from }) {
            result = [current.observance]
        } else {
            let offset = zone.secondsFromGMT(for: windowStart)
            result = [Observance(daylight: zone.isDaylightSavingTime(for: windowStart), start: wallClock(windowStart, offset: offset),
                                 from: offset, to: offset, rule: nil)]
        }
        result += inWindow.filter { $0.instant > from }.map(\.observance)
        return result
    }

    /// One STANDARD and one DAYLIGHT observance with a yearly RRULE each, starting at the first
    /// change of its kind; nil unless every change in `years` follows the two rules, once a year.
    private static func yearlyObservances(_ changes: [Change], years: ClosedRange<Int>) -> [Observance]? {
        var observances: [Observance] = []
        for daylight in [false, true] {
            let kind = changes.filter { $0.daylightAfter == daylight }
            guard let first = kind.first, kind.map(\.onsetYear) == Array(years),
                  let rule = YearlyRule(fitting: kind),
                  kind.allSatisfy({ $0.offsetBefore == first.offsetBefore && $0.offsetAfter == first.offsetAfter }) else {
                return nil
            }
            observances.append(Observance(daylight: daylight, start: first.onset, from: first.offsetBefore,
                                          to: first.offsetAfter, rule: rule))
        }
        return observances.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
    }

    /// The wall-clock time of `instant` at a fixed UTC offset (an observance's DTSTART is
    /// written in the offset in force just before it).
    package static func wallClock(_ instant: Date, offset: Int) -> DateComponents {
        let clock = CalendarDay.wallClock(instant, offset: offset)
        return DateComponents(year: clock.day.year, month: clock.day.month, day: clock.day.day, hour: clock.secondOfDay / 3_600,
                              minute: clock.secondOfDay % 3_600 / 60, second: clock.secondOfDay % 60)
    }

    /// One change of a zone's UTC offset or of its daylight-saving state.
    package struct Change {
        var instant: Date
        var offsetBefore: Int
        var offsetAfter: Int
        var daylightAfter: Bool
        /// The wall-clock time of the change, read in the offset before it.
        var onset: DateComponents { TimeZoneDefinition.wallClock(instant, offset: offsetBefore) }
        var onsetYear: Int { onset.year! }
        var observance: Observance {
            Observance(daylight: daylightAfter, start: onset, from: offsetBefore, to: offsetAfter, rule: nil)
        }

        package static func all(in zone: TimeZone, from start: Date, before end: Date) -> [Change] {
            var changes: [Change] = []
            var cursor = start
            while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < end, changes.count < 256 {
                changes.append(Change(instant: next, offsetBefore: zone.secondsFromGMT(for: next.addingTimeInterval(-1)),
                                      offsetAfter: zone.secondsFromGMT(for: next), daylightAfter: zone.isDaylightSavingTime(for: next)))
                cursor = next
            }
            return changes
        }
    }

    /// "The Nth (or last) weekday of a month, at a wall-clock time": what `RRULE:FREQ=YEARLY;
    /// BYMONTH=m;BYDAY=nWD` says, with a single occurrence of a single weekday as Outlook requires.
    package struct YearlyRule: Equatable {
        var month: Int
        /// 1 (Sunday) ... 7 (Saturday), as `Calendar` numbers weekdays.
        var weekday: Int
        /// 1 ... 4, or -1 for the last one in the month.
        var ordinal: Int

        /// The rule every change of `changes` follows, at the same time of day; nil when there is none.
        package init?(fitting changes: [Change]) {
            guard let first = changes.first?.onset else { return nil }
            let utc = Calendar.gregorian(in: TimeZone(identifier: "UTC")!)
            func day(_ onset: DateComponents) -> Date {
                utc.date(from: DateComponents(year: onset.year, month: onset.month, day: onset.day))!
            }
            let weekday = utc.component(.weekday, from: day(first))
            var ordinals: Set<Int> = []
            var allLast = true
            for change in changes {
                let onset = change.onset
                guard onset.month == first.month, onset.hour == first.hour, onset.minute == first.minute,
                      onset.second == first.second, utc.component(.weekday, from: day(onset)) == weekday else { return nil }
                ordinals.insert((onset.day! - 1) / 7 + 1)
                if onset.day! + 7 <= utc.range(of: .day, in: .month, for: day(onset))!.count { allLast = false }
            }
            self.month = first.month!
            self.weekday = weekday
            if allLast {
                ordinal = -1
            } else if ordinals.count == 1, let only = ordinals.first, only <= 4 {
                ordinal = only
            } else {
                return nil
            }
        }

        /// `FREQ=YEARLY;BYMONTH=3;BYDAY=2SU`.
        var text: String {
            let day = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][weekday - 1]
            return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(ordinal)\(day)"
        }
    }

    /// A STANDARD or DAYLIGHT sub-component.
    package struct Observance {
        var daylight: Bool
        var start: DateComponents
        var from: Int
        var to: Int
        var rule: YearlyRule?

        var sortKey: [Int] { [start.year!, start.month!, start.day!, start.hour!, start.minute!, start.second!] }

        package func component() throws(ICalendarError) -> CalendarComponent {
            let observance = CalendarComponent(daylight ? .daylight : .standard)
            observance.add(try .time(.start, CalendarTime(parts: start, form: .floating)))
            if let rule {
                observance.add(try .recurrenceRule(rule.text))
            }
            observance.add(try .offsetFrom(from))
            observance.add(try .offsetTo(to))
            observance.add(try .timeZoneName(name))
            return observance
        }

        /// The offset as the IANA database names zones without a letter abbreviation: `+0530`,
        /// `-05`. Foundation's abbreviations are no help here: on Linux they are `GMT-6`-style
        /// and, for past dates, can name the current offset instead of the one then in force.
        var name: String {
            let sign = to < 0 ? "-" : "+"
            let minutes = abs(to) / 60
            return minutes % 60 == 0 ? sign + String(format: "%02d", minutes / 60)
                : sign + String(format: "%02d%02d", minutes / 60, minutes % 60)
        }
    }
}
