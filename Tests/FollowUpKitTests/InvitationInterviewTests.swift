import Foundation
import Testing
import FollowUpPlanning
import FollowUpTestSupport
import InvitationReading
@testable import FollowUpKit

/// Interviews made from invitations built as values: who is thanked, who gets the check-in,
/// which company and role, which zone. The same rules run end to end on real files in
/// `EndToEndTests/InviteCommandTests`.
struct InvitationInterviewTests {
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    let chicago = TimeZone(identifier: "America/Chicago")!
    /// 2026-11-18 00:00 UTC: before every interview below.
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let start = Date(timeIntervalSince1970: 1_796_310_000)  // 2026-12-03 15:00 UTC

    /// An Exchange/Teams invitation as Outlook sends it to a panel: a recruiter organizes, two
    /// interviewers, you, a meeting room, and someone who declined.
    func exchangePanel(summary: String = "Interview: Backend Engineer") -> InvitationEvent {
        InvitationEvent(
            line: 30, uid: "040000008200E00074C5B7101A82E008", sequence: 0, status: .confirmed, summary: summary,
            start: .instant(start, zone: "Europe/Berlin"), dtstamp: Date(timeIntervalSince1970: 1_794_000_000),
            organizer: Organizer(name: "Ramos, Rita", email: "rita.ramos@acme-robotics.com"),
            attendees: [
                Attendee(name: "Dana Díaz", email: "dana.diaz@acme-robotics.com", role: .required, participation: .accepted),
                Attendee(name: "Lee Chen", email: "lee.chen@acme-robotics.com", role: .required, participation: .needsAction),
                Attendee(name: "Sam Park", email: "sam.park@acme-robotics.com", role: .optional, participation: .declined),
                Attendee(name: "Room 4.1 (Berlin)", email: "room41@acme-robotics.com", kind: .room, role: .nonParticipant),
                Attendee(name: "Alex Candidate", email: "alex@example.org", role: .required, participation: .accepted),
            ],
            location: "Room 4.1 (Berlin); Microsoft Teams Meeting",
            conference: URL(string: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc"))
    }

    /// A Google Calendar invitation: UTC times, the organizer also an accepted attendee, a room
    /// by its resource address, you on Gmail, a Meet link.
    func google() -> InvitationEvent {
        InvitationEvent(
            line: 12, uid: "7kukuqrfedlm2f9t0vr42q2gq8@google.com", sequence: 0, status: .confirmed,
            summary: "Backend Engineer interview – Acme", start: .instant(start, zone: nil),
            dtstamp: Date(timeIntervalSince1970: 1_794_000_000),
            organizer: Organizer(name: "Priya Raman", email: "priya@acme.example"),
            attendees: [
                Attendee(name: "Priya Raman", email: "priya@acme.example", role: .required, participation: .accepted),
                Attendee(name: "alex.candidate@gmail.com", email: "alex.candidate@gmail.com", role: .required, participation: .needsAction),
                Attendee(name: "Berlin-4-Spree (8)", email: "c_1881abc@resource.calendar.google.com", kind: .room, participation: .accepted),
                Attendee(name: "omar.haddad@acme.example", email: "omar.haddad@acme.example", role: .required, participation: .accepted),
            ],
            conference: URL(string: "https://meet.google.com/abc-defg-hij"))
    }

    func invitation(_ events: InvitationEvent..., method: String = "REQUEST") -> Invitation {
        Invitation(file: "invite.ics", method: method, events: events)
    }

    func context(me: [String] = ["alex@example.org", "alex.candidate@gmail.com"], zone: TimeZone? = nil,
                 company: String? = nil, role: String? = nil, primary: String? = nil) -> InvitationContext {
        InvitationContext(me: me, company: company, role: role, primary: primary, peopleZone: zone ?? chicago, now: now)
    }

    func interview(_ event: InvitationEvent, cards: [Interviewer] = [], context: InvitationContext? = nil) throws -> Interview {
        let items = try InvitationInterview.interviews(in: invitation(event), cards: cards, context: context ?? self.context())
        return try #require(items.first?.interview)
    }

    @Test func theOrganizerAndAttendeesYouMetAreThankedButNotYouARoomOrWhoDeclined() throws {
        let plan = Planner().plan(try interview(exchangePanel()), now: now)
        let thanked = plan.followUps.filter { $0.action == .thankYouEmail }.map(\.address)
        #expect(thanked == ["rita.ramos@acme-robotics.com", "dana.diaz@acme-robotics.com", "lee.chen@acme-robotics.com"])
    }

    /// Issue 25: a 1 MB invitation of 13,000 attendees took 1.9 s to plan, a thank-you each.
    @Test func aMeetingOfThousandsPlansTheOrganizerAndTheFirstOthersAndSaysSo() throws {
        var event = exchangePanel()
        event.attendees += (0..<5_000).map { Attendee(name: "Person \($0)", email: "p\($0)@acme-robotics.com", role: .required) }
        let items = try InvitationInterview.interviews(in: invitation(event), cards: [], context: context())
        let crowd = try #require(items.first?.interview)
        #expect(crowd.interviewers.count == InvitationInterview.maximumPeopleMet)
        #expect(crowd.interviewers[crowd.mainContact].emails.first?.value == "rita.ramos@acme-robotics.com")
        #expect(items[0].warnings.contains { $0.contains("lists 5003 people met; only 100") }, "\(items[0].warnings)")
        let panel = try interview(exchangePanel())
        #expect(panel.interviewers.count == 3, "a panel under the bound is planned whole")
    }

    @Test func whoIsLeftOutSaysWhy() {
        let people = InvitationPeople(exchangePanel(), me: ["ALEX@example.org"])
        #expect(people.includesYou)
        #expect(people.leftOut.map(\.why) == [.declined, .room, .you])
    }

    @Test func exchangeNamesWrittenFamilyFirstAreTurnedAround() throws {
        let interview = try interview(exchangePanel())
        #expect(interview.interviewers[0].name == "Rita Ramos")
        #expect(interview.interviewers[0].greetingName == "Rita")
    }

    /// An attendee's name keeps its parts for the greeting and the exported contact, as a card's `N` would.
    @Test func anAttendeesTitleIsAPrefixNotAFirstName() throws {
        var event = exchangePanel()
        event.attendees[0] = Attendee(name: "Dr. Dana Díaz", email: "dana.diaz@acme-robotics.com", role: .required, participation: .accepted)
        let dana = try #require(try interview(event).interviewers.first { $0.name == "Dr. Dana Díaz" })
        #expect([dana.honorificPrefix, dana.givenName, dana.familyName] == ["Dr.", "Dana", "Díaz"])
        #expect(dana.greetingName == "Dr. Díaz")
    }

    @Test func theCheckInGoesToTheOrganizerWhenAPerson() throws {
        let plan = Planner().plan(try interview(exchangePanel()), now: now)
        let checkIn = try #require(plan.followUps.first { $0.action == .checkInEmail || $0.action == .checkInCall })
        #expect(checkIn.address == "rita.ramos@acme-robotics.com")
        // No phone on the invitation: an e-mail on the first working day five days on.
        #expect(checkIn.action == .checkInEmail)
        #expect(checkIn.timing.day == CalendarDay(iso: "2026-12-08"))
    }

    @Test func theCheckInGoesToTheFirstInterviewerWhenTheOrganizerIsAService() throws {
        var event = exchangePanel()
        event.organizer = Organizer(name: "Acme Recruiting", email: "no-reply@greenhouse.io")
        let interview = try interview(event)
        #expect(interview.interviewers.map(\.name) == ["Dana Díaz", "Lee Chen"])
        #expect(interview.mainContact == 0)
    }

    @Test func primaryNamesTheMainContact() throws {
        let interview = try interview(exchangePanel(), context: context(primary: "lee.chen@acme-robotics.com"))
        #expect(interview.interviewers[interview.mainContact].name == "Lee Chen")
    }

    @Test func noAttendeeKnownToBeYouIsRefusedWithTheAddresses() throws {
        let error = try #require(throws: InvitationPlanningError.self) {
            try interview(exchangePanel(), context: context(me: []))
        }
        #expect(!error.description.contains("--me"), "the library names no option")
        let message = FollowUpError(error).description
        #expect(message.contains("--me ADDRESS"))
        #expect(message.hasPrefix("invite.ics: none of the attendees is known to be you"))
        #expect(message.contains("dana.diaz@acme-robotics.com, lee.chen@acme-robotics.com"))
        #expect(message.contains("--me"))
    }

    @Test func selfAddressesFromTheProfileCountAsYou() throws {
        let context = InvitationContext(selfAddresses: ["alex@example.org"], peopleZone: chicago, now: now)
        #expect(try interview(exchangePanel(), context: context).interviewers.count == 3)
    }

    @Test func noReplyAndSchedulingAddressesAreNoOneToThank() {
        for address in ["no-reply@zoom.us", "noreply@acme.example", "do-not-reply@acme.example", "DoNotReply@acme.example",
                        "calendar-notification@google.com", "notifications@calendly.com", "interviews@greenhouse.io"] {
            #expect(InvitationPeople.isAutomated(address), "\(address)")
        }
        for address in ["dana@zoom.us", "reply@acme.example", "norah.eply@acme.example"] {
            #expect(!InvitationPeople.isAutomated(address), "\(address)")
        }
    }

    @Test func aGoogleResourceAddressIsARoomAndAGroupIsNoPerson() {
        var event = google()
        event.attendees[2].kind = .individual  // the reader marks it a room; the address alone says so too
        event.attendees.append(Attendee(name: "Hiring team", email: "hiring@acme.example", kind: .group))
        let people = InvitationPeople(event, me: ["alex.candidate@gmail.com"])
        #expect(people.met.map(\.email) == ["priya@acme.example", "omar.haddad@acme.example"])
        #expect(people.leftOut.map(\.why) == [.you, .room, .group])
    }

    @Test func googleUTCTimesTakeThePeoplesZoneAndKeepTheInstant() throws {
        let interview = try interview(google(), context: context(zone: berlin))
        #expect(interview.start == start)
        #expect(interview.timeZone == berlin)
        let plan = Planner().plan(interview, now: now)
        let checklist = try #require(plan.followUps.first { $0.action == .interviewChecklist })
        #expect(checklist.details.contains("Interview: Thu 3 Dec 2026 16:00 (Europe/Berlin)"))
        #expect(checklist.details.contains("Join: https://meet.google.com/abc-defg-hij"))
    }

    @Test func theInvitationsZoneWinsOverThePeoplesZone() throws {
        let interview = try interview(exchangePanel(), context: context(zone: chicago))
        #expect(interview.timeZone == berlin)
        #expect(interview.start == start)
    }

    @Test func anAddressUsedAsTheNameBecomesAName() throws {
        let interview = try interview(google())
        #expect(interview.interviewers.map(\.name) == ["Priya Raman", "Omar Haddad"])
        #expect(interview.interviewers[1].greetingName == "Omar")
    }

    /// Google writes the address as the CN of people outside the organisation.
    func googleWith(_ attendees: [Attendee]) -> InvitationEvent {
        var event = google()
        event.attendees += attendees
        return event
    }

    @Test func anAddressThatNamesNoOneForSureStaysAnAddressAndIsGreetedWithoutIt() throws {
        let event = googleWith([
            Attendee(name: "rhanley@acme.example", email: "rhanley@acme.example", role: .required, participation: .accepted),
            Attendee(name: "mario.kleiner.de@gmail.com", email: "mario.kleiner.de@gmail.com", role: .required, participation: .accepted),
        ])
        let interview = try interview(event)
        #expect(interview.interviewers.map(\.name) == ["Priya Raman", "Omar Haddad", "rhanley@acme.example", "mario.kleiner.de@gmail.com"])
        let drafts = Planner().plan(interview, now: now).followUps.filter { $0.action == .thankYouEmail }.compactMap(\.draft?.body)
        #expect(drafts.count == 4)
        #expect(drafts.filter { $0.hasPrefix("Hello,\n") }.count == 2)
        #expect(!drafts.contains { $0.contains("Dear rhanley") || $0.contains("Mario Kleiner De") })
    }

    @Test func aCardOfTheSameAddressNamesSomeoneTheInvitationDoesNot() throws {
        let event = googleWith([Attendee(name: "rhanley@acme.example", email: "rhanley@acme.example", role: .required)])
        let card = Interviewer(name: "Rob Hanley", givenName: "Rob", emails: [ContactDetail(value: "rhanley@acme.example", types: ["work"])])
        let interview = try interview(event, cards: [card])
        let plan = Planner().plan(interview, now: now)
        let draft = try #require(plan.followUps.first { $0.address == "rhanley@acme.example" && $0.action == .thankYouEmail }?.draft)
        #expect(draft.body.hasPrefix("Dear Rob,\n"))
    }

    @Test(arguments: [
        ("openbmc@lists.ozlabs.org", "openbmc@lists.ozlabs.org"),
        ("linux-arm-kernel@lists.infradead.org", "linux-arm-kernel@lists.infradead.org"),
        ("Virtualization", "virtualization@lists.linux-foundation.org"),
        ("ML mesa-dev", "mesa-dev@lists.freedesktop.org"),
        ("amd-gfx list", "amd-gfx@freedesktop.example"),
        ("ML nouveau", "nouveau@freedesktop.example"),
    ])
    func aMailingListMarkedAsAPersonGetsNoThankYouAndANote(name: String, email: String) throws {
        let event = googleWith([Attendee(name: name, email: email, kind: .individual, role: .required, participation: .needsAction)])
        let items = try InvitationInterview.interviews(in: invitation(event), cards: [], context: context())
        let item = try #require(items.first)
        let thanked = Planner().plan(try #require(item.interview), now: now).followUps.filter { $0.action == .thankYouEmail }
        #expect(thanked.map(\.address) == ["priya@acme.example", "omar.haddad@acme.example"])
        #expect(item.notes.contains { $0.contains("no thank-you to \(name)") && $0.contains("a mailing list") })
    }

    @Test(arguments: ["Lee Lister", "Anna Mlynar", "Listo", "Emily"])
    func namesThatOnlyLookLikeListsArePeople(name: String) {
        #expect(!InvitationPeople.isMailingList(name: name))
    }

    @Test func theCompanyIsTheSharedDomainOfThePeopleMet() throws {
        #expect(try interview(exchangePanel()).company == "Acme Robotics")
        #expect(try interview(google()).company == "Acme")
    }

    @Test func freeMailNeverNamesTheCompany() throws {
        var event = google()
        event.organizer = Organizer(name: "Priya Raman", email: "priya.raman@gmail.com")
        event.attendees = [Attendee(name: "Alex", email: "alex.candidate@gmail.com"), Attendee(name: "Omar", email: "omar@outlook.com")]
        let error = try #require(throws: InvitationPlanningError.self) { try interview(event) }
        #expect(!error.description.contains("--company"), "the library names no option")
        #expect(FollowUpError(error).description.contains("name it with --company"))
        #expect(try interview(event, context: context(company: "Acme")).company == "Acme")
    }

    @Test func aCardsOrganisationNamesTheCompany() throws {
        let card = Interviewer.named("Dana Díaz", organization: "Acme Robotics GmbH", email: "dana.diaz@acme-robotics.com")
        #expect(try interview(exchangePanel(), cards: [card]).company == "Acme Robotics GmbH")
    }

    @Test func aCardAddsPhoneTitleAndZoneToTheAttendeeWithItsAddress() throws {
        let card = Interviewer.named("Dana Díaz", givenName: "Dana", title: "Engineering Manager", email: "Dana.Diaz@acme-robotics.com",
                                     emailTypes: ["work"], phone: "+1 212 555 0123", zone: .newYork)
        let interview = try interview(exchangePanel(), cards: [card], context: context(primary: "dana"))
        #expect(interview.interviewers.count == 3)
        let dana = interview.interviewers[1]
        #expect(dana.title == "Engineering Manager")
        #expect(dana.preferredPhone == "+1 212 555 0123")
        // The call is at 10:00 on Dana's clock, in New York, by the card's zone.
        let plan = Planner().plan(interview, now: now)
        let call = try #require(plan.followUps.first { $0.action == .checkInCall })
        guard case .slot(_, _, let zone) = call.timing else { Issue.record("no slot"); return }
        #expect(zone.identifier == "America/New_York")
    }

    @Test func aCardOfSomeoneNotOnTheInvitationAddsAnInterviewer() throws {
        let card = Interviewer.named("Kim Lee", email: "kim@acme-robotics.com")
        let interview = try interview(exchangePanel(), cards: [card])
        #expect(interview.interviewers.map(\.name) == ["Rita Ramos", "Dana Díaz", "Lee Chen", "Kim Lee"])
    }

    @Test(arguments: [
        ("Interview: Backend Engineer", "Backend Engineer"),
        ("Backend Engineer interview – Acme", "Backend Engineer"),
        ("Interview for the Senior iOS Developer role", "Senior iOS Developer"),
        ("Acme: Data Scientist Interview", "Data Scientist"),
        ("Phone interview - Site Reliability Engineer (Acme)", "Site Reliability Engineer"),
        ("Final interview: Head of Product", "Head of Product"),
    ])
    func theSummaryNamesTheRole(summary: String, role: String) throws {
        #expect(try interview(exchangePanel(summary: summary)).role == role)
    }

    @Test(arguments: ["Teams meeting", "Phone interview", "Interview with Dana", "Acme Robotics interview", "Interviews",
                      "Weekly interview loop – Acme", "Interview (rescheduled)"])
    func aSummaryThatNamesNoRoleGivesNone(summary: String) throws {
        #expect(try interview(exchangePanel(summary: summary)).role == nil)
    }

    @Test func roleGivenWinsOverTheSummary() throws {
        #expect(try interview(exchangePanel(), context: context(role: "Platform Engineer")).role == "Platform Engineer")
    }

    @Test func theLocationAndVideoLinkGoIntoTheChecklist() throws {
        let plan = Planner().plan(try interview(exchangePanel()), now: now)
        let checklist = try #require(plan.followUps.first { $0.action == .interviewChecklist })
        #expect(checklist.details.contains("Interview: Thu 3 Dec 2026 16:00 (Europe/Berlin)"))
        #expect(checklist.details.contains("Where: Room 4.1 (Berlin); Microsoft Teams Meeting"))
        #expect(checklist.details.contains("Join: https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc"))
    }

    @Test func eventsWithDifferentUIDsAreEachAnInterview() throws {
        var second = google()
        second.uid = "second@google.com"
        let items = try InvitationInterview.interviews(in: invitation(exchangePanel(), second), cards: [], context: context())
        #expect(items.count == 2)
        #expect(items.map { $0.revision?.uid } == ["040000008200E00074C5B7101A82E008", "second@google.com"])
    }

    @Test func aCancelledEventHasNothingToPlanButIdentifiesTheInterview() throws {
        var event = exchangePanel()
        event.sequence = 2
        let items = try InvitationInterview.interviews(in: invitation(event, method: "CANCEL"), cards: [], context: context(me: []))
        #expect(items.count == 1)
        #expect(items[0].isCancellation)
        #expect(items[0].revision?.sequence == 2)
    }

    @Test func anInvitationListingNoOneYouMetIsAnError() throws {
        var event = exchangePanel()
        event.organizer = nil
        event.attendees = [Attendee(name: "Alex", email: "alex@example.org"), Attendee(name: "Room", email: "r@acme.example", kind: .room)]
        let error = try #require(throws: InvitationPlanningError.self) { try interview(event) }
        #expect(!error.description.contains("--card"), "the library names no option")
        #expect(FollowUpError(error).description.contains("add your interviewers' cards with --card"))
    }
}
