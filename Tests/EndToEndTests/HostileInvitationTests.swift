import Foundation
import Testing
import FollowUpTestSupport

/// Issue 25's invitations that made `plan --invite` and `invite` run for ever now end, saying
/// which rule was given up and why.
struct HostileInvitationTests {
    @Test func planFromARuleThatNeverMatchesEndsSayingTheRuleWasGivenUp() throws {
        let file = Repository.url(Issue25Attack.neverMatchingRulePath).path
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--invite", file, "--me", "me@example.org", "--tz", "UTC"],
                                            now: "1795000000")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("repeats by a rule that was given up"), "\(result.stderr)")
        #expect(result.stderr.contains("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"), "\(result.stderr)")
    }

    @Test func inviteWithAZoneOfEverySecondEndsNamingTheBound() throws {
        let file = Repository.url(Issue25Attack.zoneBombPath).path
        let refused = try FollowUpBinary.run(["invite", file])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("'Bomb'") && refused.stderr.contains("its occurrences were given up"), "\(refused.stderr)")
        let read = try FollowUpBinary.run(["invite", file, "--tz", "Europe/Berlin"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains("its occurrences were given up"), "\(read.stderr)")
    }
}
