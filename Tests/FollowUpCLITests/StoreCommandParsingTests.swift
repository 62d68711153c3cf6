import FollowUpStore
import Testing
@testable import FollowUpCLI

/// The job-search commands' options as parsed, and what the parser refuses. Parsing opens no
/// store: the ids and paths need not exist.
struct StoreCommandParsingTests {
    let shared = ["--decision-by", "2026-12-09", "--follow-up-on", "none", "--prefer", "phone", "--no-follow-up",
                  "--talking-point", "dana=the robot fleet", "--talking-point", "the on-call rotation", "--strength", "Swift",
                  "--call-at", "11:00", "--call-minutes", "30", "--workdays", "Mon,Tue,Thu", "--holidays", "holidays.ics"]

    /// `plan`, `add` and `edit` share the option groups of what the interviewer said and of
    /// scheduling: the same words give the same values in each.
    @Test func planAddAndEditReadTheSharedOptionsAlike() throws {
        let plan = try parse(["plan", "--card", "dana.vcf", "--at", "2026-12-01 14:00"] + shared, as: PlanCommand.self)
        let add = try parse(["add", "--card", "dana.vcf", "--at", "2026-12-01 14:00"] + shared, as: AddCommand.self)
        let edit = try parse(["edit", "3f9a1c"] + shared, as: EditCommand.self)
        let said = String(describing: plan.said.input), schedule = String(describing: plan.schedule.input)
        #expect(said.contains("the on-call rotation") && schedule.contains("Mon,Tue,Thu"))
        #expect(String(describing: add.said.input) == said)
        #expect(String(describing: edit.said.input) == said)
        #expect(String(describing: add.schedule.input) == schedule)
        #expect(String(describing: edit.schedule.input) == schedule)
    }

    @Test func addTakesPlansInterviewOptionsAndAStore() throws {
        let add = try parse(["add", "--store", "search.sqlite", "--invite", "invitation.ics", "--me", "alex@example.org", "--tz", "UTC"],
                            as: AddCommand.self)
        #expect(add.storage.store == "search.sqlite")
        #expect(add.interview.invite == "invitation.ics")
        #expect(add.interview.me == ["alex@example.org"])
        try add.interview.checkCombination()
        let plain = try parse(["add", "--card", "dana.vcf", "--at", "2026-12-01 14:00"], as: AddCommand.self)
        // Without --store, JobSearch finds the default store.
        #expect(plain.storage.store == nil)
    }

    /// Only `plan` shows a plan without acting; `add` stores or refuses.
    @Test func addHasNoDryRun() throws {
        let refusal = try #require(Refusal.parsing(["add", "--dry-run", "--card", "dana.vcf", "--at", "2026-12-01 14:00"]))
        #expect(refusal.message == "Unknown option '--dry-run'")
        #expect(refusal.exitCode == 64)
    }

    @Test func editGivesOnlyWhatChanges() throws {
        let edit = try parse(["edit", "3f9a1c"], as: EditCommand.self)
        #expect(edit.id == "3f9a1c")
        #expect(edit.interview.addCards.isEmpty && edit.interview.removeCards.isEmpty)
        #expect(edit.interview.at == nil && edit.interview.tz == nil && edit.interview.format == nil)
        // Absent is "unchanged": neither --follow-up nor --no-follow-up.
        #expect(edit.said.followUp == nil)
        #expect(edit.schedule.callMinutes == nil)
    }

    @Test func editAddsAndRemovesCardsInTheOrderGiven() throws {
        let edit = try parse(["edit", "3f9a1c", "--add-card", "dana.vcf", "--add-card", "lee.vcf", "--remove-card", "priya",
                              "--remove-card", "sam@example.com", "--at", "2026-12-02 10:00", "--tz", "UTC", "--store", "s.sqlite"],
                             as: EditCommand.self)
        #expect(edit.interview.addCards == ["dana.vcf", "lee.vcf"])
        #expect(edit.interview.removeCards == ["priya", "sam@example.com"])
        #expect(edit.interview.at == "2026-12-02 10:00")
        #expect(edit.interview.tz == "UTC")
        #expect(edit.storage.store == "s.sqlite")
    }

    @Test(arguments: [
        (["edit"], "Missing expected argument '<id>'"),
        (["edit", "3f9a1c", "--card", "dana.vcf"], "Unknown option '--card'. Did you mean '--at'?"),
        (["edit", "3f9a1c", "--invite", "invitation.ics"], "Unknown option '--invite'"),
        (["done"], "Missing expected argument '<id>'"),
        (["done", "3f9a1c", "--step", "lunch"],
         "The value 'lunch' is invalid for '--step <step>'. Please provide one of 'checklist', 'thank-you' or 'check-in'."),
        (["cancel", "3f9a1c"], "Missing expected argument '--reason <reason>'"),
        (["cancel", "3f9a1c", "--reason", "bored"],
         "The value 'bored' is invalid for '--reason <reason>'. Please provide one of 'offer', 'rejected', 'withdrawn' or 'cancelled'."),
        (["remove"], "Missing expected argument '<id>'"),
        (["remove", "3f9a1c", "4e0b2d"], "Unexpected argument '4e0b2d'"),
        (["agenda", "--days", "aweek"], "The value 'aweek' is invalid for '--days <days>'"),
        (["import"], "Missing expected argument '<file>'"),
        (["draft"], "Missing expected argument '<id>'"),
        (["feed", "--keep-days", "-3"], "--keep-days takes 0 to 36500 days, not -3"),
        (["feed", "--keep-days", "9223372036854775807"], "--keep-days takes 0 to 36500 days, not 9223372036854775807"),
        (["agenda", "--days", "-1"], "--days takes 0 to 3650 days, not -1"),
        (["agenda", "--days", "9223372036854775807"], "--days takes 0 to 3650 days, not 9223372036854775807"),
        (["feed", "--keep-days", "thirty"], "The value 'thirty' is invalid for '--keep-days <n>'"),
        (["list", "--store"], "Missing value for '--store <path>'"),
    ])
    func refusedByTheParser(arguments: [String], message: String) throws {
        let refusal = try #require(Refusal.parsing(arguments), "\(arguments) parsed")
        #expect(refusal.message == message)
        #expect(refusal.exitCode == 64)
        #expect(refusal.fullMessage.hasPrefix("Error: \(message)\n"))
        #expect(refusal.fullMessage.contains("Usage: followup \(arguments[0]) "))
    }

    @Test func listShowsOpenInterviewsAsTextByDefault() throws {
        let list = try parse(["list"], as: ListCommand.self)
        #expect(!list.all && !list.json)
        #expect(list.storage.store == nil)
        let everything = try parse(["list", "--all", "--json", "--store", "s.sqlite"], as: ListCommand.self)
        #expect(everything.all && everything.json)
        #expect(everything.storage.store == "s.sqlite")
    }

    @Test func agendaLooksAWeekAheadInTheSystemsZoneByDefault() throws {
        let agenda = try parse(["agenda"], as: AgendaCommand.self)
        #expect(agenda.days == 7)
        #expect(agenda.tz == nil)
        let shorter = try parse(["agenda", "--days", "3", "--tz", "Europe/Lisbon"], as: AgendaCommand.self)
        #expect(shorter.days == 3)
        #expect(shorter.tz == "Europe/Lisbon")
    }

    @Test func doneTakesAFollowUpOrAnInterviewsStep() throws {
        let one = try parse(["done", "1a2b3c4d"], as: DoneCommand.self)
        #expect(one.id == "1a2b3c4d")
        #expect(one.step == nil)
        #expect(!one.undo)
        let step = try parse(["done", "3f9a1c", "--step", "thank-you", "--undo"], as: DoneCommand.self)
        #expect(step.step == .thankYou)
        #expect(step.undo)
        #expect(try parse(["done", "3f9a1c", "--step", "check-in"], as: DoneCommand.self).step == .checkIn)
        #expect(try parse(["done", "3f9a1c", "--step", "checklist"], as: DoneCommand.self).step == .checklist)
    }

    @Test(arguments: [("offer", Outcome.offer), ("rejected", .rejected), ("withdrawn", .withdrawn), ("cancelled", .cancelled)])
    func cancelTakesEachOutcome(word: String, outcome: Outcome) throws {
        let cancel = try parse(["cancel", "3f9a1c", "--reason", word], as: CancelCommand.self)
        #expect(cancel.reason == outcome)
        #expect(!cancel.changeOutcome)
    }

    @Test func cancelCanChangeTheOutcome() throws {
        let cancel = try parse(["cancel", "3f9a1c", "--reason", "offer", "--change-outcome"], as: CancelCommand.self)
        #expect(cancel.changeOutcome)
        #expect(cancel.id == "3f9a1c")
    }

    @Test func feedUsesTheRememberedFolderAndKeepDaysUnlessGiven() throws {
        let feed = try parse(["feed"], as: FeedCommand.self)
        #expect(feed.out == nil)
        #expect(feed.keepDays == nil)
        #expect(!feed.rebuild)
        let given = try parse(["feed", "--out", "feed", "--keep-days", "10", "--rebuild"], as: FeedCommand.self)
        #expect(given.out == "feed")
        #expect(given.keepDays == 10)
        #expect(given.rebuild)
    }

    @Test func importAndExportNameTheirFiles() throws {
        #expect(try parse(["import", "search.csv"], as: ImportCommand.self).file == "search.csv")
        let csv = try parse(["export"], as: ExportCommand.self)
        #expect(!csv.json)
        #expect(csv.out == nil)
        let json = try parse(["export", "--json", "--out", "backup.json"], as: ExportCommand.self)
        #expect(json.json)
        #expect(json.out == "backup.json")
    }

    @Test func draftGoesToStandardOutputUnlessOutIsGiven() throws {
        let draft = try parse(["draft", "1a2b3c4d"], as: DraftCommand.self)
        #expect(draft.id == "1a2b3c4d")
        #expect(draft.out == nil)
        #expect(try parse(["draft", "1a2b3c4d", "--out", "mail/thank-you.eml"], as: DraftCommand.self).out == "mail/thank-you.eml")
    }

    @Test func profileWithoutOptionsOnlyShowsIt() throws {
        let profile = try parse(["profile"], as: ProfileCommand.self)
        #expect(profile.name == nil && profile.phone == nil && profile.signature == nil && profile.signatureFile == nil)
        #expect(profile.email.isEmpty)
    }

    @Test func profileTakesEveryAddressInOrder() throws {
        let profile = try parse(["profile", "--name", "Alex Kim", "--email", "alex@example.com", "--email", "alex@work.example",
                                 "--phone", "+1 312 555 0199", "--signature-file", "signature.txt"], as: ProfileCommand.self)
        #expect(profile.name == "Alex Kim")
        #expect(profile.email == ["alex@example.com", "alex@work.example"])
        #expect(profile.phone == "+1 312 555 0199")
        #expect(profile.signatureFile == "signature.txt")
    }

    @Test func profileRefusesTwoSignatures() throws {
        let refusal = try #require(Refusal.parsing(["profile", "--signature", "Alex", "--signature-file", "signature.txt"]))
        #expect(refusal.message == "give --signature or --signature-file, not both")
        #expect(refusal.exitCode == 64)
        #expect(refusal.fullMessage.hasPrefix("Error: give --signature or --signature-file, not both\nUsage: followup profile "))
    }
}
