import Foundation
import Testing
import FollowUpTestSupport

/// Issue 25's invitation, whose DURATION ends two billion years on, once made `invite` and
/// `plan --invite` trap; now both end normally, with a warning naming the DURATION's line.
struct OutOfRangeInvitationTests {
    func attackFile() -> String { Repository.url(Issue25Attack.invitationPath).path }

    @Test func inviteWarnsAtTheDurationsLineAndShowsTheEvent() throws {
        let file = attackFile()
        let result = try FollowUpBinary.run(["invite", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(file):7: DURATION 'P99999999999W' ends outside the years 1900 to 2200"))
    }

    @Test func planFromTheInvitationEndsWithoutATrap() throws {
        let file = attackFile()
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--invite", file, "--me", "alex@example.org", "--tz", "UTC"],
                                            now: "1795000000")
        // The event was read, and names nobody to follow up with: a refusal (1), not a signal.
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(file): the event on line 3 lists no one you met"))
    }
}
