import ICalendar
import Foundation
import Testing
import FollowUpPlanning
@testable import ICalendarExport

/// One follow-up as a CalDAV calendar object, and what a sync reads back from a changed one.
struct CalendarObjectTests {
    let writer = CalendarWriter(stamp: Date(timeIntervalSince1970: 1_795_000_000))
    let plan = CalendarWriterTests.samplePlan()

    var call: FollowUp { plan.followUps.first { if case .slot = $0.timing { return $0.action == .checkInCall } else { return false } }! }
    var email: FollowUp { plan.followUps.first { $0.action == .thankYouEmail }! }

    @Test func anObjectHoldsOneComponentItsZoneAndNoMethod() throws {
        let text = try writer.object(.tasks, for: call)
        #expect(ICalendarCheck.parseErrors(in: text) == [])
        #expect(ICalendarCheck.componentKinds(in: text) == ["VTIMEZONE", "VTODO"])
        #expect(!text.contains("METHOD:"))
        let allDay = try writer.object(.events, for: email)
        #expect(ICalendarCheck.componentKinds(in: allDay) == ["VEVENT"])
    }

    @Test func anUntouchedObjectReadsBackAsPlanned() throws {
        for followUp in [call, email] {
            for kind in [CalendarWriter.Kind.tasks, .events] {
                let state = try CalendarObjectState.read(try writer.object(kind, for: followUp), planned: followUp.timing)
                #expect(!state.isCompleted)
                #expect(state.timing == followUp.timing)
                #expect(state.uid?.hasPrefix(followUp.id) == true)
            }
        }
    }

    @Test(arguments: ["STATUS:COMPLETED\r\n", "PERCENT-COMPLETE:100\r\n", "COMPLETED:20261202T153000Z\r\n"])
    func anyOfTheThreeMarksOfCompletionCounts(mark: String) throws {
        let text = try writer.object(.tasks, for: email).replacingOccurrences(of: "STATUS:NEEDS-ACTION\r\n", with: mark)
        let state = try CalendarObjectState.read(text, planned: email.timing)
        #expect(state.isCompleted)
        if mark.hasPrefix("COMPLETED:") {
            #expect(state.completedAt == Date(timeIntervalSince1970: 1_796_225_400))
        }
    }

    @Test func aDueDateMovedOnThePhoneIsRead() throws {
        guard case .day(let day) = email.timing else { Issue.record("the thank-you is not all-day"); return }
        let moved = day.adding(days: 2)
        let text = try writer.object(.tasks, for: email)
            .replacingOccurrences(of: "DUE;VALUE=DATE:\(day.description.replacingOccurrences(of: "-", with: ""))",
                                  with: "DUE;VALUE=DATE:\(moved.description.replacingOccurrences(of: "-", with: ""))")
        #expect(try CalendarObjectState.read(text, planned: email.timing).timing == .day(moved))
    }

    @Test func aMovedCallKeepsItsLengthAndZone() throws {
        guard case .slot(let start, let minutes, let zone) = call.timing else { Issue.record("the call has no time"); return }
        let text = try writer.object(.events, for: call)
        let later = start.addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        let moved = text.replacingOccurrences(of: formatter.string(from: start), with: formatter.string(from: later))
        #expect(try CalendarObjectState.read(moved, planned: call.timing).timing == .slot(start: later, minutes: minutes, timeZone: zone))
    }

    @Test func textWithoutATaskOrEventIsAnError() {
        #expect(throws: ICalendarError.self) {
            try CalendarObjectState.read("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", planned: email.timing)
        }
    }
}
