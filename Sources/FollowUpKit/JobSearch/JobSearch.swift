import ICalendar
import FeedPublishing
import CalendarSync
import FeedServing
import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import ICalendarExport
import InterviewerCards
import MailExport
import MailSync

/// The stored job search: interviews over weeks, what was done, and the calendar feed that
/// follows every change. What `followup add/list/agenda/done/cancel/edit/remove/feed` do.
public struct JobSearch: Sendable {
    public static let feedDirectoryKey = "feed.directory"
    public static let feedTokenKey = "feed.token"
    /// How many days done follow-ups stay in the feed after they were due (`feed --keep-days`).
    public static let feedKeepDaysKey = FeedFiles.keepDaysKey
    /// Which rendering the stored feed components come from; when this build renders them
    /// differently (a new version), every component is rendered again on the next write.

    /// The settings an export carries: not the feed's folder (a path on this computer) nor its
    /// token (a secret).
    public static let portableSettingKeys: Set<String> = [feedKeepDaysKey]
    public static let feedFileNames = FeedFiles.names
    /// Subscribed calendars are asked to fetch the feed again every hour.
    public static let feedRefreshSeconds = FeedFiles.refreshSeconds

    public let store: InterviewStore

    /// Opens the store at `path`, or at the default location (`FOLLOWUP_STORE`, XDG data home).
    /// Only a command that stores something creates it (`creating`): one that reads or changes
    /// what is stored, pointed at a mistyped path, says there is no store there.
    public init(storePath: String? = nil, creating: Bool = true) throws(FollowUpError) {
        let url = storePath.nonEmpty.map { URL(fileURLWithPath: $0) } ?? InterviewStore.defaultLocation()
        if !creating, !FileManager.default.fileExists(atPath: url.path) { throw .noStore(url.path) }
        do {
            store = try InterviewStore(path: url)
        } catch {
            throw .store(error)
        }
    }

    // MARK: Changes (each regenerates the feed when one is set up)

    /// Reads the cards, stores the interview with its plan, and returns it.
    public func add(_ request: PlanRequest, now: Date) throws(FollowUpError) -> (interview: StoredInterview, warnings: [String]) {
        let input = try request.interview()
        let stored = try change(now: now) { hook in
            try store.add(input.interview, settings: input.settings, now: now, afterChange: hook)
        }
        let hint = try profile() == nil ? ["note: \(ProfileReport.hint)"] : []
        return (stored, input.cardWarnings + stored.planMessages + hint)
    }

    /// Follows an invitation: each event is a new interview, or moves or cancels the stored
    /// interview planned from an earlier copy of it (see `InterviewStore.follow`). All events
    /// change the store in one transaction, or none does.
    ///
    /// `inbox:ID` as the file names an invitation found in the mailbox (`inbox()`); once stored,
    /// it leaves that list.
    public func add(_ request: InvitationRequest, now: Date) throws(FollowUpError) -> (outcomes: [InvitationOutcome], warnings: [String]) {
        var request = request
        let fromInbox = request.invitationContent == nil && request.invitationFile.hasPrefix("inbox:")
        if fromInbox { request = try inboxRequest(String(request.invitationFile.dropFirst("inbox:".count)), request) }
        if request.profile == nil { request.profile = try profile() }
        let store = self.store
        request.plannedCompany = { revision in
            // A store that cannot be read here fails the change below, which says why.
            (try? store.interview(invitationUID: revision.uid, recurrenceID: revision.recurrenceID))??.interview.company
        }
        let reading = try request.read()
        let given = request.given
        let updates = zip(reading.interviews, reading.settings).map { item, settings in
            InvitationUpdate(revision: item.revision, change: item.interview.map { .schedule($0, settings) } ?? .cancel, given: given)
        }
        let outcomes = try change(now: now) { hook in try store.follow(updates, now: now, afterChange: hook) }
        var warnings = reading.fileWarnings
        var planned = false
        for (item, outcome) in zip(reading.interviews, outcomes) {
            switch outcome {
            case .added(let stored), .updated(let stored, _):
                warnings += InvitationRequest.Reading.lines(item) + stored.planMessages
                planned = true
            case .cancelled, .unchanged:
                // Nothing was planned: who would be thanked is beside the point.
                break
            }
        }
        if request.profile == nil, planned { warnings.append("note: \(ProfileReport.hint)") }
        if fromInbox { try? store.markInboxInvitationAdded(String(request.invitationFile.dropFirst("inbox:".count))) }
        return (outcomes, warnings)
    }

    /// Changes an interview and plans it again; follow-ups keep their calendar identities. The
    /// warnings are the new cards' and the planner's, as `add` gives them.
    public func edit(_ id: String, _ edit: InterviewEdit, now: Date) throws(FollowUpError) -> (interview: StoredInterview, warnings: [String]) {
        guard !edit.isEmpty else { throw .nothingToChange(id) }
        let cards = try InterviewInput.loadCards(from: edit.addCards)
        let stored = try change(now: now) { hook in
            try store.edit(id, now: now, afterChange: hook) { interview, settings in
                try edit.apply(to: &interview, settings: &settings, newCards: cards)
            }
        }
        return (stored, cards.flatMap(\.warningLines) + stored.planMessages)
    }

    /// Changes the candidate's profile and signs every open interview's drafts with it.
    public func setProfile(_ input: ProfileInput, now: Date) throws(FollowUpError) -> Profile {
        let profile = try input.applied(to: try self.profile() ?? Profile())
        try change(now: now) { hook in try store.setProfile(profile, now: now, afterChange: hook) }
        return profile
    }

    /// Marks one follow-up, or a whole step of an interview, as done.
    public func done(_ id: String, step: Step? = nil, now: Date) throws(FollowUpError) -> [FollowUp] {
        try change(now: now) { hook in try store.markDone(id, step: step, at: now, afterChange: hook) }
    }

    /// Takes back `done`: the follow-up (or the step) is planned again.
    public func undoDone(_ id: String, step: Step? = nil, now: Date) throws(FollowUpError) -> [FollowUp] {
        try change(now: now) { hook in try store.markPlanned(id, step: step, at: now, afterChange: hook) }
    }

    /// Ends an interview: its open follow-ups are cancelled and leave the feed.
    /// An interview that already ended is refused unless `changingOutcome`.
    public func cancel(_ id: String, outcome: Outcome, changingOutcome: Bool = false, now: Date) throws(FollowUpError) -> StoredInterview {
        try change(now: now) { hook in try store.cancel(id, outcome: outcome, at: now, replacingOutcome: changingOutcome, afterChange: hook) }
    }

    public func remove(_ id: String, now: Date) throws(FollowUpError) {
        try change(now: now) { hook in try store.remove(id, at: now, afterChange: hook) }
    }

    /// Writes the feed into `directory` (and remembers it, so every later change rewrites it),
    /// or into the remembered directory when nil. `keepDays`, when given, is remembered too: how
    /// long done follow-ups stay in the feed. `rebuild` renders every component again.
    public func writeFeed(to directory: URL?, keepDays: Int? = nil, rebuild: Bool = false,
                          now: Date = Date()) throws(FollowUpError) -> (events: URL, tasks: URL) {
        if let keepDays, !(0...Self.longestKeepDays).contains(keepDays) {
            throw .invalidValue(option: "--keep-days", value: "\(keepDays)", expected: "a number of days from 0 to \(Self.longestKeepDays)")
        }
        let target: URL
        do {
            if let directory {
                target = directory.standardizedFileURL
            } else {
                guard let remembered = try feedDirectory() else { throw FollowUpError.noFeedDirectory }
                target = remembered
            }
            try store.withWriteLock { snapshot in
                if directory != nil { try snapshot.setSetting(Self.feedDirectoryKey, target.path) }
                if let keepDays { try snapshot.setSetting(Self.feedKeepDaysKey, String(keepDays)) }
                if rebuild { try snapshot.invalidateFeedComponents() }
                try FeedFiles.write(snapshot, into: target, now: now)
            }
        } catch {
            throw Self.wrap(error)
        }
        return (target.appendingPathComponent(Self.feedFileNames.events), target.appendingPathComponent(Self.feedFileNames.tasks))
    }

    public func feedDirectory() throws(FollowUpError) -> URL? {
        do {
            return try store.setting(Self.feedDirectoryKey).map { URL(fileURLWithPath: $0) }
        } catch {
            throw .store(error)
        }
    }

    /// The secret path segment of the served feed: made once and kept, so subscriptions keep
    /// working; `rotate` replaces it (every subscriber must then subscribe again).
    public func feedToken(rotate: Bool = false) throws(FollowUpError) -> String {
        do {
            if !rotate, let token = try store.setting(Self.feedTokenKey), FeedToken.isWellFormed(token) { return token }
            let token = FeedToken.generate()
            try store.setSetting(Self.feedTokenKey, token)
            return token
        } catch {
            throw Self.wrap(error)
        }
    }

    /// The server for the feed folder, behind the stored token.
    public func feedServer(host: String, port: Int, rotateToken: Bool = false, tls: TLSFiles? = nil,
                           maxConnections: Int = FeedServerConfiguration.defaultMaxConnections) throws(FollowUpError) -> FeedServer {
        guard let directory = try feedDirectory() else { throw .noFeedDirectory }
        let configuration = FeedServerConfiguration(feedDirectory: directory, token: try feedToken(rotate: rotateToken), host: host, port: port,
                                                    fileNames: [Self.feedFileNames.events, Self.feedFileNames.tasks],
                                                    tls: tls, maxConnections: maxConnections)
        do {
            try configuration.validate()
        } catch {
            throw .server(error)
        }
        return FeedServer(configuration: configuration)
    }

    /// What to tell the user who serves the feed over plain HTTP to the network, else nil.
    public static func servingWarning(for configuration: FeedServerConfiguration) -> String? {
        guard configuration.isInTheClear else { return nil }
        return "warning: serving on \(configuration.host) without TLS: the feed and its token cross the network in the clear; "
            + "give --tls-cert and --tls-key to serve HTTPS"
    }

    // MARK: Reading

    public func interviews(includingEnded: Bool) throws(FollowUpError) -> [StoredInterview] {
        do {
            return try store.interviews(includingEnded: includingEnded)
        } catch {
            throw .store(error)
        }
    }

    /// The candidate's profile; nil until `setProfile`.
    public func profile() throws(FollowUpError) -> Profile? {
        do {
            return try store.profile()
        } catch {
            throw .store(error)
        }
    }

    /// The profile of the store `followup` uses by default (or at `storePath`), when that store
    /// exists; reading it creates and changes nothing, so `followup plan` can sign its drafts
    /// without starting a store.
    public static func existingProfile(storePath: String? = nil) throws(FollowUpError) -> Profile? {
        let url = storePath.nonEmpty.map { URL(fileURLWithPath: $0) } ?? InterviewStore.defaultLocation()
        do {
            return try InterviewStore.existingProfile(at: url)
        } catch {
            throw .store(error)
        }
    }

    /// The `.eml` draft of a stored e-mail follow-up, signed with the profile and dated `now`.
    public func draft(_ followUpID: String, now: Date) throws(FollowUpError) -> (fileName: String, message: MailMessage) {
        let found: (followUp: FollowUp, interview: StoredInterview)
        do {
            found = try store.followUp(followUpID)
        } catch {
            throw .store(error)
        }
        guard let message = MailMessage(draft: found.followUp, profile: try profile(), date: now, timeZone: found.interview.interview.timeZone) else {
            throw .notAnEmail(found.followUp.summary)
        }
        return ("\(found.interview.interview.slug).\(MailMessage.fileName(for: found.followUp))", message)
    }

    public func interview(_ id: String) throws(FollowUpError) -> StoredInterview {
        do {
            return try store.interview(id)
        } catch {
            throw .store(error)
        }
    }

    /// What is overdue, due today, and due in the next `days` days, most urgent first. Reads
    /// only planned follow-ups due by the end of those days, however long the job search.
    /// The longest agenda (`agenda --days`): ten years ahead.
    public static let longestAgendaDays = 3_650
    /// The longest done follow-ups stay in the feed (`feed --keep-days`): a hundred years.
    public static let longestKeepDays = 36_500

    public func agenda(now: Date, in zone: TimeZone, days: Int = 7) throws(FollowUpError) -> Agenda {
        guard (0...Self.longestAgendaDays).contains(days) else {
            throw .invalidValue(option: "--days", value: "\(days)", expected: "a number of days from 0 to \(Self.longestAgendaDays)")
        }
        let end = CalendarDay(now, in: zone).adding(days: days + 1).start(in: zone)
        do {
            return Agenda(items: try store.plannedFollowUps(dueBefore: end), now: now, zone: zone, days: days)
        } catch {
            throw .store(error)
        }
    }

    // MARK: Feed

    /// Runs a store change with the feed regeneration inside its transaction, so a feed that
    /// cannot be written rolls the change back.
    func change<T>(now: Date, _ body: (((StoreSnapshot) throws -> Void)?) throws -> T) throws(FollowUpError) -> T {
        do {
            let directory = try feedDirectory()
            let hook: ((StoreSnapshot) throws -> Void)? = directory.map { target in
                { snapshot in try FeedFiles.write(snapshot, into: target, now: now) }
            }
            return try body(hook)
        } catch {
            throw Self.wrap(error)
        }
    }

    /// The error of a store change, as the user should read it. The change runs closures of
    /// this module (the feed, an edit), so what arrives is one of this library's own errors;
    /// anything else is reported as it is, never dressed up as a damaged store.
    static func wrap(_ error: any Error) -> FollowUpError {
        if let error = error as? FileError { return FollowUpError(error) }
        switch error {
        case let error as FollowUpError: return error
        // What the feed or an edit threw inside a change, as it was thrown.
        case StoreError.interrupted(let error): return wrap(error)
        case let error as StoreError: return .store(error)
        case let error as ICalendarError: return .calendar(error)
        case let error as SyncError: return .sync(error)
        case let error as MailSyncError: return .mail(error)
        default: return .unexpected(String(describing: error))
        }
    }

    /// The feed rendered whole from the follow-ups' rows, with no stored component: what the
    /// incremental feed is checked against, and the baseline its benchmark compares with.
    public func writeFullFeed(into directory: URL, now: Date) throws(FollowUpError) {
        do {
            try store.withWriteLock { snapshot in try FeedFiles.writeWhole(snapshot, into: directory, now: now) }
        } catch {
            throw Self.wrap(error)
        }
    }
}

/// What `followup edit` changes; nil leaves a field as it is.
public struct InterviewEdit: Sendable {
    public var at: String?
    public var timeZoneName: String?
    public var company: String?
    public var role: String?
    public var primary: String?
    /// `onsite`, `phone` or `video`.
    public var format: String?
    public var addCards: [String] = []
    /// Names (or e-mail addresses) of interviewers whose cards leave the interview.
    public var removeCards: [String] = []
    /// `none` clears a date.
    public var decisionBy: String?
    public var followUpOn: String?
    public var prefer: String?
    public var noFollowUp: Bool?
    /// Replaces every talking point; an empty list leaves them, `[""]` clears them.
    public var talkingPoints: [String]?
    public var strength: String?
    public var callAt: String?
    public var callMinutes: Int?
    public var workdays: String?
    public var holidaysFile: String?

    public init() {}

    /// Whether the edit changes nothing at all.
    public var isEmpty: Bool {
        at == nil && timeZoneName == nil && company == nil && role == nil && primary == nil && format == nil
            && addCards.isEmpty && removeCards.isEmpty
            && decisionBy == nil && followUpOn == nil && prefer == nil && noFollowUp == nil && (talkingPoints ?? []).isEmpty
            && strength == nil && callAt == nil && callMinutes == nil && workdays == nil && holidaysFile == nil
    }

    /// Takes out the interviewer that `query` names; the main contact stays who it was, or
    /// becomes the first card when it was the one removed.
    static func removing(_ query: String, from interviewers: [Interviewer], mainContact: inout Int) throws(FollowUpError) -> [Interviewer] {
        let index = try InterviewInput.interviewerIndex(query, in: interviewers)
        guard interviewers.count > 1 else { throw .invalidValue(option: "--remove-card", value: query, expected: "a card other than the only one") }
        var result = interviewers
        result.remove(at: index)
        if mainContact == index { mainContact = 0 } else if mainContact > index { mainContact -= 1 }
        return result
    }

    func apply(to interview: inout Interview, settings: inout Planner.Settings, newCards: [LoadedCard]) throws {
        if timeZoneName != nil || at != nil {
            let zone = try timeZoneName.map { name throws(FollowUpError) in try InterviewInput.timeZone(named: name) } ?? interview.timeZone
            if let at {
                interview.start = try InterviewInput.start(at, in: zone)
            } else {
                // The same wall-clock time, read in the new zone.
                let clock = Calendar.gregorian(in: interview.timeZone).dateComponents([.hour, .minute], from: interview.start)
                interview.start = interview.day.at(hour: clock.hour ?? 0, minute: clock.minute ?? 0, in: zone)
            }
            interview.timeZone = zone
        }
        if let company { interview.company = try PlanRequest.name(company, "--company") }
        if let role { interview.role = try PlanRequest.name(role, "--role") }
        // `none` clears it, as every option of `edit`: back to the default, in person.
        if let format { interview.format = try InterviewInput.format(format) ?? .onsite }
        for query in removeCards {
            interview.interviewers = try Self.removing(query, from: interview.interviewers, mainContact: &interview.mainContact)
        }
        interview.interviewers = interview.interviewers.adding(newCards.map(InterviewInput.interviewer))
        if let primary {
            interview.mainContact = InterviewInput.clears(primary) ? 0 : try InterviewInput.interviewerIndex(primary, in: interview.interviewers)
        }

        // `none` (or nothing) clears any option: back to what an interview gets when it is added.
        var said = interview.instructions
        func day(_ text: String, _ option: String) throws -> CalendarDay? {
            if InterviewInput.clears(text) { return nil }
            guard let day = CalendarDay(iso: text) else {
                throw FollowUpError.invalidValue(option: option, value: text, expected: "a date YYYY-MM-DD, or none")
            }
            return day
        }
        if let decisionBy { said.decisionBy = try day(decisionBy, "--decision-by") }
        if let followUpOn { said.followUpOn = try day(followUpOn, "--follow-up-on") }
        if let prefer {
            said.preferredChannel = InterviewInput.clears(prefer)
                ? nil : try InstructionInput(prefer: prefer).resolved().preferredChannel
        }
        if let noFollowUp { said.noFollowUp = noFollowUp }
        if let talkingPoints, !talkingPoints.isEmpty { said.talkingPoints = try InstructionInput.texts(talkingPoints, "--talking-point") }
        if let strength { said.strength = try InstructionInput.text(strength, "--strength") }
        interview.instructions = said

        let year = Calendar.gregorian(in: interview.timeZone).component(.year, from: interview.start) + 1
        let schedule = try ScheduleInput(callAt: callAt, callMinutes: callMinutes, workdays: workdays, holidaysFile: holidaysFile)
            .settings(throughYear: year)
        if callAt != nil { settings.callTime = schedule.callTime }
        if callMinutes != nil { settings.callDuration = schedule.callDuration }
        if workdays != nil { settings.workWeek.weekdays = schedule.workWeek.weekdays }
        if holidaysFile != nil { settings.workWeek.holidays = schedule.workWeek.holidays }
    }
}

extension StoredInterview {
    /// What the planner said when the change that returned this planned it, as the commands
    /// print it: its warnings, then its notes.
    var planMessages: [String] {
        planWarnings.map { "warning: \($0)" } + planNotices.map { "note: \($0)" }
    }
}
