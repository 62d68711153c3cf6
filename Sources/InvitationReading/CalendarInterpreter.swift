import ICalendar
import FollowUpPlanning
import Foundation

/// Turns a calendar's component tree into an `Invitation`: the events' times resolved to
/// instants, people to addresses, and the video link found.
struct CalendarInterpreter {
    let file: String
    let fallbackZone: TimeZone?
    private var warnings: [InvitationWarning] = []
    /// The file's VTIMEZONEs by their TZID as the events name them (unescaped, unquoted, trimmed).
    private var definitions: [String: ComponentNode] = [:]
    private var resolved: [String: ZoneRules] = [:]
    /// libical's reading of each VTIMEZONE in use, made once per file.
    private var customZones: [String: VTimeZoneRules] = [:]
    /// The file's VTIMEZONEs share one bound on libical's work in expanding their rules.
    private let budget = ExpansionBudget.forOneFile()

    init(file: String, fallbackZone: TimeZone?) {
        self.file = file
        self.fallbackZone = fallbackZone
    }

    mutating func invitation(from roots: [ComponentNode], warnings earlier: [InvitationWarning]) throws(InvitationError) -> Invitation {
        warnings = earlier
        let calendars = roots.filter { $0.name == "VCALENDAR" }
        let looseEvents = roots.filter { $0.name == "VEVENT" }
        guard !calendars.isEmpty || !looseEvents.isEmpty else {
            throw InvitationError(file: file, line: roots.first?.line ?? 1,
                                  reason: "this is not an iCalendar file (it holds no VCALENDAR)",
                                  fix: "save the invitation itself (.ics) or the whole e-mail (.eml)")
        }
        if calendars.isEmpty, let first = looseEvents.first {
            warn("the VEVENT is not inside a VCALENDAR; it is read as if it were", at: first.line)
        }
        for calendar in calendars {
            for zone in calendar.descendants("VTIMEZONE") {
                guard let tzid = zone.first("TZID") else { continue }
                let key = Self.normalisedTZID(tzid.value)
                if definitions[key] == nil { definitions[key] = zone }
            }
        }
        let method = calendars.lazy.compactMap { $0.first("METHOD")?.value.trimmingWhitespace().uppercased() }
            .first { !$0.isEmpty }
        var events: [InvitationEvent] = []
        for node in calendars.flatMap({ $0.descendants("VEVENT") }) + looseEvents {
            if let event = try event(from: node, method: method) { events.append(event) }
        }
        if events.isEmpty {
            let line = calendars.first?.line ?? 1
            throw InvitationError(file: file, line: line, reason: "the calendar holds no event (no VEVENT)",
                                  fix: "save the invitation itself (.ics) or the whole e-mail (.eml)")
        }
        return Invitation(file: file, method: method, events: events, warnings: warnings)
    }

    private mutating func warn(_ message: String, at line: Int) {
        let position = warnings.firstIndex { $0.line > line } ?? warnings.endIndex
        warnings.insert(InvitationWarning(line: line, message: message), at: position)
    }

    // MARK: Events

    private mutating func event(from node: ComponentNode, method: String?) throws(InvitationError) -> InvitationEvent? {
        let status = node.first("STATUS").flatMap { Self.status($0.value) }
        let isCancelled = method == "CANCEL" || status == .cancelled
        var start: EventTime?
        var startClock: (day: CalendarDay, secondOfDay: Int?)?
        var zone: ZoneRules?
        if let line = node.first("DTSTART") {
            let read = try time(line)
            start = read.time
            startClock = read.clock
            zone = read.zone
        } else if !isCancelled {
            throw InvitationError(file: file, line: node.line, reason: "the VEVENT has no DTSTART, so its time is unknown",
                                  fix: "ask the organizer to send the invitation again")
        } else {
            warn("the cancelled VEVENT has no DTSTART", at: node.line)
        }

        var end: EventTime?
        if let line = node.first("DTEND") {
            end = try? time(line).time
            if end == nil { warn("DTEND '\(line.value)' is not a date or a time; the end is left out", at: line.line) }
        } else if let line = node.first("DURATION"), let start {
            if let duration = EventDuration.parse(line.value) {
                end = Self.adding(duration, to: start, clock: startClock, zone: zone)
                if end == nil {
                    warn("DURATION '\(line.value)' ends outside \(StoredValueLimits.yearsDescription); the end is left out", at: line.line)
                }
            } else {
                warn("DURATION '\(line.value)' cannot be read; the end is left out", at: line.line)
            }
        }

        var recurrence: Recurrence?
        let rules = node.all("RRULE")
        let dates = node.all("RDATE")
        if !rules.isEmpty || !dates.isEmpty {
            if let rule = rules.first, rule.parameters.contains(where: { $0.name == "TZID" }) {
                warn("RRULE has a TZID parameter, which only date-time properties take; it is ignored", at: rule.line)
            }
            recurrence = Recurrence(rule: rules.first?.value.trimmingWhitespace(),
                                    dates: timeList(dates), exceptions: timeList(node.all("EXDATE")))
        }

        var event = InvitationEvent(
            line: node.line,
            uid: node.first("UID").map { $0.value.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 },
            recurrenceID: node.first("RECURRENCE-ID").flatMap { try? time($0).time },
            sequence: node.first("SEQUENCE").flatMap { Int($0.value.trimmingWhitespace()) } ?? 0,
            status: status,
            isCancelled: isCancelled,
            summary: Self.text(node.first("SUMMARY")),
            description: Self.text(node.first("DESCRIPTION")),
            start: start,
            end: end,
            dtstamp: node.first("DTSTAMP").flatMap { try? time($0).time }.map { $0.instant(floatingIn: TimeZone(identifier: "UTC")!) },
            recurrence: recurrence,
            organizer: node.first("ORGANIZER").map(Self.organizer),
            attendees: node.all("ATTENDEE").map { attendee($0) },
            location: Self.text(node.first("LOCATION")),
            conference: ConferenceLink.find(in: node)
        )
        event.zone = zone
        if case .instant? = start, zone != .utc {
            event.timeZoneID = node.first("DTSTART")?.parameter("TZID").map(Self.normalisedTZID)
        }
        if let startClock { event.startClock = WallClockTime(day: startClock.day, secondOfDay: startClock.secondOfDay ?? 0) }
        return event
    }

    private static func status(_ value: String) -> EventStatus? {
        let text = value.trimmingWhitespace().uppercased()
        if text == "CANCELED" { return .cancelled }
        return EventStatus(rawValue: text)
    }

    /// TEXT unescaped; nil when absent or blank.
    private static func text(_ line: ContentLine?) -> String? {
        guard let line else { return nil }
        let text = line.value.unescapedText
        return text.allSatisfy(\.isWhitespace) ? nil : text
    }

    private mutating func timeList(_ lines: [ContentLine]) -> [EventTime] {
        var times: [EventTime] = []
        for line in lines {
            for part in line.value.split(separator: ",") {
                // A PERIOD (start/end or start/duration) occurs at its start.
                let value = String(part.split(separator: "/").first ?? part).trimmingWhitespace()
                var single = line
                single.value = value
                if let read = try? time(single) { times.append(read.time) }
            }
        }
        return times
    }

    // MARK: Times

    private struct ReadTime {
        var time: EventTime
        var clock: (day: CalendarDay, secondOfDay: Int?)
        var zone: ZoneRules?
    }

    /// A DATE or DATE-TIME property (RFC 5545 §3.3.4-5): a date, a UTC time (`Z` wins over any
    /// TZID, as Yahoo writes both), a time in the TZID's zone, or a floating time.
    private mutating func time(_ line: ContentLine) throws(InvitationError) -> ReadTime {
        let raw = line.value.trimmingWhitespace()
        // Some products write ISO 8601 with separators; the digits are what matters.
        let value = raw.filter { $0 != "-" && $0 != ":" }
        let isDate = line.parameter("VALUE")?.uppercased() == "DATE" || (value.count == 8 && !value.contains("T"))
        guard let parts = Self.dateTimeParts(value) else {
            throw InvitationError(file: file, line: line.line,
                                  reason: "\(line.name) '\(raw)' is not a date (YYYYMMDD) or a date-time (YYYYMMDDTHHMMSS)",
                                  fix: "correct the line or ask the organizer to send the invitation again")
        }
        if isDate {
            return ReadTime(time: .allDay(parts.day), clock: (parts.day, nil), zone: nil)
        }
        let secondOfDay = parts.secondOfDay ?? 0
        if parts.isUTC {
            let date = WallClockTime(day: parts.day, secondOfDay: secondOfDay).instant(in: TimeZone(identifier: "UTC")!)
            return ReadTime(time: .instant(date, zone: nil), clock: (parts.day, secondOfDay), zone: .utc)
        }
        guard let tzid = line.parameter("TZID").map(Self.normalisedTZID), !tzid.isEmpty else {
            let clock = WallClockTime(day: parts.day, secondOfDay: secondOfDay)
            return ReadTime(time: .floating(clock), clock: (parts.day, secondOfDay), zone: nil)
        }
        let rules = try zoneRules(tzid, line: line)
        let date = customZones[tzid]?.instant(on: parts.day, secondOfDay: secondOfDay)
            ?? rules.instant(on: parts.day, secondOfDay: secondOfDay)
        return ReadTime(time: .instant(date, zone: rules.ianaName), clock: (parts.day, secondOfDay), zone: rules)
    }

    private static func dateTimeParts(_ value: String) -> (day: CalendarDay, secondOfDay: Int?, isUTC: Bool)? {
        let characters = Array(value.uppercased())
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= characters.count else { return nil }
            let digits = characters[range]
            guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            return Int(String(digits))
        }
        guard characters.count >= 8, let year = number(0..<4), let month = number(4..<6), let day = number(6..<8) else { return nil }
        let date = CalendarDay(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        guard characters.count > 8 else { return (date, nil, false) }
        guard characters[8] == "T", let hour = number(9..<11), let minute = number(11..<13) else { return nil }
        var index = 13
        var second = 0
        if let seconds = number(13..<15) {
            second = seconds
            index = 15
        }
        // Fractions of seconds, which some exporters write, are dropped.
        if index < characters.count, characters[index] == "." || characters[index] == "," {
            index += 1
            while index < characters.count, characters[index].isNumber { index += 1 }
        }
        let isUTC = index < characters.count && characters[index] == "Z"
        guard index + (isUTC ? 1 : 0) == characters.count, hour < 24, minute < 60, second <= 60 else { return nil }
        return (date, hour * 3_600 + minute * 60 + min(second, 59), isUTC)
    }

    /// `"Pacific Time (US & Canada), Tijuana"` and `Pacific Time (US & Canada)\, Tijuana` are
    /// one TZID: Exchange quotes it in DTSTART and escapes it in the VTIMEZONE.
    static func normalisedTZID(_ value: String) -> String {
        ContentLineReader.unquote(value).unescapedText.trimmingWhitespace()
    }

    private mutating func zoneRules(_ tzid: String, line: ContentLine) throws(InvitationError) -> ZoneRules {
        if let known = resolved[tzid] { return known }
        let definition = definitions[tzid]
            ?? definitions.first { $0.key.caseInsensitiveCompare(tzid) == .orderedSame }?.value
        let name = ZoneNames.ianaName(for: tzid, location: definition?.first("X-LIC-LOCATION")?.value.trimmingWhitespace())
        let rules: ZoneRules
        var defined: VTimeZoneRules?
        // Said when the zone's rules were given up for the work they would take (issue 25).
        var givenUp = ""
        if let definition, Self.hasObservances(definition), !ZoneNames.isUTC(tzid), name.map(ZoneNames.isUTC) != true {
            do {
                defined = try VTimeZoneRules(definition: definition.text, budget: budget)
            } catch where RecurrenceBound.isGivenUp(error) {
                givenUp = " (\(error))"
            } catch {}
        }
        if ZoneNames.isUTC(tzid) || name.map(ZoneNames.isUTC) == true {
            rules = .utc
        } else if let definition, let defined {
            rules = .defined(tzid: tzid, definition: definition.text, iana: name)
            customZones[tzid] = defined
        } else if let name {
            if let definition {
                warn("the VTIMEZONE '\(tzid)' cannot be read\(givenUp); the rules of \(name) are used", at: definition.line)
            }
            rules = .iana(name)
        } else if let definition {
            rules = try fallback(for: tzid, line: line, reason: "its VTIMEZONE (line \(definition.line)) has no rules that can be read\(givenUp)")
        } else {
            rules = try fallback(for: tzid, line: line, reason: "nothing in the file defines it and it names no known zone")
        }
        resolved[tzid] = rules
        return rules
    }

    private static func hasObservances(_ zone: ComponentNode) -> Bool {
        zone.children.contains {
            ($0.name == "STANDARD" || $0.name == "DAYLIGHT") && $0.first("TZOFFSETTO") != nil && $0.first("DTSTART") != nil
        }
    }

    private mutating func fallback(for tzid: String, line: ContentLine, reason: String) throws(InvitationError) -> ZoneRules {
        guard let fallbackZone else {
            throw InvitationError(file: file, line: line.line,
                                  reason: "\(line.name) is in the time zone '\(tzid)': \(reason)",
                                  fix: "give the zone it means with --tz, for example --tz America/New_York")
        }
        warn("the time zone '\(tzid)' is unknown (\(reason)); its times are read in \(fallbackZone.identifier), as --tz says", at: line.line)
        return .iana(fallbackZone.identifier)
    }

    /// The end `duration` after `start`; nil when it falls outside the years the store takes
    /// (`StoredValueLimits`), which a calendar cannot name and later day arithmetic would trap on.
    private static func adding(_ duration: EventDuration, to start: EventTime, clock: (day: CalendarDay, secondOfDay: Int?)?,
                               zone: ZoneRules?) -> EventTime? {
        // No duration longer than the whole span ends inside it; past this bound the sums below could overflow.
        let spanDays = (StoredValueLimits.years.count + 1) * 366
        guard duration.days.magnitude <= spanDays, duration.seconds.magnitude <= spanDays * 86_400 else { return nil }
        switch start {
        case .allDay(let day):
            let end = day.adding(days: duration.days + duration.seconds / 86_400)
            return StoredValueLimits.contains(end) ? .allDay(end) : nil
        case .floating(let time):
            let total = time.secondOfDay + duration.seconds
            let days = duration.days + Int((Double(total) / 86_400).rounded(.down))
            let second = ((total % 86_400) + 86_400) % 86_400
            let end = time.day.adding(days: days)
            return StoredValueLimits.contains(end) ? .floating(WallClockTime(day: end, secondOfDay: second)) : nil
        case .instant(let date, let name):
            // Days are calendar days on the zone's clock (RFC 5545 §3.3.6), seconds are exact.
            var moved = date
            if duration.days != 0, let clock, let zone {
                let day = clock.day.adding(days: duration.days)
                guard StoredValueLimits.contains(day) else { return nil }
                moved = zone.instant(on: day, secondOfDay: clock.secondOfDay ?? 0)
            } else {
                moved = date.addingTimeInterval(TimeInterval(duration.days * 86_400))
            }
            let end = moved.addingTimeInterval(TimeInterval(duration.seconds))
            return StoredValueLimits.contains(end) ? .instant(end, zone: name) : nil
        }
    }

    // MARK: People

    private static func organizer(_ line: ContentLine) -> Organizer {
        Organizer(name: name(line), email: address(line))
    }

    private mutating func attendee(_ line: ContentLine) -> Attendee {
        let email = Self.address(line)
        var kind: Attendee.Kind
        switch line.parameter("CUTYPE")?.uppercased() {
        case nil, "", "INDIVIDUAL": kind = .individual
        case "ROOM": kind = .room
        case "RESOURCE": kind = .resource
        case "GROUP": kind = .group
        default: kind = .unknown
        }
        // Google books meeting rooms as attendees at addresses of its resource calendars.
        if let email, email.lowercased().hasSuffix("resource.calendar.google.com") { kind = .room }
        var role: Attendee.Role?
        if let text = line.parameter("ROLE")?.trimmingWhitespace().uppercased(), !text.isEmpty {
            let spelled = text.replacingOccurrences(of: "_", with: "-")
            role = Attendee.Role(rawValue: spelled)
            if role != nil, spelled != text {
                warn("ROLE=\(text) is read as \(spelled)", at: line.line)
            }
        }
        let participation = line.parameter("PARTSTAT").flatMap {
            Attendee.Participation(rawValue: $0.trimmingWhitespace().uppercased().replacingOccurrences(of: "_", with: "-"))
        }
        return Attendee(name: Self.name(line), email: email, kind: kind, role: role, participation: participation)
    }

    /// The CN without the quotes and spaces products wrap it in (`"'user@host'"`).
    private static func name(_ line: ContentLine) -> String? {
        guard var text = line.parameter("CN") else { return nil }
        let wrappers: Set<Character> = ["\"", "'", " ", "\t"]
        while let first = text.first, wrappers.contains(first) { text.removeFirst() }
        while let last = text.last, wrappers.contains(last) { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    /// The address: `EMAIL=` when present (iCloud's relays put the real address there), else the
    /// `mailto:` value; nil for a value that is no address (`invalid:nomail`).
    private static func address(_ line: ContentLine) -> String? {
        if let email = line.parameter("EMAIL").flatMap(cleanAddress), email.contains("@") { return email }
        var value = line.value.trimmingWhitespace()
        if value.lowercased().hasPrefix("mailto:") {
            value = String(value.dropFirst(7))
        } else if value.contains(":") || !value.contains("@") {
            return nil
        }
        return cleanAddress(value)
    }

    private static func cleanAddress(_ text: String) -> String? {
        var value = ContentLineReader.unquote(text)
        if value.lowercased().hasPrefix("mailto:") { value = String(value.dropFirst(7)) }
        let wrappers: Set<Character> = ["<", ">", "\"", "'", " "]
        while let first = value.first, wrappers.contains(first) { value.removeFirst() }
        while let last = value.last, wrappers.contains(last) { value.removeLast() }
        return value.isEmpty ? nil : value
    }
}

/// An RFC 5545 §3.3.6 DURATION: whole days (and weeks) kept apart from seconds, as days follow
/// the clock across a change of offset.
struct EventDuration {
    var days: Int
    var seconds: Int

    static func parse(_ text: String) -> EventDuration? {
        var characters = Array(text.trimmingWhitespace().uppercased())
        var sign = 1
        if let first = characters.first, first == "+" || first == "-" {
            if first == "-" { sign = -1 }
            characters.removeFirst()
        }
        guard characters.first == "P" else { return nil }
        var days = 0
        var seconds = 0
        var number = ""
        var inTime = false
        for character in characters.dropFirst() {
            if character.isNumber {
                number.append(character)
                continue
            }
            if character == "T" {
                inTime = true
                continue
            }
            guard let value = Int(number) else { return nil }
            number = ""
            // A number too large to add up is no duration: it is refused rather than left to trap.
            func add(_ value: Int, times unit: Int, to total: inout Int) -> Bool {
                let (product, overflowed) = value.multipliedReportingOverflow(by: unit)
                let (sum, sumOverflowed) = total.addingReportingOverflow(product)
                guard !overflowed, !sumOverflowed else { return false }
                total = sum
                return true
            }
            let added: Bool
            switch (character, inTime) {
            case ("W", false): added = add(value, times: 7, to: &days)
            case ("D", false): added = add(value, times: 1, to: &days)
            case ("H", true): added = add(value, times: 3_600, to: &seconds)
            case ("M", true): added = add(value, times: 60, to: &seconds)
            case ("S", true): added = add(value, times: 1, to: &seconds)
            default: return nil
            }
            guard added else { return nil }
        }
        guard number.isEmpty else { return nil }
        return EventDuration(days: sign * days, seconds: sign * seconds)
    }
}
