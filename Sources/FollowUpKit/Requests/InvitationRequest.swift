import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import InvitationReading

/// What `followup plan --invite` and `followup add --invite` do, callable from Swift: read the
/// invitation (an .ics or a saved e-mail) and any cards, and make one interview of each event.
///
/// ```swift
/// let request = InvitationRequest(invitationFile: "mail.eml", me: ["me@example.com"],
///                                 outputDirectory: URL(fileURLWithPath: "calendar"), now: Date())
/// for result in try request.run() { print(result.plan.followUps.map(\.summary)) }
/// ```
public struct InvitationRequest: Sendable {
    public var invitationFile: String
    /// The invitation's bytes when they come from somewhere other than a file (the mailbox);
    /// `invitationFile` then only names them in messages.
    public var invitationContent: [UInt8]?
    /// Cards that add what they know (phone, title, zone) to the attendee with the same
    /// address, or add an interviewer the invitation does not list.
    public var cardFiles: [String]
    /// The candidate's addresses (`--me`).
    public var me: [String]
    /// More of the candidate's addresses, besides `me` and the profile's.
    public var selfAddresses: [String]
    /// The zone of the people met when neither a card nor the invitation gives one; nil means
    /// the system's. The invitation's instant is never changed by it.
    public var timeZoneName: String?
    public var company: String?
    public var role: String?
    public var pick: String?
    public var primary: String?
    /// `onsite`, `phone` or `video`; nil: `video` when the invitation carries a call link,
    /// else `onsite`.
    public var format: String?
    public var outputDirectory: URL
    /// Where the `.eml` drafts go; nil writes none.
    public var draftsDirectory: URL?
    /// The candidate, who signs the drafts; the profile's addresses are "you" among the
    /// attendees.
    public var profile: Profile?
    public var instructions: InstructionInput
    public var schedule: ScheduleInput
    /// The moment the plan is made: a recurring event is planned on its first occurrence from
    /// then, and an interview still ahead of it gets the checklist.
    public var now: Date
    /// The company of the stored interview planned from an event, for a later copy of its
    /// invitation that names none (`add --invite`); nil when nothing is stored.
    public var plannedCompany: (@Sendable (InvitationRevision) -> String?)?

    public init(invitationFile: String, cardFiles: [String] = [], me: [String] = [], selfAddresses: [String] = [],
                timeZoneName: String? = nil, company: String? = nil, role: String? = nil, pick: String? = nil,
                primary: String? = nil, format: String? = nil, outputDirectory: URL, draftsDirectory: URL? = nil,
                profile: Profile? = nil, instructions: InstructionInput = .init(), schedule: ScheduleInput = .init(), now: Date) {
        self.invitationFile = invitationFile
        self.cardFiles = cardFiles
        self.me = me
        self.selfAddresses = selfAddresses
        self.timeZoneName = timeZoneName
        self.company = company
        self.role = role
        self.pick = pick
        self.primary = primary
        self.format = format
        self.outputDirectory = outputDirectory
        self.draftsDirectory = draftsDirectory
        self.profile = profile
        self.instructions = instructions
        self.schedule = schedule
        self.now = now
    }

    /// Each event of the invitation, as an interview with its planner settings; and every
    /// warning about the files (`file:line: warning: ...`) and the events.
    public struct Reading: Sendable {
        public var invitation: Invitation
        public var interviews: [InvitationInterview]
        public var settings: [Planner.Settings]
        /// Warnings about the invitation file and the cards.
        public var fileWarnings: [String]

        /// Every warning: the files', then each event's warnings and notes.
        public var warnings: [String] { fileWarnings + interviews.flatMap(Self.lines) }

        /// An event's warnings, and whom it leaves without a thank-you.
        static func lines(_ item: InvitationInterview) -> [String] {
            item.warnings.map { "warning: \($0)" } + item.notes.map { "note: \($0)" }
        }
    }

    /// Reads the invitation and the cards and makes the interviews; nothing is written.
    public func read() throws(FollowUpError) -> Reading {
        let peopleZone = try timeZoneName.map { name throws(FollowUpError) in try InterviewInput.timeZone(named: name) }
            ?? InterviewInput.systemTimeZone
        // Only a zone the user named stands in for a TZID nothing defines; without one that is
        // an error that says to give --tz, never a guess at the system's zone.
        let fallbackZone = timeZoneName == nil ? nil : peopleZone
        let invitation: Invitation
        if let invitationContent {
            do {
                invitation = try InvitationReader.read(invitationContent, file: invitationFile, fallbackZone: fallbackZone)
            } catch {
                throw .invitation(error)
            }
        } else {
            invitation = try Self.readInvitation(invitationFile, fallbackZone: fallbackZone)
        }
        let cards = try InterviewInput.loadCards(from: cardFiles)
        let cardPeople = try InterviewInput.interviewers(from: cards, pick: pick)
        var context = InvitationContext(me: me, selfAddresses: selfAddresses + (profile?.emailAddresses ?? []),
                                        company: company, role: role, primary: primary,
                                        peopleZone: peopleZone, now: now)
        context.plannedCompany = plannedCompany
        let interviews: [InvitationInterview]
        do {
            interviews = try InvitationInterview.interviews(in: invitation, cards: cardPeople, context: context)
        } catch {
            throw FollowUpError(error)
        }
        guard !interviews.isEmpty else {
            throw .nothingToPlan(file: invitation.file, reason: "the file holds no event (VEVENT)")
        }
        let said = try instructions.resolved()
        let givenFormat = try format.nonEmpty.map { text throws(FollowUpError) in try Interview.Format.parse(text) }
        var settings: [Planner.Settings] = []
        var planned: [InvitationInterview] = []
        for var item in interviews {
            if var interview = item.interview {
                interview.instructions = said
                interview.format = givenFormat ?? (interview.videoLink == nil ? .onsite : .video)
                item.interview = interview
                let year = Calendar.gregorian(in: interview.timeZone).component(.year, from: interview.start) + 1
                settings.append(try schedule.settings(throughYear: year))
            } else {
                settings.append(Planner.Settings())
            }
            planned.append(item)
        }
        let fileWarnings = invitation.warnings.map { "\(invitation.file):\($0.line): warning: \($0.message)" }
        return Reading(invitation: invitation, interviews: planned, settings: settings,
                       fileWarnings: fileWarnings + cards.flatMap(\.warningLines))
    }

    /// The plan of each interview the invitation holds, rendered in memory; nothing is written.
    /// A cancelled event has nothing to plan: it is left out with a warning, and a file of
    /// nothing but cancellations is an error.
    public func prepare() throws(FollowUpError) -> [PlanRequest.Result] {
        let reading = try read()
        var results: [PlanRequest.Result] = []
        var warnings = reading.warnings
        for (item, settings) in zip(reading.interviews, reading.settings) {
            guard let interview = item.interview else {
                warnings.append("warning: \(reading.invitation.file): \(item.name) is cancelled: nothing is planned for it")
                continue
            }
            let plan = Planner(settings: settings, profile: profile).plan(interview, now: now)
            results.append(try .rendering(plan, into: outputDirectory, stamp: now, draftsDirectory: draftsDirectory, draftDate: now,
                                          profile: profile, cardWarnings: []))
        }
        guard !results.isEmpty else {
            throw .nothingToPlan(file: reading.invitation.file,
                                 reason: "the invitation cancels the interview; to cancel a stored one, run 'followup add --invite' with it")
        }
        results[0].cardWarnings = warnings
        // How to add a profile is said once, not once per event.
        for index in results.indices.dropFirst() { results[index].notices.removeAll { $0 == ProfileReport.hint } }
        return results
    }

    /// `prepare()`, then write every plan's two files; none is written when any plan fails.
    public func run() throws(FollowUpError) -> [PlanRequest.Result] {
        let results = try prepare()
        for result in results {
            try result.files.write()
            try result.drafts?.write()
        }
        return results
    }

    /// The invitation at `path`: a missing file or one that is no calendar is an error naming it.
    static func readInvitation(_ path: String, fallbackZone: TimeZone?) throws(FollowUpError) -> Invitation {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .invitationFileMissing(path) }
        guard !isDirectory.boolValue else {
            throw .invitation(InvitationError(file: path, reason: "it is a directory", fix: "name the .ics or .eml file"))
        }
        if let kind = FileKind.describe(fileAt: path) {
            throw .invitation(InvitationError(file: path, reason: "it is \(kind), not an invitation",
                                              fix: "save the invitation itself (.ics) or the whole e-mail (.eml)"))
        }
        do {
            return try InvitationReader.read(contentsOf: URL(fileURLWithPath: path), fallbackZone: fallbackZone)
        } catch {
            throw .invitation(error)
        }
    }

    /// What the user named on the command line, which wins over a stored interview on update.
    var given: InvitationUpdate.Given {
        var given: InvitationUpdate.Given = []
        if company.nonEmpty != nil { given.insert(.company) }
        if role.nonEmpty != nil { given.insert(.role) }
        if primary.nonEmpty != nil { given.insert(.mainContact) }
        if format.nonEmpty != nil { given.insert(.format) }
        let said = instructions
        if said.decisionBy != nil || said.followUpOn != nil || said.prefer != nil || said.noFollowUp
            || !said.talkingPoints.isEmpty || said.strength != nil {
            given.insert(.instructions)
        }
        if schedule.callAt != nil || schedule.callMinutes != nil || schedule.workdays != nil || schedule.holidaysFile != nil {
            given.insert(.schedule)
        }
        return given
    }
}
