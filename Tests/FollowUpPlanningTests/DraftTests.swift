import FollowUpTestSupport
import Foundation
import Testing
@testable import FollowUpPlanning

/// The drafts in the candidate's own voice: personal talking points, signatures, English from
/// whatever was typed, dates that cannot be misread, greetings that fit the card.
struct DraftTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!

    static func person(_ name: String, given: String? = nil, family: String? = nil, prefix: String? = nil,
                       email: String? = nil, phone: String? = "+1 555 0100") -> Interviewer {
        .ofAcme(name, givenName: given, familyName: family, honorificPrefix: prefix, email: email, phone: phone)
    }

    static let panel = [person("Priya Raman", given: "Priya"), person("Lee Chen", given: "Lee")]

    static func interview(people: [Interviewer] = panel, day: String = "2026-12-01", format: Interview.Format = .onsite,
                          _ instructions: Instructions = .init()) -> Interview {
        .on(day, in: chicago, company: "Acme", role: "Backend Engineer", interviewers: people, instructions: instructions, format: format)
    }

    static let profile = Profile(name: "Alex Kim", emailAddresses: ["alex@example.com"], phone: "+1 312 555 0199")

    func plan(_ interview: Interview, profile: Profile? = nil, now: Date? = nil) -> Plan {
        Planner(profile: profile).plan(interview, now: now)
    }

    func thankYou(_ plan: Plan, to name: String) throws -> String {
        try #require(plan.followUps.first { $0.action == .thankYouEmail && $0.interviewer?.name == name }?.draft?.body)
    }

    func checkIn(_ plan: Plan) throws -> String {
        try #require(plan.followUps.first { $0.action == .checkInCall || $0.action == .checkInEmail }?.draft?.body)
    }

    // MARK: Personal talking points

    @Test func panelOfTwoEachTalkingPointOnlyInItsOwnInterviewersDraft() throws {
        let plan = plan(Self.interview(Instructions(talkingPoints: ["priya=the migration to event sourcing", "Lee=your on-call rotation"])))
        let priya = try thankYou(plan, to: "Priya Raman"), lee = try thankYou(plan, to: "Lee Chen")
        #expect(priya.contains("our conversation about the migration to event sourcing."))
        #expect(!priya.contains("on-call"))
        #expect(lee.contains("our conversation about your on-call rotation."))
        #expect(!lee.contains("event sourcing"))
        #expect(plan.notices.isEmpty)
    }

    @Test func talkingPointMatchesAFullNameOrAnEmailAddress() throws {
        let plan = plan(Self.interview(Instructions(talkingPoints: ["Priya Raman=testing", "lee.chen@acme.example=hiring"])))
        #expect(try thankYou(plan, to: "Priya Raman").contains("about testing."))
        #expect(try !thankYou(plan, to: "Priya Raman").contains("hiring"))
        #expect(try thankYou(plan, to: "Lee Chen").contains("about hiring."))
    }

    @Test func talkingPointWithoutAMatchingNameIsForEveryoneWhole() throws {
        let plan = plan(Self.interview(Instructions(talkingPoints: ["sam=the demo"])))
        for name in ["Priya Raman", "Lee Chen"] {
            #expect(try thankYou(plan, to: name).contains("about sam=the demo."))
        }
        #expect(plan.warnings.contains { $0.contains("names no one interviewer as 'sam'") })
    }

    @Test func sharedFirstNameIsNoMatch() throws {
        let people = [Self.person("Lee Chen", given: "Lee"), Self.person("Lee Park", given: "Lee")]
        let plan = plan(Self.interview(people: people, Instructions(talkingPoints: ["lee=the roadmap"])))
        #expect(try thankYou(plan, to: "Lee Chen").contains("lee=the roadmap"))
        #expect(try thankYou(plan, to: "Lee Park").contains("lee=the roadmap"))
    }

    @Test func draftsThatDifferOnlyInTheNameAreNoticedWithTheWayToPersonaliseThem() throws {
        let plan = plan(Self.interview(Instructions(talkingPoints: ["the robot fleet"])))
        #expect(plan.notices == [
            "the thank-you drafts to Priya Raman and Lee Chen are the same apart from the name; "
                + "make each personal with --talking-point \"priya=what you discussed\" --talking-point \"lee=what you discussed\"",
        ])
    }

    // MARK: The candidate's signature

    @Test func everyDraftIsSignedWithTheProfile() throws {
        let plan = plan(Self.interview(people: [Self.person("Priya Raman", given: "Priya", phone: nil), Self.person("Lee Chen", given: "Lee")],
                                       Instructions(preferredChannel: .email)),
                        profile: Self.profile)
        let emails = plan.followUps.filter { $0.action == .thankYouEmail || $0.action == .checkInEmail }
        #expect(emails.count == 3)
        for followUp in emails {
            #expect(followUp.draft?.body.hasSuffix("Best regards,\nAlex Kim\n+1 312 555 0199") == true, "\(followUp.summary)")
        }
    }

    @Test func callScriptSaysWhoIsCallingAndHowToCallBack() throws {
        let script = try checkIn(plan(Self.interview(), profile: Self.profile))
        #expect(script.hasPrefix("Hello Priya, this is Alex Kim. I am calling about"))
        #expect(script.hasSuffix("In case you need to reach me, my number is +1 312 555 0199."))
    }

    @Test func signatureTextReplacesNameAndPhone() throws {
        var profile = Self.profile
        profile.signature = "Alex Kim\nStaff Engineer\n\n"
        let body = try thankYou(plan(Self.interview(), profile: profile), to: "Lee Chen")
        #expect(body.hasSuffix("Best regards,\nAlex Kim\nStaff Engineer"))
    }

    @Test func withoutAProfileTheDraftEndsWithTheClosing() throws {
        let plan = plan(Self.interview())
        #expect(try thankYou(plan, to: "Lee Chen").hasSuffix("\n\nBest regards,"))
        #expect(try checkIn(plan).hasPrefix("Hello Priya, I am calling about"))
    }

    // MARK: English from what was typed

    @Test func strengthAsANounPhraseIsBuiltIntoASentence() throws {
        let body = try thankYou(plan(Self.interview(Instructions(strength: "Five years of Swift on Linux."))), to: "Lee Chen")
        #expect(body.contains(" I believe five years of Swift on Linux would let me contribute to your team from the start. "))
    }

    @Test func strengthAsASentenceIsKeptAndFollowedByWhyItMatters() throws {
        let body = try thankYou(plan(Self.interview(Instructions(strength: "I led a similar migration at Initech"))), to: "Lee Chen")
        #expect(body.contains(" I led a similar migration at Initech. I believe this would let me contribute to your team from the start. "))
        #expect(!body.contains("experience with I"))
    }

    @Test func strengthAsAResumeLineGetsItsSubject() throws {
        let body = try thankYou(plan(Self.interview(Instructions(strength: "Led a similar migration at Initech."))), to: "Lee Chen")
        #expect(body.contains(" I led a similar migration at Initech. I believe this would "))
    }

    @Test func talkingPointEndingInPunctuationIsNotDoubled() throws {
        for point in ["the robot fleet rollout.", "the robot fleet rollout!", "the robot fleet rollout?", "The robot fleet rollout…"] {
            let body = try thankYou(plan(Self.interview(Instructions(talkingPoints: [point]))), to: "Lee Chen")
            #expect(body.contains("our conversation about the robot fleet rollout. I am very"), "\(point)")
        }
    }

    @Test func talkingPointWrittenAsASentenceStandsAlone() throws {
        let body = try thankYou(plan(Self.interview(Instructions(talkingPoints: ["I enjoyed hearing how your team ships weekly"]))), to: "Lee Chen")
        #expect(body.contains(" I enjoyed hearing how your team ships weekly. "))
        #expect(!body.contains("conversation about I"))
    }

    @Test func companyEndingInAFullStopIsNotDoubled() throws {
        var interview = Self.interview()
        interview.company = "Acme Inc."
        interview.role = nil
        let body = try thankYou(plan(interview), to: "Lee Chen")
        #expect(body.contains("to discuss the role at Acme Inc. I am"))
        #expect(!body.contains(".."))
    }

    // MARK: Dates and greetings

    @Test func draftsNameTheDayAndTheDate() throws {
        let plan = plan(Self.interview(day: "2027-01-11"))
        #expect(try thankYou(plan, to: "Lee Chen").contains("meet with me on Monday, 11 January to discuss"))
        #expect(try checkIn(plan).contains("which we discussed on Monday, 11 January."))
    }

    @Test func greetingUsesTheGivenName() {
        #expect(Self.person("Dana Díaz", given: "Dana", family: "Díaz").greetingName == "Dana")
    }

    @Test func greetingUsesTheHonorificPrefixWithTheFamilyName() throws {
        let vogel = Self.person("Anna Vogel", given: "Anna", family: "Vogel", prefix: "Dr.")
        #expect(vogel.greetingName == "Dr. Vogel")
        #expect(try thankYou(plan(Self.interview(people: [vogel])), to: "Anna Vogel").hasPrefix("Dear Dr. Vogel,\n"))
    }

    @Test func greetingUsesTheFullNameNeverABareFamilyName() {
        #expect(Self.person("John Smith", family: "Smith").greetingName == "John Smith")
    }

    @Test func outlookLastCommaFirstIsAddressedByFirstName() {
        #expect(Self.person("Chen, Lee").greetingName == "Lee")
        #expect(Self.person("Chen, Lee Ann").greetingName == "Lee")
        #expect(Self.person("Lee Chen, PhD").greetingName == "Lee Chen, PhD")
        #expect(Self.person("Chen, Jr.").greetingName == "Chen, Jr.")
    }

    @Test func someoneKnownOnlyByAddressIsGreetedWithoutAName() throws {
        let person = Self.person("rhanley@google.com", email: "rhanley@google.com")
        let plan = plan(Self.interview(people: [person]), profile: Self.profile)
        let thanks = try thankYou(plan, to: "rhanley@google.com")
        #expect(thanks.hasPrefix("Hello,\n"))
        #expect(!thanks.contains("Dear"))
        let script = try checkIn(plan)
        #expect(script.hasPrefix("Hello, this is Alex Kim."))
        #expect(!script.contains("rhanley"))
    }

    // MARK: Check-in tone and the interview's form

    @Test func checkInMentionsTheDecisionDateAndNeverPleads() throws {
        let plan = plan(Self.interview(Instructions(decisionBy: CalendarDay(iso: "2026-12-09")!)), profile: Self.profile)
        let script = try checkIn(plan)
        #expect(script.contains("You mentioned that you expected to decide by Wednesday, 9 December"))
        #expect(!script.contains("under consideration"))
        #expect(DraftTone.concerns(in: script).isEmpty)
    }

    @Test func toneCheckCatchesPleading() {
        #expect(DraftTone.concerns(in: "I hope I am still under consideration") == ["sounds pleading ('still under consideration')"])
    }

    @Test func signatureThatPleadsIsWarnedBecauseItClosesTheCheckIn() {
        var profile = Self.profile
        profile.signature = "Alex. Please consider me, I really need this job"
        let plan = plan(Self.interview(), profile: profile)
        // One warning for the signature, giving each reason once.
        let warnings = plan.warnings.filter { $0.hasPrefix("the signature ") }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.contains("sounds pleading ('please consider me')") == true, "\(warnings)")
        #expect(warnings.first?.contains("sounds desperate ('really need this job')") == true, "\(warnings)")
    }

    @Test func phoneOrVideoInterviewIsSpeakingWithMe() throws {
        for format in [Interview.Format.phone, .video] {
            let body = try thankYou(plan(Self.interview(format: format)), to: "Lee Chen")
            #expect(body.contains("Thank you for speaking with me on Tuesday, 1 December about the Backend Engineer role at Acme."))
        }
    }

    @Test func remoteInterviewChecklistAsksForEmailAddressesNotCards() throws {
        let interview = Self.interview(day: "2026-12-10", format: .video)
        let plan = plan(interview, now: CalendarDay(iso: "2026-12-01")!.start(in: Self.chicago))
        let checklist = try #require(plan.followUps.first { $0.action == .interviewChecklist }?.draft?.body)
        #expect(checklist.contains("Ask each interviewer for their e-mail address"))
        #expect(!checklist.contains("business card"))
    }
}

extension DraftTests {
    @Test func equalsSignInAPhraseIsNoNameAndNoWarning() throws {
        let plan = plan(Self.interview(Instructions(talkingPoints: ["the x=y trick in your codebase"])))
        #expect(try thankYou(plan, to: "Lee Chen").contains("about the x=y trick in your codebase."))
        #expect(plan.warnings.isEmpty)
    }

    /// The links' encoder against Foundation's: the same text for ASCII of every kind, letters
    /// and marks outside ASCII (both encode them), emoji and line ends, with `@+` kept or not.
    @Test func linksArePercentEncodedAsFoundationWouldEncodeThem() {
        let pieces = ["a", "Z", "0", "-", ".", "_", "~", " ", "@", "+", "%", "&", "=", "?", "/", "\r\n", "\t", "\u{7F}",
                      "é", "Müller", "日本", "١٢٣", "🙂", "e\u{301}", "\u{1D518}", "ß"]
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for kept in ["", "@+"] {
                let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~" + kept))
                #expect(Drafts.percentEncoded(text, keeping: kept) == text.addingPercentEncoding(withAllowedCharacters: allowed), "\(text)")
            }
        }
    }
}
