import CLibical
import Foundation
import Testing
import FollowUpPlanning
@testable import ICalendar

/// The VTIMEZONEs we write, read back by libical and compared with the system's zone data.
struct TimeZoneDefinitionTests {
    static func day(_ year: Int, _ month: Int, _ day: Int, _ zone: String) -> Date {
        CalendarDay(year: year, month: month, day: day).at(hour: 10, minute: 0, in: TimeZone(identifier: zone)!)
    }

    /// The VTIMEZONE text for `zone`, for a file that uses it on `from` ... `through`.
    static func definition(_ zone: String, from: Date, through: Date) throws -> String {
        let component = try TimeZoneDefinition.component(for: TimeZone(identifier: zone)!, from: from, through: through)
        return try component.serialised()
    }

    /// Every UTC offset libical computes from `text` at `instants`, next to the system's.
    static func offsets(of text: String, zone: String, at instants: [Date]) -> [(instant: Date, libical: Int, system: Int)] {
        guard let component = icalparser_parse_string(text), let timezone = icaltimezone_new() else { return [] }
        defer { icaltimezone_free(timezone, 1) }
        guard icaltimezone_set_component(timezone, component) == 1 else {
            icalcomponent_free(component)
            return []
        }
        let system = TimeZone(identifier: zone)!
        return instants.map { instant in
            var time = icaltime_from_timet_with_zone(time_t(instant.timeIntervalSince1970), 0, icaltimezone_get_utc_timezone())
            var isDaylight: Int32 = 0
            let offset = icaltimezone_get_utc_offset_of_utc_time(timezone, &time, &isDaylight)
            return (instant, Int(offset), system.secondsFromGMT(for: instant))
        }
    }

    /// An hour and a second either side of every change in `years`, and the middle of each month.
    static func samples(_ zone: String, years: ClosedRange<Int>) -> [Date] {
        let system = TimeZone(identifier: zone)!
        let utc = Calendar.gregorian(in: TimeZone(identifier: "UTC")!)
        let start = utc.date(from: DateComponents(year: years.lowerBound, month: 1, day: 1))!
        let end = utc.date(from: DateComponents(year: years.upperBound + 1, month: 1, day: 1))!
        var instants: [Date] = []
        var cursor = start
        while let change = system.nextDaylightSavingTimeTransition(after: cursor), change < end {
            instants += [-3600, -1, 0, 1, 3600].map { change.addingTimeInterval($0) }
            cursor = change
        }
        for year in years {
            for month in 1...12 { instants.append(utc.date(from: DateComponents(year: year, month: month, day: 15))!) }
        }
        return instants
    }

    @Test(arguments: ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/Chicago",
                      "America/Mexico_City", "Asia/Jerusalem", "America/Santiago", "Pacific/Chatham", "Africa/Casablanca"])
    func libicalReadsTheSameOffsetsAsTheSystemThroughoutTheWindow(zone: String) throws {
        // 2023 puts Mexico City's end of daylight saving time (October 2022) inside the window.
        let text = try Self.definition(zone, from: Self.day(2023, 3, 10, zone), through: Self.day(2023, 11, 20, zone))
        #expect(ICalendarCheck.parseErrors(in: text) == [])
        let readings = Self.offsets(of: text, zone: zone, at: Self.samples(zone, years: 2023...2024))
        #expect(!readings.isEmpty)
        for reading in readings {
            #expect(reading.libical == reading.system, "\(zone) at \(reading.instant)")
        }
    }

    @Test func aZoneWithAYearlyRuleIsOneStandardAndOneDaylightWithRRULE() throws {
        let text = try Self.definition("America/New_York", from: Self.day(2026, 3, 12, "America/New_York"),
                                       through: Self.day(2026, 3, 12, "America/New_York"))
        #expect(text.components(separatedBy: "BEGIN:STANDARD").count - 1 == 1)
        #expect(text.components(separatedBy: "BEGIN:DAYLIGHT").count - 1 == 1)
        #expect(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20250309T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\n"))
        #expect(text.contains("BEGIN:STANDARD\r\nDTSTART:20251102T020000\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\n"))
    }

    @Test func lastSundayRulesUseMinusOne() throws {
        let text = try Self.definition("Europe/Berlin", from: Self.day(2026, 3, 30, "Europe/Berlin"),
                                       through: Self.day(2026, 3, 30, "Europe/Berlin"))
        #expect(text.contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"))
        #expect(text.contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"))
    }

    @Test func halfHourDaylightSavingKeepsItsOffsets() throws {
        let text = try Self.definition("Australia/Lord_Howe", from: Self.day(2026, 4, 9, "Australia/Lord_Howe"),
                                       through: Self.day(2026, 4, 9, "Australia/Lord_Howe"))
        #expect(text.contains("TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030\r\nTZNAME:+1030\r\n"))
        #expect(text.contains("TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100\r\nTZNAME:+11\r\n"))
    }

    @Test func aZoneWithoutChangesIsOneStandardFromTheYearBefore() throws {
        let text = try Self.definition("Asia/Kolkata", from: Self.day(2026, 10, 30, "Asia/Kolkata"),
                                       through: Self.day(2026, 10, 30, "Asia/Kolkata"))
        #expect(text == "BEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata\r\nBEGIN:STANDARD\r\nDTSTART:20250101T000000\r\n"
            + "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nTZNAME:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    }

    @Test func aZoneThatDroppedDaylightSavingIsTheStandardInForce() throws {
        // Mexico City stopped daylight saving time on 30 October 2022.
        let text = try Self.definition("America/Mexico_City", from: Self.day(2023, 4, 10, "America/Mexico_City"),
                                       through: Self.day(2023, 4, 10, "America/Mexico_City"))
        #expect(!text.contains("DAYLIGHT"))
        #expect(!text.contains("RRULE"))
        #expect(text.contains("BEGIN:STANDARD\r\nDTSTART:20221030T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\n"))
    }

    @Test func noObservanceStartsBeforeTheYearBeforeTheFirstUse() throws {
        for zone in ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Asia/Jerusalem"] {
            let observances = TimeZoneDefinition.observances(for: TimeZone(identifier: zone)!, from: Self.day(2026, 3, 1, zone),
                                                             through: Self.day(2026, 12, 1, zone))
            #expect(!observances.isEmpty)
            #expect(observances.allSatisfy { $0.start.year! >= 2025 }, "\(zone)")
        }
    }

    @Test func currentIANANamesArePublishedEvenWhenFoundationListsAnOldOne() {
        #expect(TimeZoneDefinition.publishableIdentifier(TimeZone(identifier: "Asia/Kolkata")!) == "Asia/Kolkata")
        #expect(TimeZoneDefinition.publishableIdentifier(TimeZone(identifier: "Australia/Lord_Howe")!) == "Australia/Lord_Howe")
    }

    @Test func utcAndBareOffsetsAreNotPublishedAsZones() {
        #expect(TimeZoneDefinition.publishableIdentifier(TimeZone(identifier: "UTC")!) == nil)
        #expect(TimeZoneDefinition.publishableIdentifier(TimeZone(identifier: "Etc/UTC")!) == nil)
        #expect(TimeZoneDefinition.publishableIdentifier(TimeZone(secondsFromGMT: -5 * 3600)!) == nil)
        #expect(TimeZoneDefinition.publishableIdentifier(TimeZone(secondsFromGMT: 19800)!) == nil)
    }
}
