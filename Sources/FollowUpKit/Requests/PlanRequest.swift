import FollowUpPlanning
import FollowUpSupport
import Foundation

/// What `followup plan` does, callable from Swift: read the cards, plan, write the calendars.
public struct PlanRequest: Sendable {
    public var cardFiles: [String]
    /// The interview start as typed: `YYYY-MM-DD HH:MM`.
    public var at: String
    /// The IANA zone of `at`; nil means the system's.
    public var timeZoneName: String?
    public var company: String?
    public var role: String?
    /// Chooses one card from files that hold several.
    public var pick: String?
    /// Names the main contact who gets the check-in; the first card when nil.
    public var primary: String?
    /// `onsite`, `phone` or `video`; in person when nil.
    public var format: String?
    public var outputDirectory: URL
    /// Where the `.eml` drafts of the e-mails go; nil writes none.
    public var draftsDirectory: URL?
    /// The candidate who signs the drafts; nil leaves them unsigned, with a notice.
    public var profile: Profile?
    /// What the interviewers said and what the candidate wants to mention.
    public var instructions: InstructionInput
    /// The call's time and length, the working week, the holidays file.
    public var schedule: ScheduleInput
    /// The moment the plan is made: an interview still ahead of it gets a checklist item.
    /// Nil leaves the checklist out.
    public var now: Date?

    public init(cardFiles: [String], at: String, timeZoneName: String? = nil, company: String? = nil, role: String? = nil,
                pick: String? = nil, primary: String? = nil, format: String? = nil, outputDirectory: URL, draftsDirectory: URL? = nil,
                profile: Profile? = nil, instructions: InstructionInput = .init(), schedule: ScheduleInput = .init(), now: Date? = nil) {
        self.cardFiles = cardFiles
        self.at = at
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

    public struct Result: Sendable {
        public var plan: Plan
        public var files: CalendarFiles
        /// The `.eml` drafts, when `draftsDirectory` was given.
        public var drafts: DraftFiles?
        /// `file:line: warning: ...` lines about the cards.
        public var cardWarnings: [String]
        /// Advice for drafts that could be better: the plan's notices, and how to sign them
        /// when there is no profile.
        public var notices: [String]

        /// `plan`'s two files for `directory`, stamped `stamp`, its drafts for `draftsDirectory`
        /// signed by `profile` and dated `draftDate`, and its notices, with how to add a profile
        /// when there is none.
        static func rendering(_ plan: Plan, into directory: URL, stamp: Date, draftsDirectory: URL?, draftDate: Date,
                              profile: Profile?, cardWarnings: [String]) throws(FollowUpError) -> Result {
            let drafts = draftsDirectory.map { DraftFiles(plan: plan, profile: profile, directory: $0, date: draftDate) }
            let notices = plan.notices + (profile.map { $0.isEmpty } ?? true ? [ProfileReport.hint] : [])
            return Result(plan: plan, files: try CalendarFiles(plan: plan, directory: directory, stamp: stamp), drafts: drafts,
                          cardWarnings: cardWarnings, notices: notices)
        }
    }

    /// Validates everything and renders the calendars in memory; nothing is written yet.
    public func prepare() throws(FollowUpError) -> Result {
        let input = try interview()
        let plan = Planner(settings: input.settings, profile: profile).plan(input.interview, now: now)
        return try .rendering(plan, into: outputDirectory, stamp: now ?? Date(), draftsDirectory: draftsDirectory,
                              draftDate: now ?? plan.interview.start, profile: profile, cardWarnings: input.cardWarnings)
    }

    /// The interview and planner settings the request describes, read from the cards and
    /// options, before anything is planned.
    public func interview() throws(FollowUpError) -> (interview: Interview, settings: Planner.Settings, cardWarnings: [String]) {
        let zone = try timeZoneName.map { name throws(FollowUpError) in try InterviewInput.timeZone(named: name) }
            ?? InterviewInput.systemTimeZone
        let start = try InterviewInput.start(at, in: zone)
        guard !cardFiles.isEmpty else { throw .noInterviewers }
        let cards = try InterviewInput.loadCards(from: cardFiles)
        let interviewers = try InterviewInput.interviewers(from: cards, pick: pick)
        guard !interviewers.isEmpty else { throw .noInterviewers }
        let mainContact = try primary.map { query throws(FollowUpError) in
            try InterviewInput.interviewerIndex(query, in: interviewers)
        } ?? 0
        let calendar = Calendar.gregorian(in: zone)
        let settings = try schedule.settings(throughYear: calendar.component(.year, from: start) + 1)
        let interview = Interview(start: start, timeZone: zone, company: try Self.name(company, "--company"), role: try Self.name(role, "--role"),
                                  interviewers: interviewers, mainContact: mainContact,
                                  instructions: try instructions.resolved(),
                                  format: try format.nonEmpty.map { text throws(FollowUpError) in try Interview.Format.parse(text) } ?? .onsite)
        return (interview, settings, cards.flatMap(\.warningLines))
    }

    /// A company or role: nil when absent or `none`, else within `InterviewInput.longestName`.
    static func name(_ value: String?, _ option: String) throws(FollowUpError) -> String? {
        guard let value = value.nonEmpty, !InterviewInput.clears(value) else { return nil }
        return try InterviewInput.limited(value, option, InterviewInput.longestName)
    }

    /// `prepare()`, then write both files, and the drafts when asked for.
    public func run() throws(FollowUpError) -> Result {
        let result = try prepare()
        try result.files.write()
        try result.drafts?.write()
        return result
    }
}
