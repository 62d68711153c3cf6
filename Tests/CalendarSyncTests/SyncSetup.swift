import CalendarSync
import FollowUpPlanning
import FollowUpStore
import FollowUpTestSupport
import Foundation
import Synchronization

/// A job search in a real store file in a scratch folder, a remote named 'home' on a running
/// `FakeDAVServer`, and the sync between them, as `followup sync home` runs it.
struct SyncSetup: Sendable {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    /// `SOURCE_DATE_EPOCH` of the interop tests: 2025-11-30, a year before the interviews.
    static let now = Date(timeIntervalSince1970: 1_764_540_000)

    /// Dana of Acme Robotics, where the interviews here are held, as in the interop tests of the sync.
    static let dana = Interviewer.dana.with { $0.organization = "Acme Robotics" }

    let scratch: ScratchFolder
    let store: InterviewStore
    let server: FakeDAVServer
    /// The server's root.
    let root: URL

    /// A store with the remote 'home' at `accountPath` of the server; no interview yet.
    init(server: FakeDAVServer, root: URL, accountPath: String = "/") throws {
        self.server = server
        self.root = root
        scratch = try ScratchFolder()
        store = try InterviewStore(path: scratch.url("store.sqlite"))
        let url = URL(string: accountPath, relativeTo: root)!.absoluteURL
        try store.addRemote(RemoteAccount(name: "home", url: url, user: server.options.user), now: Self.now)
    }

    /// Stores an interview at 14:00 Chicago time on `day`, planned as `followup add` plans it.
    @discardableResult
    func addInterview(day: String = "2026-12-01", company: String = "Acme Robotics", role: String = "Backend Engineer",
                      interviewers: [Interviewer] = [dana, .lee]) throws -> StoredInterview {
        try store.add(.on(day, in: Self.chicago, company: company, role: role, interviewers: interviewers), settings: .init(), now: Self.now)
    }

    /// The path of `url` as the server sees it, with its trailing slash (`URL.path` drops it).
    static func path(_ url: URL?) -> String? {
        url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: true)?.path }
    }

    var account: RemoteAccount {
        get throws { try store.remote(named: "home")! }
    }

    /// One sync of 'home', with the server's password unless told otherwise.
    @discardableResult
    func sync(password: String? = nil, dryRun: Bool = false) async throws -> SyncReport {
        try await CalendarSync(store: store, account: try account, password: password ?? server.options.password, now: Self.now,
                               dryRun: dryRun, concurrency: 4).run()
    }

    /// Every follow-up in the store, ended interviews' too.
    func followUps() throws -> [FollowUp] {
        try store.interviews(includingEnded: true).flatMap(\.followUps)
    }

    func followUp(_ id: String) throws -> FollowUp {
        try followUps().first { $0.id == id }!
    }

    /// The follow-ups that still belong on the server.
    func liveFollowUps() throws -> [FollowUp] {
        try followUps().filter { if case .cancelled = $0.status { return false } else { return true } }
    }

    /// The first follow-up due on a day rather than at a time (a thank-you e-mail).
    func dayFollowUp() throws -> FollowUp {
        try followUps().first { if case .day = $0.timing { return true } else { return false } }!
    }

    func taskPath(_ followUp: FollowUp) -> String { server.calendarPath + followUp.id + "-task.ics" }
    func eventPath(_ followUp: FollowUp) -> String { server.calendarPath + followUp.id + "-event.ics" }

    /// Every calendar object's name the store's live follow-ups should have on the server.
    func expectedObjectNames() throws -> Set<String> {
        Set(try liveFollowUps().flatMap { [$0.id + "-task.ics", $0.id + "-event.ics"] })
    }

    func remoteObjects() throws -> [RemoteObject] {
        try store.remoteObjects(of: "home")
    }
}

extension FakeDAVServer {
    /// Runs a server with `options` and a fresh `SyncSetup` on it for the length of `body`.
    func withSetup<T: Sendable>(accountPath: String = "/", _ body: (SyncSetup) async throws -> T) async throws -> T {
        try await run { root in
            let setup = try SyncSetup(server: self, root: root, accountPath: accountPath)
            defer { setup.scratch.remove() }
            return try await body(setup)
        }
    }
}

/// Calendar text changed the way a phone changes it.
enum PhoneEdit {
    /// The line break the text uses (libical writes CRLF, as RFC 5545 §3.1 asks).
    static func lineBreak(of text: String) -> String { text.contains("\r\n") ? "\r\n" : "\n" }

    /// A to-do ticked off: `STATUS:COMPLETED` with a `COMPLETED` time.
    static func completed(_ text: String, at stamp: String = "20261202T153000Z") -> String {
        let eol = lineBreak(of: text)
        return text.replacingOccurrences(of: "STATUS:NEEDS-ACTION", with: "STATUS:COMPLETED\(eol)COMPLETED:\(stamp)")
    }

    /// An all-day to-do or event moved to `day`: its DUE or DTSTART on that day, an event's end the day after.
    static func moved(_ text: String, to day: CalendarDay) -> String {
        let eol = lineBreak(of: text)
        let compact = { (day: CalendarDay) in day.description.replacingOccurrences(of: "-", with: "") }
        return text.components(separatedBy: eol).map { line in
            if line.hasPrefix("DUE;VALUE=DATE:") { return "DUE;VALUE=DATE:" + compact(day) }
            if line.hasPrefix("DTSTART;VALUE=DATE:") { return "DTSTART;VALUE=DATE:" + compact(day) }
            if line.hasPrefix("DTEND;VALUE=DATE:") { return "DTEND;VALUE=DATE:" + compact(day.adding(days: 1)) }
            return line
        }.joined(separator: eol)
    }

    /// A timed event moved to `start`, its length kept: DTSTART and DTEND in its zone.
    static func rescheduled(_ text: String, to start: Date, minutes: Int, in zone: TimeZone) -> String {
        let eol = lineBreak(of: text)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyyMMdd'T'HHmmss"
        let prefix = ";TZID=\(zone.identifier):"
        return text.components(separatedBy: eol).map { line in
            if line.hasPrefix("DTSTART" + prefix) { return "DTSTART" + prefix + formatter.string(from: start) }
            if line.hasPrefix("DTEND" + prefix) {
                return "DTEND" + prefix + formatter.string(from: start.addingTimeInterval(TimeInterval(minutes * 60)))
            }
            return line
        }.joined(separator: eol)
    }

    /// The summary changed, nothing else.
    static func renamed(_ text: String, to summary: String) -> String {
        let eol = lineBreak(of: text)
        return text.components(separatedBy: eol).map { $0.hasPrefix("SUMMARY:") ? "SUMMARY:" + summary : $0 }.joined(separator: eol)
    }

    /// The value of the first `name:` line of `text`, unfolded (RFC 5545 §3.1).
    static func value(_ name: String, in text: String) -> String? {
        let eol = lineBreak(of: text)
        let unfolded = text.replacingOccurrences(of: eol + " ", with: "").replacingOccurrences(of: eol + "\t", with: "")
        return unfolded.components(separatedBy: eol).first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// `text` as a TEXT value is written (RFC 5545 §3.3.11).
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: ";", with: "\\;")
    }
}

/// A value that a test and a server hook both change.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    var value: Value { mutex.withLock { $0 } }

    func update<T: Sendable>(_ change: (inout Value) -> T) -> T {
        mutex.withLock { change(&$0) }
    }
}
