import CalendarSync
import FollowUpStore
import Foundation
import Testing

/// How a first sync finds where to write, from whatever URL the user gave, against a server in
/// the test process.
@Suite(.timeLimit(.minutes(1)))
struct DiscoveryTests {
    @Test func theFirstSyncFindsTheHomesThroughThePrincipalAndMakesBothCollections() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let made = server.writes.filter { $0.method == "MKCALENDAR" || $0.method == "MKCOL" }
            #expect(made.map(\.method) == ["MKCALENDAR", "MKCOL"])
            #expect(made.map(\.path) == ["/jobseeker/calendars/interview-follow-ups/", "/jobseeker/contacts/interviewers/"])
            #expect(made.allSatisfy { $0.status == 201 })
            #expect(server.collection(server.calendarPath)?.displayName == "Interview follow-ups")
            #expect(server.collection(server.calendarPath)?.kind == .calendar)
            #expect(server.collection(server.addressBookPath)?.displayName == "Interviewers")
            #expect(server.collection(server.addressBookPath)?.kind == .addressBook)
            // The calendar is made for both kinds of object (RFC 4791 §5.2.3).
            #expect(made[0].body.contains("<c:comp name=\"VEVENT\"/><c:comp name=\"VTODO\"/>"))
            let account = try setup.account
            #expect(SyncSetup.path(account.calendarURL) == server.calendarPath)
            #expect(SyncSetup.path(account.addressBookURL) == server.addressBookPath)
        }
    }

    @Test func whereThePrincipalIsBothHomesTheCollectionsAreMadeInIt() async throws {
        let server = FakeDAVServer(.init(layout: .radicale))
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            #expect(try SyncSetup.path(setup.account.calendarURL) == "/jobseeker/interview-follow-ups/")
            #expect(try SyncSetup.path(setup.account.addressBookURL) == "/jobseeker/interviewers/")
            #expect(server.bodies(in: server.calendarPath).count == 2 * (try setup.liveFollowUps().count))
        }
    }

    @Test func collectionsThatExistAlreadyAreFoundByTheirNamesAndNotMadeAgain() async throws {
        let server = FakeDAVServer()
        server.addCollection("/jobseeker/calendars/job-search/", kind: .calendar, displayName: "Interview follow-ups")
        server.addCollection("/jobseeker/calendars/personal/", kind: .calendar, displayName: "Personal")
        server.addCollection("/jobseeker/contacts/people/", kind: .addressBook, displayName: "Interviewers")
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            #expect(!server.writes.contains { $0.method == "MKCALENDAR" || $0.method == "MKCOL" })
            #expect(try SyncSetup.path(setup.account.calendarURL) == "/jobseeker/calendars/job-search/")
            #expect(try SyncSetup.path(setup.account.addressBookURL) == "/jobseeker/contacts/people/")
            #expect(server.bodies(in: "/jobseeker/calendars/personal/").isEmpty)
            #expect(server.bodies(in: "/jobseeker/calendars/job-search/").count == 2 * (try setup.liveFollowUps().count))
        }
    }

    @Test func aServerReachedOnlyThroughItsWellKnownURIIsFoundByTheRedirect() async throws {
        let server = FakeDAVServer(.init(principalAtRoot: false))
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            let paths = server.requests.filter { $0.method == "PROPFIND" }.map(\.path)
            #expect(paths.starts(with: ["/", "/.well-known/caldav", "/jobseeker/"]))
            #expect(try SyncSetup.path(setup.account.calendarURL) == server.calendarPath)
        }
    }

    @Test func aCalendarGivenAsTheAccountURLIsUsedAndTheAddressBookFoundThroughItsPrincipal() async throws {
        let server = FakeDAVServer()
        server.addCollection("/jobseeker/calendars/mine/", kind: .calendar, displayName: "Mine")
        try await server.withSetup(accountPath: "/jobseeker/calendars/mine/") { setup in
            try setup.addInterview()
            try await setup.sync()
            #expect(!server.writes.contains { $0.method == "MKCALENDAR" })
            #expect(try SyncSetup.path(setup.account.calendarURL) == "/jobseeker/calendars/mine/")
            #expect(try SyncSetup.path(setup.account.addressBookURL) == server.addressBookPath)
            #expect(server.bodies(in: "/jobseeker/calendars/mine/").count == 2 * (try setup.liveFollowUps().count))
        }
    }

    @Test func aURLWhereNoCalendarCanBeFoundIsAnErrorNamingTheAccount() async throws {
        let server = FakeDAVServer(.init(principalAtRoot: false, wellKnownRedirects: false))
        try await server.withSetup(accountPath: "/elsewhere/") { setup in
            try setup.addInterview()
            // The account's own URL answers 404, and so do the well-known URIs: there is nothing to write to.
            let error = await #expect(throws: SyncError.self) { try await setup.sync() }
            #expect(error?.description.hasPrefix("remote 'home': found no calendar home") == true)
            #expect(server.writes.isEmpty)
            #expect(try setup.account.calendarURL == nil)
            #expect(try setup.remoteObjects().isEmpty)
        }
    }

    @Test func theCollectionsFoundAreRememberedSoTheNextSyncLooksForThemNoMore() async throws {
        let server = FakeDAVServer()
        try await server.withSetup { setup in
            try setup.addInterview()
            try await setup.sync()
            server.forgetRequests()
            try await setup.sync()
            let propfinds = server.requests.filter { $0.method == "PROPFIND" }
            #expect(!propfinds.contains { $0.path == "/" || $0.path == "/jobseeker/" || $0.path == "/jobseeker/calendars/" })
        }
    }
}
