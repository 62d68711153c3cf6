import Testing
import FollowUpStore
@testable import FollowUpKit

/// The store says what went wrong; `followup` adds the command that shows or fixes it, so the
/// terminal reads as it always has.
struct ErrorHintTests {
    @Test func theTerminalMessageIsTheStoresWithTheCommandThatFixesIt() {
        let messages: [(StoreError, String)] = [
            (.noInterviewID, "no interview id given; 'followup list' shows them"),
            (.followUpIDTooShort(query: "ab"), "'ab' is too short for a follow-up id; 'followup list' shows them"),
            (.noSuchFollowUp(query: "ffffffff"),
             "no follow-up with id 'ffffffff'; 'followup list' shows them, and 'followup done INTERVIEW --step thank-you' marks a whole step"),
            (.noSuchRemote(name: "home"), "no remote named 'home'; 'followup remote list' shows them"),
            (.remoteExists(name: "home"), "there is already a remote named 'home'; 'followup remote remove home' first"),
            (.duplicate(id: "ab12cd", description: "ab12cd  Acme"),
             "this interview is already stored as ab12cd  Acme\n"
                + "to change it, run 'followup edit ab12cd' with what differs (--add-card, --role, --at ...)"),
            (.alreadyEnded(id: "ab12cd", outcome: "offer", endedAt: nil),
             "interview ab12cd already ended (offer); to record another outcome, run 'followup cancel ab12cd --reason REASON --change-outcome'"),
            (.missing(.interview, id: "ab12cd"), "no interview ab12cd"),
        ]
        for (error, message) in messages {
            #expect(FollowUpError.store(error).description == message)
        }
    }

    @Test func whatAFeedHookThrewInsideAChangeIsReportedAsItself() {
        let wrapped = JobSearch.wrap(StoreError.interrupted(FollowUpError.noFeedDirectory))
        guard case .noFeedDirectory = wrapped else { Issue.record("\(wrapped)"); return }
    }
}
