import CalendarSync
import FeedServing
import FollowUpPlanning
import FollowUpStore
import Foundation
import ICalendarExport

/// The stored job search: interviews over weeks, what was done, and the calendar feed that
/// follows every change. What `followup add/list/agenda/done/cancel/edit/remove/feed` do.
public struct JobSearch: Sendable {
    public static let feedDirectoryKey = "feed.directory"
    public static let feedTokenKey = "feed.token"
    public static let feedFileNames = (events: "events.ics", tasks: "tasks.ics")
    /// Subscribed calendars are asked to fetch the feed again every hour.
    public static let feedRefreshSeconds = 3600

    public let store: InterviewStore

    /// Opens the store at `path`, or at the default location (`FOLLOWUP_STORE`, XDG data home).
    public init(storePath: String? = nil) throws(FollowUpError) {
        let url = storePath.nonEmpty.map { URL(fileURLWithPath: $0) } ?? InterviewStore.defaultLocation()
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
        let stored = try change { hook in
            try store.add(input.interview, settings: input.settings, now: now, afterChange: hook)
        }
        let planWarnings = Planner(settings: input.settings).plan(input.interview, now: now).warnings.map { "warning: \($0)" }
        return (stored, input.cardWarnings + planWarnings)
    }

    /// Changes an interview and plans it again; follow-ups keep their calendar identities.
    public func edit(_ id: String, _ edit: InterviewEdit, now: Date) throws(FollowUpError) -> StoredInterview {
        let cards = try InterviewInput.loadCards(from: edit.addCards)
        return try change { hook in
            try store.edit(id, now: now, afterChange: hook) { interview, settings in
                try edit.apply(to: &interview, settings: &settings, newCards: cards)
            }
        }
    }

    /// Marks one follow-up, or a whole step of an interview, as done.
    public func done(_ id: String, step: Step? = nil, now: Date) throws(FollowUpError) -> [FollowUp] {
        try change { hook in try store.markDone(id, step: step, at: now, afterChange: hook) }
    }

    /// Ends an interview: its open follow-ups are cancelled and leave the feed.
    public func cancel(_ id: String, outcome: Outcome, now: Date) throws(FollowUpError) -> StoredInterview {
        try change { hook in try store.cancel(id, outcome: outcome, at: now, afterChange: hook) }
    }

    public func remove(_ id: String, now: Date) throws(FollowUpError) {
        try change { hook in try store.remove(id, at: now, afterChange: hook) }
    }

    /// Writes the feed into `directory` (and remembers it, so every later change rewrites it),
    /// or into the remembered directory when nil.
    public func writeFeed(to directory: URL?) throws(FollowUpError) -> (events: URL, tasks: URL) {
        let target: URL
        if let directory {
            target = directory.standardizedFileURL
            do {
                try store.setSetting(Self.feedDirectoryKey, target.path) { snapshot in
                    try Self.writeFeed(snapshot, into: target)
                }
            } catch {
                throw Self.wrap(error)
            }
        } else {
            guard let remembered = try feedDirectory() else { throw .noFeedDirectory }
            target = remembered
            do {
                try store.withWriteLock { snapshot in try Self.writeFeed(snapshot, into: target) }
            } catch {
                throw Self.wrap(error)
            }
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
    public func feedServer(host: String, port: Int, rotateToken: Bool = false) throws(FollowUpError) -> FeedServer {
        guard let directory = try feedDirectory() else { throw .noFeedDirectory }
        let configuration = FeedServerConfiguration(feedDirectory: directory, token: try feedToken(rotate: rotateToken), host: host, port: port,
                                                    fileNames: [Self.feedFileNames.events, Self.feedFileNames.tasks])
        do {
            try configuration.validate()
        } catch {
            throw .server(error)
        }
        return FeedServer(configuration: configuration)
    }

    // MARK: Reading

    public func interviews(includingEnded: Bool) throws(FollowUpError) -> [StoredInterview] {
        do {
            return try store.interviews(includingEnded: includingEnded)
        } catch {
            throw .store(error)
        }
    }

    public func interview(_ id: String) throws(FollowUpError) -> StoredInterview {
        do {
            return try store.interview(id)
        } catch {
            throw .store(error)
        }
    }

    /// What is overdue, due today, and due in the next `days` days, most urgent first.
    public func agenda(now: Date, in zone: TimeZone, days: Int = 7) throws(FollowUpError) -> Agenda {
        Agenda(interviews: try interviews(includingEnded: false), now: now, zone: zone, days: days)
    }

    // MARK: Feed

    /// Runs a store change with the feed regeneration inside its transaction, so a feed that
    /// cannot be written rolls the change back.
    private func change<T>(_ body: (((StoreSnapshot) throws -> Void)?) throws -> T) throws(FollowUpError) -> T {
        do {
            let directory = try feedDirectory()
            let hook: ((StoreSnapshot) throws -> Void)? = directory.map { target in
                { snapshot in try Self.writeFeed(snapshot, into: target) }
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
        switch error {
        case let error as FollowUpError: return error
        case let error as StoreError: return .store(error)
        case let error as ICalendarError: return .calendar(error)
        case let error as SyncError: return .sync(error)
        default: return .unexpected(String(describing: error))
        }
    }

    /// Renders the feed of every interview (planned and done follow-ups; cancelled ones and
    /// removed interviews are left out) and replaces both files atomically. The files are
    /// written as they are rendered, a batch of follow-ups at a time, so memory stays flat
    /// however long the job search.
    static func writeFeed(_ snapshot: StoreSnapshot, into directory: URL) throws {
        try AtomicFile.createFolder(directory)
        let outline = try snapshot.feedOutline()
        let zones = outline.zones.compactMap { use in
            TimeZone(identifier: use.zone).map { TimeZoneUse(zone: $0, from: use.from, through: use.through) }
        }
        let writer = CalendarWriter(stamp: outline.lastModification ?? Date(timeIntervalSince1970: 0),
                                    calendarName: "Job search follow-ups", refreshInterval: feedRefreshSeconds)
        let eventsURL = directory.appendingPathComponent(feedFileNames.events)
        let tasksURL = directory.appendingPathComponent(feedFileNames.tasks)
        try AtomicFile.replaceStreaming([eventsURL, tasksURL]) { sinks in
            let feed = try FeedRenderer(writer: writer, zones: zones, events: { try sinks[0].write($0) }, tasks: { try sinks[1].write($0) })
            try snapshot.forEachFeedFollowUp { followUp in try feed.add(followUp) }
            try feed.finish()
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
    public var addCards: [String] = []
    /// `none` clears a date.
    public var decisionBy: String?
    public var followUpOn: String?
    public var prefer: String?
    public var noFollowUp: Bool?
    public var talkingPoint: String?
    public var strength: String?
    public var callAt: String?
    public var callMinutes: Int?
    public var workdays: String?
    public var holidaysFile: String?

    public init() {}

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
        if let company { interview.company = Optional(company).nonEmpty }
        if let role { interview.role = Optional(role).nonEmpty }
        interview.interviewers += try InterviewInput.interviewers(from: newCards)
        if let primary { interview.mainContact = try InterviewInput.interviewerIndex(primary, in: interview.interviewers) }

        var said = interview.instructions
        func day(_ text: String, _ option: String) throws -> CalendarDay? {
            if text.lowercased() == "none" { return nil }
            guard let day = CalendarDay(iso: text) else {
                throw FollowUpError.invalidValue(option: option, value: text, expected: "a date YYYY-MM-DD, or none")
            }
            return day
        }
        if let decisionBy { said.decisionBy = try day(decisionBy, "--decision-by") }
        if let followUpOn { said.followUpOn = try day(followUpOn, "--follow-up-on") }
        if let prefer {
            said.preferredChannel = prefer.lowercased() == "none"
                ? nil : try InstructionInput(prefer: prefer).resolved().preferredChannel
        }
        if let noFollowUp { said.noFollowUp = noFollowUp }
        if let talkingPoint { said.talkingPoint = Optional(talkingPoint).nonEmpty }
        if let strength { said.strength = Optional(strength).nonEmpty }
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
