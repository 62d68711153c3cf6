import ContactExport
import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import ICalendarExport
import Synchronization
import VCardKit

/// One sync of the stored job search with one account: first what changed on the server is
/// read back (RFC 6578 sync-collection, or an ETag comparison where the server has no sync
/// tokens), then every follow-up and contact that changed since the last sync is pushed.
///
/// Every object has a deterministic href (from the follow-up's id or the contact's UID), and the
/// store records it before its PUT: a sync cut off half-way is finished by the next one, which
/// finds any object that did land (`If-None-Match: *` answers 412) instead of duplicating it.
public final class CalendarSync: Sendable {
    public typealias StoreHook = @Sendable (StoreSnapshot) throws -> Void

    private let store: InterviewStore
    private let account: RemoteAccount
    private let client: DAVClient
    private let afterChange: StoreHook?
    private let concurrency: Int
    private let now: Date
    private let dryRun: Bool
    /// Whether the store may be changed: always, but on a dry run only when `store` is a scratch
    /// copy of the user's, so the push counts what the pull's changes make it send.
    private let changesStore: Bool
    private let log: ReportLog

    /// Marks an object the user deleted on the server: it is never pushed again.
    static let tombstone = "deleted-on-server"

    /// `limits`: how long to wait and how much to read (docs/limits.md); tests set them smaller.
    public init(store: InterviewStore, account: RemoteAccount, password: String?, now: Date, dryRun: Bool,
                concurrency: Int = 6, limits: SyncLimits = SyncLimits(), afterChange: StoreHook? = nil) {
        // A dry run works on a copy: it changes what the real run would, and the user's store,
        // feed and server stay as they are. Without a copy it changes nothing, and counts less.
        let scratch = dryRun ? try? store.scratchCopy() : nil
        self.store = scratch ?? store
        self.changesStore = !dryRun || scratch != nil
        self.account = account
        self.client = DAVClient(account: account.name, url: account.url, user: account.user, password: password, limits: limits)
        self.afterChange = dryRun ? nil : afterChange
        self.concurrency = concurrency
        self.now = now
        self.dryRun = dryRun
        self.log = ReportLog(SyncReport(account: account.name, dryRun: dryRun))
    }

    public func run() async throws -> SyncReport {
        do {
            // Bounded as a whole: each request is, but a server that answers each in time can still
            // keep a sync going for ever (a calendar whose every page links to another).
            let client = self.client
            guard try await withinLimit(client.limits.sync, { try await self.synchronise() }) != nil else {
                throw SyncError.syncTimedOut(account: account.name, request: client.waitingFor, seconds: client.limits.sync.wholeSeconds)
            }
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        return log.value
    }

    private func synchronise() async throws {
        var account = self.account
        // On a dry run, the address book the real run would make: its contacts count as written.
        var addressBookToMake = false
        if account.calendarURL == nil || account.addressBookURL == nil {
            let homes = try await Discovery(client: client).homes(from: account.url)
            let collections = Collections(client: client)
            if account.calendarURL == nil {
                account.calendarURL = try await homes.calendar.asyncOr {
                    try await homes.calendarHome.asyncMap { try await collections.calendar(in: $0, dryRun: dryRun) }
                }
            }
            if account.addressBookURL == nil {
                account.addressBookURL = try await homes.addressBook.asyncOr {
                    try await homes.addressBookHome.asyncMap { try await collections.addressBook(in: $0, dryRun: dryRun) }
                }
                addressBookToMake = dryRun && account.addressBookURL == nil && homes.addressBookHome != nil
            }
            if changesStore { try await store.async.updateRemote(account) }
        }
        var records = Dictionary(uniqueKeysWithValues: try await store.async.remoteObjects(of: account.name).map { ($0.key, $0) })
        var token: String?
        if let calendar = account.calendarURL {
            token = try await pull(calendar, token: account.calendarSyncToken, records: records)
            records = Dictionary(uniqueKeysWithValues: try await store.async.remoteObjects(of: account.name).map { ($0.key, $0) })
        }
        let before = log.value
        try await pushFollowUps(to: account.calendarURL, records: records)
        let after = log.value
        if !dryRun, let calendar = account.calendarURL {
            let pushed = after.created + after.updated + after.deleted > before.created + before.updated + before.deleted
            if pushed, let token {
                account.calendarSyncToken = try await tokenAfterPush(calendar, from: token)
            } else {
                account.calendarSyncToken = token
            }
            try await store.async.updateRemote(account)
        }
        if let addressBook = account.addressBookURL {
            try await pushContacts(to: addressBook, records: records)
        } else if addressBookToMake {
            try await pushContacts(to: nil, records: records)
        }
    }

    // MARK: Pull

    /// Applies what changed on the server since `token`; returns the new token.
    private func pull(_ calendar: URL, token: String?, records: [String: RemoteObject]) async throws -> String? {
        let ours = records.values.filter { $0.followUpID != nil && $0.confirmed && $0.contentHash != Self.tombstone }
        var byPath: [String: RemoteObject] = [:]
        for record in ours { byPath[Self.path(record.href)] = record }
        let listing = try await changes(in: calendar, token: token, known: byPath)

        for path in listing.removed.sorted() {
            guard let record = byPath[path], let id = record.followUpID else { continue }
            let followUp = try await currentFollowUp(id)
            var tombstone = record
            tombstone.contentHash = Self.tombstone
            tombstone.etag = nil
            if let followUp, followUp.status == .planned {
                log.update { $0.dismissed += 1; $0.lines.append("deleted on the server, dismissed: \(followUp.summary)") }
                if changesStore {
                    try await store.async.dismiss(followUp: id, reason: "deleted on remote '\(account.name)'", at: now, afterChange: afterChange)
                }
            }
            if changesStore { try await store.async.saveRemoteObject(tombstone, of: account.name) }
        }

        let changed = listing.changed.compactMap { path, etag -> RemoteObject? in
            guard let record = byPath[path], record.etag == nil || record.etag != etag else { return nil }
            return record
        }
        let fetched = FetchedObjects()
        try await forEachConcurrently(changed, width: concurrency) { [client] record in
            guard let url = URL(string: record.href) else { return }
            let response = try await client.send("GET", url)
            guard response.isSuccess else { return }
            fetched.add(record, text: String(decoding: response.body, as: UTF8.self), etag: response.etag)
        }
        // Tasks before events: a to-do's completion or due date is what the user meant.
        let tasksFirst = fetched.all.sorted(by: { ($0.0.key.hasSuffix("-task") ? 0 : 1, $0.0.key) < ($1.0.key.hasSuffix("-task") ? 0 : 1, $1.0.key) })
        for (record, text, etag) in tasksFirst {
            var updated = try await reconcile(record, serverText: text)
            updated.etag = etag ?? listing.changed[Self.path(record.href)] ?? nil
            if changesStore { try await store.async.saveRemoteObject(updated, of: account.name) }
        }
        return listing.token
    }

    /// The token that covers this sync's own writes, so the next sync is not shown them again.
    /// A member created and deleted after a token is in no later report (Xandikos leaves it
    /// out), so the token from before the push cannot be kept: the writes since it are read back
    /// and, when each is one of ours with the ETag we recorded, the new token is taken. Anything
    /// else (the phone wrote in the meantime) keeps the old token, and the next sync reads it.
    private func tokenAfterPush(_ calendar: URL, from token: String) async throws -> String? {
        let listing = try await changes(in: calendar, token: token, known: [:])
        var byPath: [String: RemoteObject] = [:]
        for record in try await store.async.remoteObjects(of: account.name) where record.followUpID != nil { byPath[Self.path(record.href)] = record }
        for path in listing.removed {
            if let record = byPath[path], record.contentHash != Self.tombstone { return token }
        }
        for (path, etag) in listing.changed {
            guard var record = byPath[path] else { continue }
            if record.etag == nil, let etag {
                record.etag = etag
                try await store.async.saveRemoteObject(record, of: account.name)
            } else if record.etag != etag {
                return token
            }
        }
        return listing.token ?? token
    }

    /// The objects read back by concurrent GETs: a class only so the tasks can share the mutex.
    private final class FetchedObjects: Sendable {
        private let objects = Mutex<[(RemoteObject, String, String?)]>([])
        func add(_ record: RemoteObject, text: String, etag: String?) {
            objects.withLock { $0.append((record, text, etag)) }
        }
        var all: [(RemoteObject, String, String?)] { objects.withLock { $0 } }
    }

    /// The members that changed (path and ETag) and those removed since `token`; a full
    /// listing compared with the known ETags where the server keeps no tokens.
    private func changes(in calendar: URL, token: String?, known: [String: RemoteObject]) async throws
        -> (changed: [String: String?], removed: Set<String>, token: String?) {
        let body = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:sync-collection xmlns:d="DAV:"><d:sync-token>\(DAV.escaped(token ?? ""))</d:sync-token>\
            <d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>
            """
        let collectionPath = Self.path(calendar.absoluteString)
        let response = try await client.send("REPORT", calendar, headers: [("Depth", "0")], body: body, allowing: [403])
        if response.status == 207 {
            let multistatus = try client.multistatus(response, from: calendar)
            var changed: [String: String?] = [:]
            var removed = Set<String>()
            for entry in multistatus.responses {
                let path = Self.path(entry.href, relativeTo: calendar)
                guard path != collectionPath else { continue }
                if entry.status == 404 { removed.insert(path) } else { changed[path] = entry.etag }
            }
            if token == nil {
                // A first listing names every member: what it lacks was deleted.
                removed.formUnion(Set(known.keys).subtracting(changed.keys))
            }
            return (changed, removed, multistatus.syncToken)
        }
        // No sync-collection (or a token the server no longer knows): list every member's ETag.
        let (listingResponse, multistatus) = try await client.propfind(calendar, depth: 1, properties: "<d:getetag/>")
        guard let multistatus else {
            throw SyncError.server(account: account.name, method: "PROPFIND", url: calendar.absoluteString, status: listingResponse.status)
        }
        var changed: [String: String?] = [:]
        for entry in multistatus.responses {
            let path = Self.path(entry.href, relativeTo: calendar)
            guard path != collectionPath else { continue }
            changed[path] = entry.etag
        }
        return (changed, Set(known.keys).subtracting(changed.keys), nil)
    }

    /// Brings the stored follow-up of `record` in line with the server's copy of it: a completion
    /// on the server wins over an open state; a moved date is kept unless the follow-up also
    /// changed here, in which case the local change wins and is pushed again.
    private func reconcile(_ record: RemoteObject, serverText: String) async throws -> RemoteObject {
        var updated = record
        guard let id = record.followUpID, let followUp = try await currentFollowUp(id) else { return updated }
        let state: CalendarObjectState
        do {
            state = try CalendarObjectState.read(serverText, planned: followUp.timing)
        } catch {
            log.update { $0.lines.append("warning: cannot read \(record.href): \(error); kept ours") }
            updated.contentHash = nil
            return updated
        }
        let changedHere = record.sequence != followUp.sequence
        switch followUp.status {
        case .planned:
            if state.isTask && state.isCompleted {
                let at = state.completedAt ?? now
                log.update { $0.completedOnServer += 1; $0.lines.append("done on the server: \(followUp.summary)") }
                if changesStore { try await store.async.markDone(id, at: at, afterChange: afterChange) }
            } else if let timing = state.timing, !Self.same(timing, followUp.timing) {
                if changedHere {
                    log.update {
                        $0.lines.append("overrode the server: \(followUp.summary) stays \(Self.describe(followUp.timing)), "
                                        + "not \(Self.describe(timing))")
                    }
                    updated.contentHash = nil
                } else {
                    log.update { $0.moved += 1; $0.lines.append("moved on the server: \(followUp.summary), now \(Self.describe(timing))") }
                    if changesStore {
                        try await store.async.move(followUp: id, to: timing, at: now,
                                                   note: "moved on remote '\(account.name)' to \(Self.describe(timing))", afterChange: afterChange)
                    }
                }
            }
        case .done:
            if state.isTask && !state.isCompleted {
                log.update { $0.lines.append("overrode the server: \(followUp.summary) stays done (the server had it open)") }
                updated.contentHash = nil
            }
        case .cancelled:
            break
        }
        return updated
    }

    // MARK: Push

    private struct Desired: Sendable {
        var key: String
        var followUpID: String?
        var href: URL
        var text: String
        var hash: String
        var sequence: Int?
        var summary: String
    }

    private func pushFollowUps(to calendar: URL?, records: [String: RemoteObject]) async throws {
        var desired: [Desired] = []
        for stored in try await store.async.interviews(includingEnded: true) {
            for followUp in stored.followUps {
                if case .cancelled = followUp.status { continue }
                for kind in [CalendarWriter.Kind.tasks, .events] {
                    let key = Self.key(followUp.id, kind)
                    let href = (calendar ?? URL(string: "about:blank")!).appendingPathComponent(key + ".ics")
                    let text = try CalendarWriter(stamp: now).object(kind, for: followUp)
                    desired.append(Desired(key: key, followUpID: followUp.id, href: href, text: text, hash: FNV1a.hex128(text),
                                           sequence: followUp.sequence, summary: followUp.summary))
                }
            }
        }
        let wanted = Set(desired.map(\.key))
        let toSend = desired.filter { item in
            guard let record = records[item.key] else { return true }
            if record.contentHash == Self.tombstone { return false }
            return !(record.confirmed && record.contentHash == item.hash)
        }
        log.update { $0.unchanged += desired.count - toSend.count - desired.filter { records[$0.key]?.contentHash == Self.tombstone }.count }
        try await forEachConcurrently(toSend, width: concurrency) { [self] item in
            let isNew = records[item.key]?.confirmed != true
            try await put(item, record: records[item.key], contentType: "text/calendar; charset=utf-8")
            log.update { if isNew { $0.created += 1 } else { $0.updated += 1 } }
        }
        let stale = records.values.filter { $0.followUpID != nil && !wanted.contains($0.key) }
        try await forEachConcurrently(stale, width: concurrency) { [self] record in
            if record.contentHash != Self.tombstone {
                try await delete(record)
                log.update { $0.deleted += 1 }
            } else if changesStore {
                try await store.async.forgetRemoteObject(key: record.key, of: account.name)
            }
        }
    }

    /// Pushes the contacts that changed; `addressBook` is nil on a dry run that would make it,
    /// where every contact would be new.
    private func pushContacts(to addressBook: URL?, records: [String: RemoteObject]) async throws {
        var version = VCardWriter.Version.v3
        if let addressBook, await Collections(client: client).supportsVCard4(addressBook) { version = .v4 }
        let addressBook = addressBook ?? URL(string: "about:blank")!
        let writer = VCardWriter(version: version)
        let contacts = InterviewerDirectory.contacts(of: try await store.async.interviews(includingEnded: true))
        var desired: [Desired] = []
        for contact in contacts {
            let name = contact.uid.replacingOccurrences(of: "urn:uuid:", with: "")
            let text = writer.text(of: contact.card(version: version))
            desired.append(Desired(key: "contact:" + name, followUpID: nil, href: addressBook.appendingPathComponent(name + ".vcf"),
                                   text: text, hash: FNV1a.hex128(text), sequence: nil, summary: contact.interviewer.name))
        }
        let wanted = Set(desired.map(\.key))
        let toSend = desired.filter { item in !(records[item.key]?.confirmed == true && records[item.key]?.contentHash == item.hash) }
        try await forEachConcurrently(toSend, width: concurrency) { [self] item in
            try await put(item, record: records[item.key], contentType: "text/vcard; charset=utf-8")
            log.update { $0.contactsWritten += 1 }
        }
        let stale = records.values.filter { $0.key.hasPrefix("contact:") && !wanted.contains($0.key) }
        try await forEachConcurrently(stale, width: concurrency) { [self] record in
            try await delete(record)
            log.update { $0.contactsDeleted += 1 }
        }
    }

    /// PUTs one object: `If-None-Match: *` for a new one, `If-Match` with the known ETag for a
    /// change. A 412 means the server's copy is not what we think: it is read, merged (see
    /// `reconcile`), and written again over the ETag just read.
    private func put(_ item: Desired, record: RemoteObject?, contentType: String) async throws {
        if dryRun {
            let verb = record?.confirmed == true ? "would update" : "would create"
            log.update { $0.lines.append("\(verb): \(item.summary) (\(item.key))") }
            return
        }
        var object = RemoteObject(key: item.key, followUpID: item.followUpID, href: item.href.absoluteString, etag: record?.etag,
                                  confirmed: record?.confirmed ?? false, sequence: record?.sequence, contentHash: record?.contentHash)
        var condition: (String, String)
        if object.confirmed, let etag = object.etag {
            condition = ("If-Match", etag)
        } else {
            // Recorded before the PUT: if the process dies now, the next sync looks here first.
            try await store.async.saveRemoteObject(object, of: account.name)
            condition = ("If-None-Match", "*")
        }
        var item = item
        for attempt in 1...3 {
            let response = try await client.send("PUT", item.href, headers: [condition], body: item.text, contentType: contentType)
            if response.isSuccess {
                object.etag = response.etag
                object.confirmed = true
                object.contentHash = item.hash
                object.sequence = item.sequence
                try await store.async.saveRemoteObject(object, of: account.name)
                return
            }
            guard response.status == 412, attempt < 3 else {
                throw SyncError.server(account: account.name, method: "PUT", url: item.href.absoluteString, status: response.status)
            }
            let current = try await client.send("GET", item.href)
            guard current.isSuccess, let etag = current.etag else {
                // Gone in the meantime: create it again.
                condition = ("If-None-Match", "*")
                continue
            }
            condition = ("If-Match", etag)
            if object.confirmed || item.followUpID != nil, let id = item.followUpID {
                object.confirmed = true
                _ = try await reconcile(object, serverText: String(decoding: current.body, as: UTF8.self))
                // The merge may have changed the follow-up: render what is stored now.
                if let followUp = try await currentFollowUp(id), let kind = Self.kind(of: item.key) {
                    item.text = try CalendarWriter(stamp: now).object(kind, for: followUp)
                    item.hash = FNV1a.hex128(item.text)
                    item.sequence = followUp.sequence
                }
            }
        }
    }

    private func delete(_ record: RemoteObject) async throws {
        if dryRun {
            log.update { $0.lines.append("would delete: \(record.key)") }
            return
        }
        guard let url = URL(string: record.href) else { return }
        var headers: [(String, String)] = []
        if let etag = record.etag { headers.append(("If-Match", etag)) }
        var response = try await client.send("DELETE", url, headers: headers)
        if response.status == 412 {
            // Changed on the server since; what is no longer planned goes all the same.
            response = try await client.send("DELETE", url)
        }
        guard response.isSuccess || response.status == 404 else {
            throw SyncError.server(account: account.name, method: "DELETE", url: url.absoluteString, status: response.status)
        }
        try await store.async.forgetRemoteObject(key: record.key, of: account.name)
    }

    // MARK: Helpers

    private func currentFollowUp(_ id: String) async throws -> FollowUp? {
        guard let interviewID = try await store.async.interviews(includingEnded: true).first(where: { $0.followUps.contains { $0.id == id } })?.id
        else { return nil }
        return try await store.async.interview(interviewID).followUps.first { $0.id == id }
    }

    static func key(_ followUpID: String, _ kind: CalendarWriter.Kind) -> String {
        followUpID + (kind == .tasks ? "-task" : "-event")
    }

    static func kind(of key: String) -> CalendarWriter.Kind? {
        key.hasSuffix("-task") ? .tasks : key.hasSuffix("-event") ? .events : nil
    }

    /// The decoded path of an href, which is how the server's answers and the store's records
    /// are matched.
    static func path(_ href: String, relativeTo base: URL? = nil) -> String {
        let url = base.flatMap { URL(string: href, relativeTo: $0)?.absoluteURL } ?? URL(string: href)
        let path = url?.path ?? href
        return path.removingPercentEncoding ?? path
    }

    static func same(_ a: FollowUp.Timing, _ b: FollowUp.Timing) -> Bool {
        switch (a, b) {
        case (.day(let x), .day(let y)): return x == y
        case (.slot(let x, _, _), .slot(let y, _, _)): return abs(x.timeIntervalSince(y)) < 60
        default: return false
        }
    }

    static func describe(_ timing: FollowUp.Timing) -> String {
        switch timing {
        case .day(let day): return day.description
        case .slot(let start, _, let zone):
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            return formatter.string(from: start) + " " + zone.identifier
        }
    }
}

extension Optional {
    func asyncOr(_ fallback: () async throws -> Wrapped?) async rethrows -> Wrapped? {
        if let self { return self }
        return try await fallback()
    }

    func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
