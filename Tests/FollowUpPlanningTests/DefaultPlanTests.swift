import Foundation
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning

/// The default plan of docs/follow-up-guidance.md: a thank-you the next working day, one check-in
/// call at least five days later, 10:00 in the interviewer's zone.
struct DefaultPlanTests {
    let chicago = TimeZone(identifier: "America/Chicago")!

    func instant(_ day: CalendarDay, _ hour: Int, _ minute: Int = 0, in zone: TimeZone) -> Date {
        day.at(hour: hour, minute: minute, in: zone)
    }

    func interviewer(_ name: String, email: String? = "x@acme.example", phone: String? = "+1 555 0100", zone: TimeZone? = nil) -> Interviewer {
        .named(name, organization: "Acme", email: email, phone: phone, zone: zone)
    }

    func plan(at day: CalendarDay, _ hour: Int, in zone: TimeZone, _ people: [Interviewer]) -> Plan {
        Planner().plan(.on("\(day)", at: hour, in: zone, role: nil, interviewers: people))
    }

    @Test func tuesdayInterviewGivesWednesdayThankYouAndMondayCall() throws {
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago, [interviewer("Dana")])
        let thankYou = try #require(plan.followUps.first { $0.action == .thankYouEmail })
        #expect(thankYou.timing == .day(CalendarDay(year: 2026, month: 12, day: 2)))
        let call = try #require(plan.followUps.first { $0.action == .checkInCall })
        #expect(call.timing == .slot(start: instant(CalendarDay(year: 2026, month: 12, day: 7), 10, in: chicago), minutes: 15, timeZone: chicago))
        #expect(plan.followUps.count == 2)
    }

    @Test func fridayInterviewGivesMondayThankYouAndWednesdayCall() {
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 4), 11, in: chicago, [interviewer("Dana")])
        #expect(plan.followUps.map(\.timing.day) == [CalendarDay(year: 2026, month: 12, day: 7), CalendarDay(year: 2026, month: 12, day: 9)])
    }

    @Test func thursdayEveningInterviewCountsFromThursdayInItsOwnZone() {
        // 21:30 in Los Angeles is already Friday in UTC; the plan must still count from Thursday.
        let losAngeles = TimeZone(identifier: "America/Los_Angeles")!
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 3), 21, in: losAngeles, [interviewer("Dana")])
        #expect(plan.followUps.map(\.timing.day) == [CalendarDay(year: 2026, month: 12, day: 4), CalendarDay(year: 2026, month: 12, day: 8)])
    }

    @Test func saturdayInterviewGivesMondayThankYou() {
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 5), 10, in: chicago, [interviewer("Dana")])
        #expect(plan.followUps.first?.timing.day == CalendarDay(year: 2026, month: 12, day: 7))
    }

    @Test func callIsAtTenInTheInterviewersOwnZone() throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago, [interviewer("Priya", zone: newYork)])
        let call = try #require(plan.followUps.first { $0.action == .checkInCall })
        guard case .slot(let start, _, let zone) = call.timing else { Issue.record("not a timed call"); return }
        #expect(zone == newYork)
        #expect(start == instant(CalendarDay(year: 2026, month: 12, day: 7), 10, in: newYork))
        #expect(start == instant(CalendarDay(year: 2026, month: 12, day: 7), 9, in: chicago))
    }

    @Test func everyInterviewerWithAnEmailGetsOneThankYouButOnlyTheMainContactIsCalled() {
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago,
                        [interviewer("Dana", email: "dana@acme.example"), interviewer("Lee", email: "lee@acme.example")])
        #expect(plan.followUps.filter { $0.action == .thankYouEmail }.map(\.interviewer?.name) == ["Dana", "Lee"])
        #expect(plan.followUps.filter { $0.action == .checkInCall }.map(\.interviewer?.name) == ["Dana"])
    }

    @Test func cardWithoutEmailGivesAWarningNotATask() {
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago, [interviewer("Sam", email: nil)])
        #expect(!plan.followUps.contains { $0.action == .thankYouEmail })
        #expect(plan.warnings.contains { $0.contains("no e-mail on card 'Sam'") })
    }

    @Test func mainContactWithoutPhoneGetsACheckInEmail() {
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago, [interviewer("Dana", phone: nil)])
        #expect(plan.followUps.map(\.action) == [.thankYouEmail, .checkInEmail])
    }

    @Test func preferredEmailIsPrefThenWorkThenFirst() {
        let pref = Interviewer(name: "A", emails: [ContactDetail(value: "home@x", types: ["home"]), ContactDetail(value: "pref@x", types: ["pref"])])
        let work = Interviewer(name: "B", emails: [ContactDetail(value: "home@x", types: ["home"]), ContactDetail(value: "work@x", types: ["work"])])
        let first = Interviewer(name: "C", emails: [ContactDetail(value: "one@x"), ContactDetail(value: "two@x")])
        #expect([pref, work, first].map(\.preferredEmail) == ["pref@x", "work@x", "one@x"])
    }

    @Test func identifiersAreStableAndDistinct() {
        let people = [interviewer("Dana", email: "dana@acme.example"), interviewer("Lee", email: "lee@acme.example")]
        let first = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago, people)
        let again = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago, people)
        #expect(first.followUps.map(\.id) == again.followUps.map(\.id))
        #expect(Set(first.followUps.map(\.id)).count == first.followUps.count)
    }

    @Test func summaryNamesActionPersonAndCompany() {
        let plan = plan(at: CalendarDay(year: 2026, month: 12, day: 1), 14, in: chicago, [interviewer("Dana Díaz")])
        #expect(plan.followUps.first?.summary == "Thank-you e-mail to Dana Díaz (Acme)")
    }
}
