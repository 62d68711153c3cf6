import Foundation
import Testing
import FollowUpPlanning
import VCardKit
@testable import ICalendarExport

/// What libical writes for a plan, read back by libical.
struct CalendarWriterTests {
    static func samplePlan(zone: String = "America/Chicago", interviewerZone: String? = "America/New_York", note: String = "Acme") -> Plan {
        let tz = TimeZone(identifier: zone)!
        let people = [
            Interviewer(name: "Dana Díaz", organization: note, emails: [VCardContact(value: "dana@acme.example")],
                        phones: [VCardContact(value: "+1 312 555 0142")], timeZone: interviewerZone.flatMap(TimeZone.init(identifier:))),
            Interviewer(name: "李 小龍 🙂", emails: [VCardContact(value: "lee@acme.example")]),
        ]
        let start = CalendarDay(year: 2026, month: 12, day: 1).at(hour: 14, minute: 0, in: tz)
        return Planner().plan(Interview(start: start, timeZone: tz, company: note, role: "Engineer; Backend, \\ Platform", interviewers: people))
    }

    let writer = CalendarWriter(stamp: Date(timeIntervalSince1970: 1_795_000_000), calendarName: "Follow-ups")

    @Test func eventsFileHasNoLibicalErrors() throws {
        let text = try writer.events(for: [Self.samplePlan()])
        #expect(ICalendarCheck.parseErrors(in: text) == [])
    }

    @Test func tasksFileHasNoLibicalErrors() throws {
        let text = try writer.tasks(for: [Self.samplePlan()])
        #expect(ICalendarCheck.parseErrors(in: text) == [])
    }

    @Test func eventsFileHoldsOnlyEventsAndTasksFileOnlyTasks() throws {
        let plan = Self.samplePlan()
        let events = ICalendarCheck.componentKinds(in: try writer.events(for: [plan])).filter { $0 != "VTIMEZONE" }
        let tasks = ICalendarCheck.componentKinds(in: try writer.tasks(for: [plan])).filter { $0 != "VTIMEZONE" }
        #expect(events == Array(repeating: "VEVENT", count: plan.followUps.count))
        #expect(tasks == Array(repeating: "VTODO", count: plan.followUps.count))
    }

    @Test func timesUseBareIANAZoneNamesWithAMatchingTimezone() throws {
        let text = try writer.events(for: [Self.samplePlan()])
        #expect(text.contains("DTSTART;TZID=America/New_York:20261207T100000"))
        #expect(text.contains("TZID:America/New_York"))
        #expect(!text.contains("freeassociation"))
    }

    @Test func thankYouIsAnAllDayEventWithExclusiveEnd() throws {
        let text = try writer.events(for: [Self.samplePlan()])
        #expect(text.contains("DTSTART;VALUE=DATE:20261202\r\nDTEND;VALUE=DATE:20261203"))
        #expect(text.contains("TRANSP:TRANSPARENT"))
    }

    @Test func linesEndInCRLFAndStayWithin75Octets() throws {
        let text = try writer.events(for: [Self.samplePlan(note: String(repeating: "Ünïcödé 漢字 ", count: 30))])
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D)
        }
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        #expect(ICalendarCheck.parseErrors(in: text) == [])
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        #expect(try writer.events(for: [Self.samplePlan()]) == writer.events(for: [Self.samplePlan()]))
        #expect(try writer.tasks(for: [Self.samplePlan()]) == writer.tasks(for: [Self.samplePlan()]))
    }

    @Test func everyComponentCarriesUidStampAndPrivacy() throws {
        let text = try writer.tasks(for: [Self.samplePlan()])
        let count = Self.samplePlan().followUps.count
        #expect(text.components(separatedBy: "\r\nUID:").count - 1 == count)
        #expect(text.components(separatedBy: "\r\nDTSTAMP:20261118T110640Z").count - 1 == count)
        #expect(text.components(separatedBy: "\r\nCLASS:PRIVATE").count - 1 == count)
        #expect(text.contains("PRODID:-//followup//followup "))
    }
}
