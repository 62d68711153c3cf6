import Foundation

/// Where an account keeps its calendars and address books.
struct AccountHomes: Sendable {
    var calendarHome: URL?
    var addressBookHome: URL?
    /// The URL the user gave, when it is itself a calendar or an address book.
    var calendar: URL?
    var addressBook: URL?
}

/// Finds an account's calendar and address book homes from whatever URL the user gave: the
/// server's root, a principal, or a collection (RFC 6764 §6, RFC 4791 §6.2.1, RFC 6352 §7.1.1).
struct Discovery {
    let client: DAVClient

    private static let homeProperties = """
        <d:current-user-principal/><d:resourcetype/><c:calendar-home-set/><card:addressbook-home-set/>
        """

    func homes(from url: URL) async throws(SyncError) -> AccountHomes {
        var homes = AccountHomes()
        var principal: URL?
        if let answer = try await properties(of: url) {
            if answer.resourceTypes.contains("calendar") { homes.calendar = url }
            if answer.resourceTypes.contains("addressbook") { homes.addressBook = url }
            homes.calendarHome = answer.property(DAV.caldav, "calendar-home-set")?.hrefs.first.flatMap { resolve($0, url) }
            homes.addressBookHome = answer.property(DAV.carddav, "addressbook-home-set")?.hrefs.first.flatMap { resolve($0, url) }
            principal = answer.property(DAV.namespace, "current-user-principal")?.hrefs.first.flatMap { resolve($0, url) }
        }
        if principal == nil, homes.calendarHome == nil, homes.calendar == nil {
            // RFC 6764: the well-known URIs redirect to where the service lives.
            for service in ["caldav", "carddav"] {
                guard let wellKnown = URL(string: "/.well-known/\(service)", relativeTo: url)?.absoluteURL,
                      let context = try await followRedirects(wellKnown),
                      let answer = try await properties(of: context),
                      let found = answer.property(DAV.namespace, "current-user-principal")?.hrefs.first.flatMap({ resolve($0, context) })
                else { continue }
                principal = found
                break
            }
        }
        if let principal, homes.calendarHome == nil || homes.addressBookHome == nil, let answer = try await properties(of: principal) {
            homes.calendarHome = homes.calendarHome
                ?? answer.property(DAV.caldav, "calendar-home-set")?.hrefs.first.flatMap { resolve($0, principal) }
            homes.addressBookHome = homes.addressBookHome
                ?? answer.property(DAV.carddav, "addressbook-home-set")?.hrefs.first.flatMap { resolve($0, principal) }
        }
        guard homes.calendarHome != nil || homes.calendar != nil else {
            throw .notFound(account: client.account,
                            what: "found no calendar home at \(url.absoluteString) (tried current-user-principal, calendar-home-set and "
                                + "/.well-known/caldav); give the URL of your principal or calendar")
        }
        return homes
    }

    /// A server error is said as it is, not taken for a URL with nothing to find: a server that
    /// answers 503 to everything once ended as "found no calendar home".
    private func properties(of url: URL) async throws(SyncError) -> MultistatusResponse? {
        let (response, multistatus) = try await client.propfind(url, depth: 0, properties: Self.homeProperties, allowing: [403])
        if response.status >= 500 { throw .server(account: client.account, method: "PROPFIND", url: url.absoluteString, status: response.status) }
        return multistatus?.responses.first
    }

    /// The URL a well-known URI leads to, after at most `SyncLimits.redirects` requests, none
    /// of them to another origin (the account's password is not for another host or port); a
    /// server that redirects further is said to, as one that fails is.
    private func followRedirects(_ start: URL) async throws(SyncError) -> URL? {
        var url = start
        for _ in 0..<client.limits.redirects {
            let response = try await client.send("PROPFIND", url, headers: [("Depth", "0")], body: DAV.propfind(Self.homeProperties), allowing: [403])
            if response.status >= 500 { throw .server(account: client.account, method: "PROPFIND", url: url.absoluteString, status: response.status) }
            guard (300..<400).contains(response.status) else { return response.status == 207 ? url : nil }
            guard let location = response.headers.first(name: "Location"), let next = resolve(location, url),
                  Origin(next) != nil, Origin(next) == Origin(url) else { return nil }
            url = next
        }
        throw .tooManyRedirects(account: client.account, request: "PROPFIND \(start.absoluteString)", limit: client.limits.redirects)
    }
}

/// An href of an answer as an absolute URL, relative to the URL it answered.
func resolve(_ href: String, _ base: URL) -> URL? {
    URL(string: href, relativeTo: base)?.absoluteURL
}

/// The "Interview follow-ups" calendar and the "Interviewers" address book: found by their
/// display names in the homes, else created (MKCALENDAR, extended MKCOL of RFC 5689).
struct Collections {
    let client: DAVClient
    static let calendarName = "Interview follow-ups"
    static let addressBookName = "Interviewers"

    func calendar(in home: URL, dryRun: Bool) async throws(SyncError) -> URL? {
        try await collection(in: home, type: "calendar", named: Self.calendarName, path: "interview-follow-ups",
                             dryRun: dryRun, method: "MKCALENDAR", body: """
            <?xml version="1.0" encoding="utf-8"?>
            <c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>\
            <d:displayname>\(DAV.escaped(Self.calendarName))</d:displayname>\
            <c:supported-calendar-component-set><c:comp name="VEVENT"/><c:comp name="VTODO"/></c:supported-calendar-component-set>\
            </d:prop></d:set></c:mkcalendar>
            """)
    }

    func addressBook(in home: URL, dryRun: Bool) async throws(SyncError) -> URL? {
        try await collection(in: home, type: "addressbook", named: Self.addressBookName, path: "interviewers",
                             dryRun: dryRun, method: "MKCOL", body: """
            <?xml version="1.0" encoding="utf-8"?>
            <d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>\
            <d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>\
            <d:displayname>\(DAV.escaped(Self.addressBookName))</d:displayname>\
            </d:prop></d:set></d:mkcol>
            """)
    }

    /// The member of `home` of `type` called `name`, else one made at `path` with `method` and
    /// `body` (nil on a dry run, which makes nothing). 405 means it exists already.
    private func collection(in home: URL, type: String, named name: String, path: String, dryRun: Bool,
                            method: String, body: String) async throws(SyncError) -> URL? {
        if let found = try await member(of: home, type: type, named: name) { return found }
        let url = home.appendingPathComponent(path, isDirectory: true)
        if dryRun { return nil }
        let response = try await client.send(method, url, body: body)
        guard response.isSuccess || response.status == 405 else {
            throw .server(account: client.account, method: method, url: url.absoluteString, status: response.status)
        }
        return url
    }

    /// vCard 4.0 where the address book says it takes it (`supported-address-data`, RFC 6352
    /// §6.2.2), else 3.0, which every CardDAV server takes.
    func supportsVCard4(_ addressBook: URL) async -> Bool {
        guard let response = try? await client.send("PROPFIND", addressBook, headers: [("Depth", "0")],
                                                    body: DAV.propfind("<card:supported-address-data/>"), allowing: [403]),
              response.status == 207 else { return false }
        // The versions are attributes, which XMLNode does not keep: look at the text.
        let text = String(decoding: response.body, as: UTF8.self)
        return text.contains("version=\"4.0\"") || text.contains("version='4.0'")
    }

    private func member(of home: URL, type: String, named name: String) async throws(SyncError) -> URL? {
        let (response, multistatus) = try await client.propfind(home, depth: 1, properties: "<d:resourcetype/><d:displayname/>")
        guard let multistatus else {
            throw .server(account: client.account, method: "PROPFIND", url: home.absoluteString, status: response.status)
        }
        for entry in multistatus.responses where entry.resourceTypes.contains(type) {
            if entry.property(DAV.namespace, "displayname")?.trimmedText == name { return resolve(entry.href, home) }
        }
        return nil
    }
}
