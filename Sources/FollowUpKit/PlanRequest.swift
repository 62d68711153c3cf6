import FollowUpPlanning
import Foundation
import VCardKit

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
    public var outputDirectory: URL
    /// What the interviewers said and what the candidate wants to mention.
    public var instructions: InstructionInput
    /// The call's time and length, the working week, the holidays file.
    public var schedule: ScheduleInput
    /// The moment the plan is made: an interview still ahead of it gets a checklist item.
    /// Nil leaves the checklist out.
    public var now: Date?

    public init(cardFiles: [String], at: String, timeZoneName: String? = nil, company: String? = nil, role: String? = nil,
                pick: String? = nil, primary: String? = nil, outputDirectory: URL,
                instructions: InstructionInput = .init(), schedule: ScheduleInput = .init(), now: Date? = nil) {
        self.cardFiles = cardFiles
        self.at = at
        self.timeZoneName = timeZoneName
        self.company = company
        self.role = role
        self.pick = pick
        self.primary = primary
        self.outputDirectory = outputDirectory
        self.instructions = instructions
        self.schedule = schedule
        self.now = now
    }

    public struct Result: Sendable {
        public var plan: Plan
        public var files: CalendarFiles
        /// `file:line: warning: ...` lines about the cards.
        public var cardWarnings: [String]
    }

    /// Validates everything and renders the calendars in memory; nothing is written yet.
    public func prepare() throws(FollowUpError) -> Result {
        let input = try interview()
        let plan = Planner(settings: input.settings).plan(input.interview, now: now)
        let files = try CalendarFiles(plan: plan, directory: outputDirectory, stamp: now ?? Date())
        return Result(plan: plan, files: files, cardWarnings: input.cardWarnings)
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
                                  instructions: try instructions.resolved())
        return (interview, settings, cards.flatMap(\.warningLines))
    }

    /// A company or role: nil when absent or `none`, else within `InterviewInput.longestName`.
    static func name(_ value: String?, _ option: String) throws(FollowUpError) -> String? {
        guard let value = value.nonEmpty, !InterviewInput.clears(value) else { return nil }
        return try InterviewInput.limited(value, option, InterviewInput.longestName)
    }

    /// `prepare()`, then write both files.
    public func run() throws(FollowUpError) -> Result {
        let result = try prepare()
        try result.files.write()
        return result
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
