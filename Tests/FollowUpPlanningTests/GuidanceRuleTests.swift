import Foundation
import Testing
import FollowUpTestSupport
@testable import FollowUpPlanning

/// One test per rule of `docs/follow-up-guidance.md`, and the interactions between them; `ruleN_...` tests rule N.
struct GuidanceRuleTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let chicago = TimeZone(identifier: "America/Chicago")!

    static func day(_ text: String) -> CalendarDay { CalendarDay(iso: text)! }

    static func person(_ name: String, email: String? = nil, phone: String? = "+1 555 0100", zone: TimeZone? = nil,
                       given: String? = nil) -> Interviewer {
        let person = Interviewer.ofAcme(name, givenName: given, email: email, phone: phone, zone: zone)
        // An empty address stands for a card without one.
        return email == "" ? person.with { $0.emails = [] } : person
    }

    static func interview(_ start: String, at hour: Int = 14, zone: TimeZone = chicago, people: [Interviewer] = [person("Dana Díaz")],
                          main: Int = 0, role: String? = "Backend Engineer", _ instructions: Instructions = .init()) -> Interview {
        .on(start, at: hour, in: zone, company: "Acme", role: role, interviewers: people, mainContact: main, instructions: instructions)
    }

    func plan(_ interview: Interview, settings: Planner.Settings = .init(), now: Date? = nil) -> Plan {
        Planner(settings: settings).plan(interview, now: now)
    }

    func checkIns(_ plan: Plan) -> [FollowUp] {
        plan.followUps.filter { $0.action == .checkInCall || $0.action == .checkInEmail }
    }

    // MARK: Rules 1 and 2: before and at the interview

    @Test func rule1_interviewStillAheadGetsTheAskHowToFollowUpChecklist() throws {
        let interview = Self.interview("2026-12-10")
        let plan = plan(interview, now: Self.day("2026-12-01").start(in: Self.chicago))
        let checklist = try #require(plan.followUps.first)
        #expect(checklist.action == .interviewChecklist)
        #expect(checklist.timing == .slot(start: interview.start, minutes: 15, timeZone: Self.chicago))
        #expect(checklist.draft?.body.contains("how and when you should follow up") == true)
    }

    @Test func rule1_interviewAlreadyOverHasNoChecklist() {
        let plan = plan(Self.interview("2026-12-01"), now: Self.day("2026-12-05").start(in: Self.chicago))
        #expect(!plan.followUps.contains { $0.action == .interviewChecklist })
    }

    @Test func rule2_checklistAsksForEveryInterviewersCard() throws {
        let interview = Self.interview("2026-12-10", people: [Self.person("Dana Díaz"), Self.person("Lee Chen")])
        let plan = plan(interview, now: Self.day("2026-12-01").start(in: Self.chicago))
        let checklist = try #require(plan.followUps.first { $0.action == .interviewChecklist })
        #expect(checklist.details.contains("business card"))
        #expect(checklist.details.contains("Dana Díaz, Lee Chen"))
    }

    // MARK: Rule 3: the interviewer's instructions come first

    @Test func rule3_namedDayWinsOverTheDefaultTiming() throws {
        let plan = plan(Self.interview("2026-12-01", Instructions(followUpOn: Self.day("2026-12-15"))))
        let checkIn = try #require(checkIns(plan).first)
        #expect(checkIn.timing.day == Self.day("2026-12-15"))
        #expect(checkIn.rule == 3)
    }

    @Test func rule3_namedDayWinsOverADecisionDate() throws {
        let plan = plan(Self.interview("2026-12-01", Instructions(decisionBy: Self.day("2026-12-09"), followUpOn: Self.day("2026-12-04"))))
        #expect(checkIns(plan).map(\.timing.day) == [Self.day("2026-12-04")])
    }

    @Test func rule3_noFollowUpLeavesOnlyTheThankYous() {
        let plan = plan(Self.interview("2026-12-01", people: [Self.person("Dana"), Self.person("Lee")], Instructions(noFollowUp: true)))
        #expect(plan.followUps.map(\.action) == [.thankYouEmail, .thankYouEmail])
    }

    // MARK: Rules 4 to 6: the thank-you e-mail

    @Test func rule4_thankYouIsDueTheNextWorkingDayForEachInterviewer() {
        let plan = plan(Self.interview("2026-12-04", people: [Self.person("Dana"), Self.person("Lee"), Self.person("Sam")]))
        let thankYous = plan.followUps.filter { $0.action == .thankYouEmail }
        #expect(thankYous.map(\.interviewer?.name) == ["Dana", "Lee", "Sam"])
        #expect(Set(thankYous.map(\.timing)) == [.day(Self.day("2026-12-07"))])
    }

    @Test func rule4_holidayOnTheDueDayMovesTheThankYou() {
        var settings = Planner.Settings()
        settings.workWeek.holidays = [Self.day("2026-12-02")]
        let plan = plan(Self.interview("2026-12-01"), settings: settings)
        #expect(plan.followUps.first?.timing == .day(Self.day("2026-12-03")))
    }

    @Test func rule4_customWorkWeekDecidesTheNextWorkingDay() {
        var settings = Planner.Settings()
        settings.workWeek = WorkWeek(weekdays: "Sun-Thu")!
        // A Thursday interview in a Sunday-to-Thursday week: the thank-you is due on Sunday.
        let plan = plan(Self.interview("2026-12-03"), settings: settings)
        #expect(plan.followUps.first?.timing == .day(Self.day("2026-12-06")))
    }

    @Test func rule5_draftGreetsByNameMentionsTheTalkingPointStrengthAndRole() throws {
        let interview = Self.interview("2026-12-01", people: [Self.person("Dana Díaz", given: "Dana")],
                                       Instructions(talkingPoints: ["the robot fleet rollout"], strength: "Swift on Linux"))
        let draft = try #require(plan(interview).followUps.first?.draft)
        #expect(draft.body.hasPrefix("Dear Dana,"))
        #expect(draft.body.contains("the robot fleet rollout"))
        #expect(draft.body.contains("Swift on Linux"))
        #expect(draft.body.contains("Backend Engineer role at Acme"))
        #expect(draft.body.hasSuffix("Best regards,"))
    }

    @Test func rule5_draftIsTwoToFourSentences() throws {
        for instructions in [Instructions(), Instructions(talkingPoints: ["testing"]), Instructions(talkingPoints: ["testing"], strength: "Go")] {
            let draft = try #require(plan(Self.interview("2026-12-01", instructions)).followUps.first?.draft)
            let message = draft.body.components(separatedBy: "\n\n")[1]
            let sentences = message.split(separator: ".").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            #expect((2...4).contains(sentences.count), "\(message)")
        }
    }

    @Test func rule5_mailtoLinkCarriesAddressSubjectAndBody() throws {
        let interview = Self.interview("2026-12-01", people: [Self.person("Dana", email: "dana+jobs@acme.example")])
        let draft = try #require(plan(interview).followUps.first?.draft)
        let link = try #require(draft.link)
        #expect(link.hasPrefix("mailto:dana+jobs@acme.example?subject=Thank%20you"))
        let components = try #require(URLComponents(string: link))
        #expect(components.queryItems?.first { $0.name == "body" }?.value?.replacingOccurrences(of: "\r\n", with: "\n") == draft.body)
    }

    @Test func rule6_thankYouGoesToThePreferredThenWorkThenFirstAddress() {
        let pref = Interviewer(name: "A", emails: [ContactDetail(value: "a@home", types: ["home"]), ContactDetail(value: "a@pref", types: ["pref"])])
        let ranked = Interviewer(name: "B", emails: [ContactDetail(value: "b@two", preference: 2), ContactDetail(value: "b@one", preference: 1)])
        let work = Interviewer(name: "C", emails: [ContactDetail(value: "c@home", types: ["home"]), ContactDetail(value: "c@work", types: ["work"])])
        let first = Interviewer(name: "D", emails: [ContactDetail(value: "d@one"), ContactDetail(value: "d@two")])
        let plan = plan(Self.interview("2026-12-01", people: [pref, ranked, work, first]))
        #expect(plan.followUps.filter { $0.action == .thankYouEmail }.map(\.address) == ["a@pref", "b@one", "c@work", "d@one"])
    }

    @Test func rule6_cardWithoutEmailGetsAWarningInsteadOfATask() {
        let plan = plan(Self.interview("2026-12-01", people: [Self.person("Dana"), Self.person("Sam", email: "")]))
        #expect(plan.followUps.filter { $0.action == .thankYouEmail }.map(\.interviewer?.name) == ["Dana"])
        #expect(plan.warnings.contains { $0.hasPrefix("no e-mail on card 'Sam'") })
    }

    // MARK: Rules 7 to 11: the check-in

    @Test func rule7_checkInIsTheFirstWorkingDayFiveDaysOnAtTen() throws {
        let call = try #require(checkIns(plan(Self.interview("2026-12-01"))).first)
        #expect(call.action == .checkInCall)
        #expect(call.timing == .slot(start: Self.day("2026-12-07").at(hour: 10, minute: 0, in: Self.chicago), minutes: 15, timeZone: Self.chicago))
        #expect(call.draft?.link == "tel:+15550100")
    }

    @Test func rule7_callTimeAndLengthCanBeChosen() throws {
        let settings = Planner.Settings(callTime: ClockTime(hour: 14, minute: 30), callDuration: .seconds(20 * 60))
        let call = try #require(checkIns(plan(Self.interview("2026-12-01"), settings: settings)).first)
        #expect(call.timing == .slot(start: Self.day("2026-12-07").at(hour: 14, minute: 30, in: Self.chicago), minutes: 20, timeZone: Self.chicago))
    }

    @Test(arguments: [
        // (decision date, expected check-in): after day five, before day five, on a Friday.
        ("2026-12-09", "2026-12-10"), ("2026-12-02", "2026-12-03"), ("2026-12-11", "2026-12-14"),
    ])
    func rule8_decisionDateMovesTheCheckInToTheWorkingDayAfterIt(decision: String, expected: String) throws {
        let plan = plan(Self.interview("2026-12-01", Instructions(decisionBy: Self.day(decision))))
        let checkIn = try #require(checkIns(plan).first)
        #expect(checkIn.timing.day == Self.day(expected))
        #expect(checkIn.rule == 8)
    }

    @Test func rule8_decisionOnTheInterviewDayStillWaitsForTheThankYou() throws {
        let plan = plan(Self.interview("2026-12-01", Instructions(decisionBy: Self.day("2026-12-01"))))
        // The working day after the decision is the thank-you's day; the check-in comes after it.
        #expect(checkIns(plan).map(\.timing.day) == [Self.day("2026-12-03")])
    }

    @Test func rule8_decisionDateBeforeTheInterviewIsIgnoredWithAWarning() {
        let plan = plan(Self.interview("2026-12-01", Instructions(decisionBy: Self.day("2026-11-20"))))
        #expect(checkIns(plan).map(\.timing.day) == [Self.day("2026-12-07")])
        #expect(plan.warnings.contains { $0.contains("--decision-by 2026-11-20") })
    }

    @Test func rule9_preferredEmailMakesTheCheckInAnEmail() throws {
        let checkIn = try #require(checkIns(plan(Self.interview("2026-12-01", Instructions(preferredChannel: .email)))).first)
        #expect(checkIn.action == .checkInEmail)
        #expect(checkIn.timing == .day(Self.day("2026-12-07")))
        #expect(checkIn.draft?.link?.hasPrefix("mailto:") == true)
    }

    @Test func rule9_cardWithoutPhoneMakesTheCheckInAnEmail() {
        let plan = plan(Self.interview("2026-12-01", people: [Self.person("Dana", phone: nil)]))
        #expect(checkIns(plan).map(\.action) == [.checkInEmail])
    }

    @Test func rule9_preferredPhoneWithoutANumberFallsBackToEmailWithAWarning() {
        let plan = plan(Self.interview("2026-12-01", people: [Self.person("Dana", phone: nil)], Instructions(preferredChannel: .phone)))
        #expect(checkIns(plan).map(\.action) == [.checkInEmail])
        #expect(plan.warnings.contains { $0.contains("prefers a call") })
    }

    @Test func rule10_oneCheckInPerInterviewToTheMainContact() {
        let people = [Self.person("Dana"), Self.person("Lee"), Self.person("Sam"), Self.person("Kim")]
        let plan = plan(Self.interview("2026-12-01", people: people, main: 2))
        #expect(checkIns(plan).map(\.interviewer?.name) == ["Sam"])
    }

    @Test func rule11_callIsAtTenOnTheInterviewersOwnClock() throws {
        let plan = plan(Self.interview("2026-12-01", people: [Self.person("Priya", zone: Self.newYork)]))
        let call = try #require(checkIns(plan).first)
        #expect(call.timing == .slot(start: Self.day("2026-12-07").at(hour: 10, minute: 0, in: Self.newYork), minutes: 15, timeZone: Self.newYork))
    }

    @Test func rule11_callAcrossADaylightSavingChangeKeepsTheInterviewersTen() throws {
        // Europe leaves summer time on 25 October 2026, the US on 1 November: in between, New York
        // is five hours behind Berlin instead of six.
        let interview = Self.interview("2026-10-22", at: 11, zone: Self.berlin, people: [Self.person("Priya", zone: Self.newYork)])
        let call = try #require(checkIns(plan(interview)).first)
        guard case .slot(let start, _, _) = call.timing else { Issue.record("not a call"); return }
        #expect(call.timing.day == Self.day("2026-10-27"))
        #expect(Calendar.gregorian(in: Self.newYork).component(.hour, from: start) == 10)
        #expect(Calendar.gregorian(in: Self.berlin).component(.hour, from: start) == 15)
    }

    @Test func rule11_callOutsideWorkingHoursIsWarned() {
        let plan = plan(Self.interview("2026-12-01"), settings: Planner.Settings(callTime: ClockTime(hour: 20, minute: 0)))
        #expect(plan.warnings.contains { $0.contains("outside working hours") })
    }

    // MARK: Rules 12 to 15: what never to do, and the end

    @Test func rule12_samePersonOnTwoCardsGetsOneThankYouAndAtMostOneCheckIn() {
        let dana = Self.person("Dana")
        let plan = plan(Self.interview("2026-12-01", people: [dana, dana, Self.person("Lee")], Instructions(decisionBy: Self.day("2026-12-09"))))
        #expect(plan.followUps.filter { $0.action == .thankYouEmail }.count == 2)
        #expect(checkIns(plan).count == 1)
    }

    @Test func rule12_twoAddressesUnderOneNameGetOneThankYouAndAWarningNamingBoth() {
        let organizer = Self.person("User 01", email: "user01@acme.example")
        let attendee = Self.person("User 01", email: "user01.other@acme.example")
        let plan = plan(Self.interview("2026-12-01", people: [organizer, attendee]))
        #expect(plan.followUps.filter { $0.action == .thankYouEmail }.map(\.address) == ["user01@acme.example"])
        #expect(plan.warnings.contains { $0.contains("'User 01' is named twice") && $0.contains("user01.other@acme.example") })
    }

    @Test func rule12_noCombinationOfInstructionsGivesTwoOfAKind() {
        let days = [nil, Self.day("2026-12-02"), Self.day("2026-12-09")]
        for decision in days {
            for named in days {
                for channel in [nil, Instructions.Channel.email, .phone] {
                    let plan = plan(Self.interview("2026-12-01", people: [Self.person("Dana"), Self.person("Lee", phone: nil)],
                                                   Instructions(decisionBy: decision, followUpOn: named, preferredChannel: channel)))
                    var seen = Set<String>()
                    for followUp in plan.followUps {
                        let kind = followUp.action == .thankYouEmail ? "thank-you" : "check-in"
                        let key = kind + " " + (followUp.interviewer?.name ?? "")
                        let isFirst = seen.insert(key).inserted
                        #expect(isFirst, "\(key) twice")
                    }
                    #expect(checkIns(plan).count == 1)
                }
            }
        }
    }

    @Test func rule13_noDraftTemplateSoundsDesperateOrMentionsOtherOffers() {
        for instructions in [Instructions(), Instructions(preferredChannel: .email), Instructions(talkingPoints: ["design"], strength: "Rust")] {
            let plan = plan(Self.interview("2026-12-10", people: [Self.person("Dana"), Self.person("Lee", phone: nil)], instructions),
                            now: Self.day("2026-12-01").start(in: Self.chicago))
            for followUp in plan.followUps {
                #expect(DraftTone.concerns(in: followUp.draft?.body ?? "") == [], "\(followUp.action)")
                #expect(DraftTone.concerns(in: followUp.details) == [], "\(followUp.action)")
            }
        }
    }

    @Test func rule13_userTalkingPointWithOtherOffersIsWarned() {
        let plan = plan(Self.interview("2026-12-01", Instructions(talkingPoints: ["I have another offer, so please hurry"])))
        #expect(plan.warnings.contains { $0.contains("mentions other offers") })
    }

    @Test func rule13_toneCheckCatchesDesperateAndPushyPhrases() {
        #expect(!DraftTone.concerns(in: "I really need this job").isEmpty)
        #expect(!DraftTone.concerns(in: "I haven’t heard back yet").isEmpty)
        #expect(DraftTone.concerns(in: "I enjoyed our talk about testing").isEmpty)
    }

    @Test func rule14_theThankYouIsAlwaysAnEmailNeverANote() {
        let plan = plan(Self.interview("2026-12-01", people: [Self.person("Dana"), Self.person("Lee")]))
        for thankYou in plan.followUps where thankYou.action == .thankYouEmail {
            #expect(thankYou.action.channel == "e-mail")
            #expect(thankYou.draft?.link?.hasPrefix("mailto:") == true)
        }
    }

    @Test func rule15_followUpsStartPlannedSoTheStoreCanCancelThem() {
        let plan = plan(Self.interview("2026-12-01"))
        #expect(plan.followUps.allSatisfy { $0.status == .planned })
    }

    // MARK: Interactions

    @Test func issueExampleBerlinInterviewWithNewYorkPrimaryAndDecisionDate() throws {
        let people = [Self.person("Dana", zone: nil), Self.person("Priya", zone: Self.newYork)]
        let interview = Self.interview("2026-12-03", at: 16, zone: Self.berlin, people: people, main: 1,
                                       Instructions(decisionBy: Self.day("2026-12-09")))
        let plan = plan(interview, now: Self.day("2026-12-05").start(in: Self.berlin))
        #expect(plan.followUps.map(\.action) == [.thankYouEmail, .thankYouEmail, .checkInCall])
        #expect(plan.followUps.prefix(2).allSatisfy { $0.timing == .day(Self.day("2026-12-04")) })
        guard case .slot(let start, _, let zone) = plan.followUps[2].timing else { Issue.record("not a call"); return }
        #expect(zone == Self.newYork)
        #expect(start == Self.day("2026-12-10").at(hour: 10, minute: 0, in: Self.newYork))
        #expect(start == Self.day("2026-12-10").at(hour: 16, minute: 0, in: Self.berlin))
    }

    @Test func panelOfFourWithoutOneEmailAndOnePhone() {
        let people = [Self.person("Dana"), Self.person("Lee", email: ""), Self.person("Sam", phone: nil), Self.person("Kim")]
        let plan = plan(Self.interview("2026-12-04", people: people, main: 2))
        #expect(plan.followUps.filter { $0.action == .thankYouEmail }.map(\.interviewer?.name) == ["Dana", "Sam", "Kim"])
        #expect(checkIns(plan).map(\.action) == [.checkInEmail])
        #expect(checkIns(plan).map(\.timing.day) == [Self.day("2026-12-09")])
        #expect(plan.warnings.count == 1)
    }

    @Test func weekendInterviewCountsFromItsOwnDay() {
        let plan = plan(Self.interview("2026-12-06"))
        #expect(plan.followUps.map(\.timing.day) == [Self.day("2026-12-07"), Self.day("2026-12-11")])
    }

    @Test func workWeekParsesRangesListsAndWrapAround() {
        #expect(WorkWeek(weekdays: "Mon-Fri")?.weekdays == [2, 3, 4, 5, 6])
        #expect(WorkWeek(weekdays: "sun-thu")?.weekdays == [1, 2, 3, 4, 5])
        #expect(WorkWeek(weekdays: "Mon,Wed,Friday")?.weekdays == [2, 4, 6])
        #expect(WorkWeek(weekdays: "Fri-Mon")?.weekdays == [6, 7, 1, 2])
        #expect(WorkWeek(weekdays: "Funday") == nil)
    }
}
