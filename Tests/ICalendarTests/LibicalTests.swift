import CLibical
import Foundation
import Testing
import FollowUpPlanning
@testable import ICalendar

/// The libical error `body` throws; nil when it throws none.
private func failure(_ body: () throws -> Void) -> ICalendarError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ICalendarError
    }
}

private let malformed = "MALFORMEDDATA: An input string was not correctly formed or a component has missing or extra properties"

/// Building components with the owning types, and what libical serialises from them.
struct LibicalBuildingTests {
    static let dayAt2pm = CalendarTime(date: CalendarDay(year: 2026, month: 12, day: 1), secondOfDay: 14 * 3_600,
                                       form: .local(tzid: "America/Chicago"))

    @Test func componentSerialisesItsPropertiesParametersAndChildren() throws {
        let event = CalendarComponent(.event)
        event.add(try .uid("1@followup.test"))
        event.add(try .time(.start, Self.dayAt2pm))
        event.add(try .time(.stamp, .utc(Date(timeIntervalSince1970: 0))))
        let alarm = CalendarComponent(.alarm)
        alarm.add(try .displayAction())
        alarm.add(try .trigger(secondsFromStart: -15 * 60))
        event.add(alarm)
        #expect(try event.serialised() == """
            BEGIN:VEVENT\r
            UID:1@followup.test\r
            DTSTART;TZID=America/Chicago:20261201T140000\r
            DTSTAMP:19700101T000000Z\r
            BEGIN:VALARM\r
            ACTION:DISPLAY\r
            TRIGGER:-PT15M\r
            END:VALARM\r
            END:VEVENT\r

            """)
    }

    @Test func refreshIntervalCarriesItsRequiredValueParameter() throws {
        let calendar = CalendarComponent(.calendar)
        calendar.add(try .refreshInterval(seconds: 3_600))
        calendar.add(try .nonStandard("X-PUBLISHED-TTL", "PT1H"))
        #expect(try calendar.serialised() == """
            BEGIN:VCALENDAR\r
            REFRESH-INTERVAL;VALUE=DURATION:PT1H\r
            X-PUBLISHED-TTL:PT1H\r
            END:VCALENDAR\r

            """)
    }

    @Test func aChildBelongsToItsParentAndKeepsItAlive() throws {
        let alarm = CalendarComponent(.alarm)
        #expect(!alarm.hasParent)
        do {
            let event = CalendarComponent(.event)
            event.add(try .summary("Call"))
            event.add(alarm)
        }
        // The event has no Swift owner left; the alarm holds it, so the alarm's memory (part of
        // the event's libical tree) is still there, and is freed once, with the event.
        #expect(alarm.hasParent)
        alarm.add(try .displayAction())
        #expect(try alarm.serialised() == "BEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM\r\n")
    }

    /// Run under LeakSanitizer (see the report of the libical port), these would show as leaks
    /// if a property or parameter built and never added were not freed.
    @Test func propertiesAndParametersNeverAddedAreFreed() throws {
        _ = try Property.summary("never added")
        _ = try Parameter.timeZoneID("America/Chicago")
        let property = try Property.time(.start, Self.dayAt2pm)
        _ = consume property
    }

    /// The TZID parameter used to be made after its property, which leaked when the parameter
    /// could not be made; now the property is dropped, and freed, when the parameter throws.
    @Test func aPropertyWhoseParameterIsRefusedIsFreedAndTheErrorSaysWhich() {
        let error = failure {
            let property = try Property.time(.start, Self.dayAt2pm)
            property.add(try Parameter("TZID") { icalparameter_new_tzid(nil) })
            CalendarComponent(.event).add(property)
        }
        #expect(error?.code == .badArgument)
        #expect(error?.description == "libical could not create the TZID parameter: BADARG: Bad argument to function")
    }

    @Test func aPropertyLibicalRefusesThrowsWithLibicalsCodeAndMessage() {
        let error = failure { _ = try Property("UID") { icalproperty_new_uid(nil) } }
        #expect(error == ICalendarError(code: .badArgument, operation: "create the UID property",
                                        reason: "BADARG: Bad argument to function"))
        #expect(error?.description == "libical could not create the UID property: BADARG: Bad argument to function")
    }

    /// `icalparameter_new_value` was used unchecked for REFRESH-INTERVAL's VALUE=DURATION.
    @Test func aValueParameterLibicalRefusesThrows() {
        let error = failure { _ = try Parameter("VALUE", value: "NONE") { icalparameter_new_value(ICAL_VALUE_NONE) } }
        #expect(error?.value == "NONE")
        #expect(error?.description == "libical could not create the VALUE parameter: BADARG: Bad argument to function")
    }

    @Test func aRuleLibicalCannotReadIsRefusedRatherThanWrittenAsAnError() throws {
        let bogus = failure { _ = try Property.recurrenceRule("FREQ=BOGUS") }
        #expect(bogus?.code == .malformedData)
        #expect(bogus?.value == "FREQ=BOGUS")
        #expect(bogus?.description == "libical could not read the RRULE \"FREQ=BOGUS\": \(malformed)")
        // libical reads a rule without FREQ without setting an error, and cannot expand it.
        let noFrequency = failure { _ = try Property.recurrenceRule("BYMONTH=1") }
        #expect(noFrequency?.code == nil)
        #expect(noFrequency?.description == "libical could not read the RRULE \"BYMONTH=1\": it names no frequency")

        let observance = CalendarComponent(.standard)
        observance.add(try .recurrenceRule("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"))
        // libical writes the parts in its own order (RFC 5545 §3.3.10 leaves it free).
        #expect(try observance.serialised() == "BEGIN:STANDARD\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\n")
    }

    @Test func aZoneWithoutAnIANANameHasNoDefinition() {
        let zone = TimeZone(secondsFromGMT: -5 * 3_600)!
        let error = failure { _ = try TimeZoneDefinition.component(for: zone, from: Date(), through: Date()) }
        #expect(error?.value == zone.identifier)
        #expect(error?.description == "libical could not describe time zone \(zone.identifier): it has no IANA name")
    }

    @Test func everyLibicalCodeHasLibicalsMessage() {
        #expect(ICalendarError.Code.badArgument.libicalMessage == "BADARG: Bad argument to function")
        #expect(ICalendarError.Code.malformedData.libicalMessage == malformed)
        #expect(ICalendarError.Code(ICAL_NO_ERROR) == nil)
        #expect(ICalendarError.Code(ICAL_PARSE_ERROR) == .parse)
    }
}

/// Reading text back with `ParsedCalendar`.
struct LibicalReadingTests {
    static let text = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        BEGIN:VEVENT\r
        SUMMARY:First\r
        DTSTART;VALUE=DATE:20261201\r
        BEGIN:VALARM\r
        ACTION:DISPLAY\r
        END:VALARM\r
        END:VEVENT\r
        BEGIN:VTODO\r
        SUMMARY:Task\r
        DUE:20261202T090000Z\r
        END:VTODO\r
        BEGIN:VEVENT\r
        SUMMARY:Second\r
        DESCRIPTION:Two lines\\nof text\r
        DTSTART:20261203T140000\r
        DTEND:20261203T150000\r
        BEGIN:VALARM\r
        ACTION:DISPLAY\r
        END:VALARM\r
        BEGIN:VALARM\r
        ACTION:AUDIO\r
        END:VALARM\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test func childrenAreASequenceInFileOrder() throws {
        let root = try ParsedCalendar(parsing: Self.text).root
        #expect(root.kind == .calendar)
        #expect(root.children().map(\.kindName) == ["VEVENT", "VTODO", "VEVENT"])
        #expect(root.children(.event).map(\.summary) == ["First", "Second"])
        #expect(root.children(.event).map(\.details) == [nil, "Two lines\nof text"])
        #expect(root.children(.task).map(\.kind) == [.task])
    }

    /// libical's own child cursor lives in the parent, so a walk inside a walk over the same
    /// parent would lose its place; the Sequence does not share one.
    @Test func walksInsideWalksKeepTheirPlace() throws {
        let root = try ParsedCalendar(parsing: Self.text).root
        var seen: [String] = []
        for event in root.children(.event) {
            for _ in root.children() {}
            seen.append("\(event.summary ?? "?"): \(event.children(.alarm).map { _ in "alarm" }.count)")
        }
        #expect(seen == ["First: 1", "Second: 2"])
    }

    @Test func componentsKeepTheirDocumentAlive() throws {
        // Nothing else holds the document: the views do.
        let events = Array(try ParsedCalendar(parsing: Self.text).root.children(.event))
        #expect(events.map(\.summary) == ["First", "Second"])
        #expect(events[1].start?.secondOfDay == 14 * 3_600)
        #expect(events[1].end?.isDate == false)
        #expect(events[0].start?.isDate == true)
        // RFC 5545 §3.6.1: an all-day event without DTEND or DURATION lasts its one day.
        #expect(events[0].end?.date == CalendarDay(year: 2026, month: 12, day: 2))
    }

    @Test func textThatIsNotICalendarIsAnError() {
        let error = failure { _ = try ParsedCalendar(parsing: "Dana Díaz, +1 312 555 0142") }
        #expect(error?.code == nil)
        #expect(error?.description == "libical could not parse the text: it is not iCalendar")
        #expect(ICalendarCheck.parseErrors(in: "not a calendar") == ["libical could not parse the text at all"])
        #expect(ICalendarCheck.componentKinds(in: "not a calendar") == [])
    }

    @Test func whatLibicalDroppedIsListed() throws {
        let text = Self.text.replacingOccurrences(of: "DUE:20261202T090000Z", with: "DUE:tomorrow")
        #expect(ICalendarCheck.parseErrors(in: text).count == 1)
        #expect(ICalendarCheck.parseErrors(in: Self.text) == [])
    }
}

/// The holiday reader, through the parsed-document types.
struct HolidayReadingTests {
    static func calendar(_ events: String...) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + events.joined() + "END:VCALENDAR\r\n"
    }

    static func event(_ summary: String, _ lines: String...) -> String {
        "BEGIN:VEVENT\r\nSUMMARY:\(summary)\r\n" + lines.map { $0 + "\r\n" }.joined() + "END:VEVENT\r\n"
    }

    @Test func yearlyHolidaysRepeatThroughTheLastYear() throws {
        let text = Self.calendar(Self.event("Christmas Day", "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226", "RRULE:FREQ=YEARLY"),
                                 Self.event("Company days off", "DTSTART;VALUE=DATE:20261202", "DTEND;VALUE=DATE:20261204"))
        #expect(try HolidayCalendar.days(in: text, through: 2028) == [
            CalendarDay(year: 2026, month: 12, day: 25), CalendarDay(year: 2027, month: 12, day: 25),
            CalendarDay(year: 2028, month: 12, day: 25),
            CalendarDay(year: 2026, month: 12, day: 2), CalendarDay(year: 2026, month: 12, day: 3),
        ])
    }

    /// libical reads BYWEEKNO in a MONTHLY rule but will not expand it (RFC 5545 §3.3.10 allows
    /// BYWEEKNO only with FREQ=YEARLY); that used to leave the event at its first day.
    /// The event's two-line summary is named on one line, as messages are.
    @Test func aRuleLibicalCannotExpandNamesTheEventAndTheRule() {
        let text = Self.calendar(Self.event("Sprint\\nreview", "DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=MONTHLY;BYWEEKNO=20"))
        let error = failure { _ = try HolidayCalendar.days(in: text, through: 2027) }
        #expect(error?.code == .malformedData)
        #expect(error?.value == "FREQ=MONTHLY;BYWEEKNO=20")
        #expect(error?.description == "libical could not expand the RRULE \"FREQ=MONTHLY;BYWEEKNO=20\" of 'Sprint review': \(malformed)")
    }

    /// libical's parser drops an RRULE it cannot read, leaving only an X-LIC-ERROR.
    @Test func aRuleLibicalCannotReadNamesTheEventAndTheRule() {
        let text = Self.calendar(Self.event("Founders' day", "DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=FORTNIGHTLY"))
        let error = failure { _ = try HolidayCalendar.days(in: text, through: 2027) }
        #expect(error?.value == "FREQ=FORTNIGHTLY")
        #expect(error?.description == "libical could not read the RRULE \"FREQ=FORTNIGHTLY\" of 'Founders' day': \(malformed)")
    }

    @Test func anEventWithoutAStartIsAnError() {
        let text = Self.calendar(Self.event("Boxing Day", "DTEND;VALUE=DATE:20261227"))
        #expect(failure { _ = try HolidayCalendar.days(in: text, through: 2027) }?.description
                == "libical could not read the holidays: 'Boxing Day' has no DTSTART")
        let unnamed = Self.calendar("BEGIN:VEVENT\r\nDTEND;VALUE=DATE:20261227\r\nEND:VEVENT\r\n")
        #expect(failure { _ = try HolidayCalendar.days(in: unnamed, through: 2027) }?.description
                == "libical could not read the holidays: the VEVENT without a SUMMARY has no DTSTART")
    }

    @Test func aFileWithoutEventsOrACalendarIsAnError() {
        let text = "BEGIN:VTODO\r\nSUMMARY:Not a holiday\r\nEND:VTODO\r\n"
        #expect(failure { _ = try HolidayCalendar.days(in: text, through: 2027) }?.description
                == "libical could not read the holidays: the file holds no VCALENDAR")
        #expect(failure { _ = try HolidayCalendar.days(in: "Christmas: 25 December", through: 2027) }?.description
                == "libical could not parse the text: it is not iCalendar")
    }

    @Test func aLoneEventIsReadToo() throws {
        let text = Self.event("Launch day", "DTSTART;VALUE=DATE:20261201")
        #expect(try HolidayCalendar.days(in: text, through: 2027) == [CalendarDay(year: 2026, month: 12, day: 1)])
    }
}
