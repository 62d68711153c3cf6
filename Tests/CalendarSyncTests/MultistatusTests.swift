@testable import CalendarSync
import Foundation
import FollowUpTestSupport
import Testing

@Suite struct MultistatusTests {
    static func response(_ name: String) throws -> Multistatus {
        try Multistatus(Data(try Repository.bytes("Tests/CalendarSyncTests/Responses/\(name).xml")))
    }

    @Test(arguments: ["radicale", "xandikos"])
    func theRootNamesTheCurrentUserPrincipalAndNoHomes(server: String) throws {
        let answer = try #require(try Self.response("\(server)-root-principal").responses.first)
        #expect(answer.href == "/")
        #expect(answer.property(DAV.namespace, "current-user-principal")?.hrefs == ["/jobseeker/"])
        // Both servers answer the home sets with 404 at the root: they must not count as found.
        #expect(answer.property(DAV.caldav, "calendar-home-set") == nil)
    }

    @Test(arguments: [("radicale", "/jobseeker/", "/jobseeker/"), ("xandikos", "/jobseeker/calendars/", "/jobseeker/contacts/")])
    func thePrincipalNamesBothHomes(server: String, calendars: String, contacts: String) throws {
        let answer = try #require(try Self.response("\(server)-principal-homes").responses.first)
        #expect(answer.property(DAV.caldav, "calendar-home-set")?.hrefs == [calendars])
        #expect(answer.property(DAV.carddav, "addressbook-home-set")?.hrefs == [contacts])
        #expect(answer.resourceTypes.contains("principal"))
    }

    @Test(arguments: ["radicale", "xandikos"])
    func aFirstSyncReportListsEveryMemberWithItsETagAndAToken(server: String) throws {
        let report = try Self.response("\(server)-sync-collection-initial")
        #expect(report.syncToken?.isEmpty == false)
        #expect(report.responses.count == 8)
        #expect(report.responses.allSatisfy { $0.status == nil && $0.etag?.hasPrefix("\"") == true })
        #expect(report.responses.filter { $0.href.hasSuffix("-task.ics") }.count == 4)
    }

    @Test(arguments: ["radicale", "xandikos"])
    func aLaterSyncReportNamesTheDeletedMemberWith404(server: String) throws {
        let report = try Self.response("\(server)-sync-collection-after-delete")
        #expect(report.responses.count == 1)
        #expect(report.responses[0].status == 404)
        #expect(report.responses[0].href.hasSuffix("-task.ics"))
        let first = try Self.response("\(server)-sync-collection-initial")
        #expect(report.syncToken != first.syncToken)
    }

    @Test func textThatIsNotAMultistatusIsAnError() {
        #expect(throws: (any Error).self) { try Multistatus(Data("<html><body>Login</body></html>".utf8)) }
        #expect(throws: (any Error).self) { try Multistatus(Data("Unsupported media type".utf8)) }
    }

    @Test func hrefsAreMatchedByTheirDecodedPath() {
        let base = URL(string: "https://dav.example/u/cal/")!
        #expect(CalendarSync.path("/u/cal/a%20b-task.ics", relativeTo: base) == "/u/cal/a b-task.ics")
        #expect(CalendarSync.path("https://dav.example/u/cal/a%20b-task.ics") == "/u/cal/a b-task.ics")
        #expect(CalendarSync.path("a-task.ics", relativeTo: base) == "/u/cal/a-task.ics")
    }
}
