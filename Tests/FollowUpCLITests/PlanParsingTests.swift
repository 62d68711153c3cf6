import Foundation
import Testing
@testable import FollowUpCLI

/// `followup plan`'s options as parsed, and the combinations `plan` and `add` refuse before
/// reading any file. Parsing reads no file: the card and invitation names need not exist.
struct PlanParsingTests {
    let start = ["--at", "2026-12-01 14:00"]

    @Test func withOnlyACardAndAStartThePlanIsWrittenHereWithDefaults() throws {
        let plan = try parse(["plan", "--card", "dana.vcf"] + start, as: PlanCommand.self)
        #expect(plan.out == ".")
        #expect(plan.drafts == nil)
        #expect(!plan.dryRun)
        #expect(plan.interview.invite == nil)
        #expect(plan.interview.me.isEmpty)
        #expect(plan.interview.tz == nil && plan.interview.company == nil && plan.interview.role == nil)
        #expect(plan.interview.pick == nil && plan.interview.primary == nil && plan.interview.format == nil)
        // Nothing the interviewer said: the planner's defaults apply.
        #expect(plan.said.followUp == nil)
        #expect(!plan.said.input.noFollowUp)
        #expect(plan.said.input.talkingPoints.isEmpty)
        #expect(plan.said.decisionBy == nil && plan.said.followUpOn == nil && plan.said.prefer == nil && plan.said.strength == nil)
        #expect(plan.schedule.callAt == nil && plan.schedule.callMinutes == nil && plan.schedule.workdays == nil && plan.schedule.holidays == nil)
        try plan.interview.checkCombination()
    }

    @Test func everyInterviewOptionReachesTheRequest() throws {
        let plan = try parse(["plan", "--card", "dana.vcf", "--card", "lee.vcf", "--card", "priya.vcf"] + start + [
            "--tz", "America/Chicago", "--company", "Acme", "--role", "Backend Engineer", "--pick", "Dana",
            "--primary", "priya", "--format", "video",
        ], as: PlanCommand.self)
        let request = plan.interview.request(outputDirectory: .init(fileURLWithPath: "calendar"), said: plan.said, schedule: plan.schedule)
        // A panel is planned in the order the cards were given: the first is the main contact.
        #expect(request.cardFiles == ["dana.vcf", "lee.vcf", "priya.vcf"])
        #expect(request.at == "2026-12-01 14:00")
        #expect(request.timeZoneName == "America/Chicago")
        #expect(request.company == "Acme")
        #expect(request.role == "Backend Engineer")
        #expect(request.pick == "Dana")
        #expect(request.primary == "priya")
        #expect(request.format == "video")
        #expect(request.outputDirectory.lastPathComponent == "calendar")
        #expect(plan.interview.invitationRequest(outputDirectory: .init(fileURLWithPath: "."), said: plan.said, schedule: plan.schedule) == nil)
    }

    @Test func dryRunOutAndDraftsAreParsed() throws {
        let plan = try parse(["plan", "--dry-run", "--card", "dana.vcf"] + start + ["--out", "calendar", "--drafts", "mail"], as: PlanCommand.self)
        #expect(plan.dryRun)
        #expect(plan.out == "calendar")
        #expect(plan.drafts == "mail")
    }

    @Test func whatTheInterviewerSaidIsTakenAsTyped() throws {
        let plan = try parse(["plan", "--card", "dana.vcf"] + start + [
            "--decision-by", "2026-12-09", "--follow-up-on", "2026-12-10", "--prefer", "email", "--strength", "Swift on Linux",
            "--talking-point", "dana=the robot fleet", "--talking-point", "the on-call rotation", "--no-follow-up",
        ], as: PlanCommand.self)
        let input = plan.said.input
        #expect(input.decisionBy == "2026-12-09")
        #expect(input.followUpOn == "2026-12-10")
        #expect(input.prefer == "email")
        #expect(input.strength == "Swift on Linux")
        #expect(input.talkingPoints == ["dana=the robot fleet", "the on-call rotation"])
        #expect(input.noFollowUp)
    }

    /// `--follow-up` is the default said aloud: it plans the check-in, as no flag does.
    @Test func followUpSaysTheCheckInIsWelcome() throws {
        let plan = try parse(["plan", "--card", "dana.vcf"] + start + ["--follow-up"], as: PlanCommand.self)
        #expect(plan.said.followUp == true)
        #expect(!plan.said.input.noFollowUp)
    }

    /// `none` clears a value: the parser passes it on for the planner to read as "not said".
    @Test func noneIsPassedOnAsTyped() throws {
        let plan = try parse(["plan", "--card", "dana.vcf"] + start + ["--decision-by", "none", "--prefer", "none", "--talking-point", "none"],
                             as: PlanCommand.self)
        #expect(plan.said.input.decisionBy == "none")
        #expect(plan.said.input.prefer == "none")
        #expect(plan.said.input.talkingPoints == ["none"])
    }

    @Test func schedulingOptionsAreParsed() throws {
        let plan = try parse(["plan", "--card", "dana.vcf"] + start + [
            "--call-at", "09:30", "--call-minutes", "20", "--workdays", "Sun-Thu", "--holidays", "holidays.ics",
        ], as: PlanCommand.self)
        let input = plan.schedule.input
        #expect(input.callAt == "09:30")
        #expect(input.callMinutes == 20)
        #expect(input.workdays == "Sun-Thu")
        #expect(input.holidaysFile == "holidays.ics")
    }

    @Test func anInvitationWithMeAndCardsIsAccepted() throws {
        let plan = try parse(["plan", "--invite", "invitation.eml", "--me", "alex@example.org", "--me", "alex@work.example",
                              "--card", "dana.vcf", "--tz", "Europe/Berlin"], as: PlanCommand.self)
        try plan.interview.checkCombination()
        let request = try #require(plan.interview.invitationRequest(outputDirectory: .init(fileURLWithPath: "."), said: plan.said,
                                                                    schedule: plan.schedule))
        #expect(request.invitationFile == "invitation.eml")
        #expect(request.me == ["alex@example.org", "alex@work.example"])
        #expect(request.cardFiles == ["dana.vcf"])
        #expect(request.timeZoneName == "Europe/Berlin")
    }

    @Test(arguments: [
        (["--invite", "invitation.ics", "--at", "2026-12-03 16:00"], "--at cannot be given with --invite: the invitation's time is the interview's"),
        (["--card", "dana.vcf", "--at", "2026-12-01 14:00", "--me", "alex@example.org"],
         "--me names you among an invitation's attendees: give it with --invite FILE"),
        (["--at", "2026-12-01 14:00"], "give at least one --card FILE (the interviewer's vCard), or --invite FILE"),
        ([], "give at least one --card FILE (the interviewer's vCard), or --invite FILE"),
        (["--card", "dana.vcf"], "give --at \"YYYY-MM-DD HH:MM\" (when the interview starts), or --invite FILE"),
    ])
    func planAndAddRefuseOptionsThatDoNotGoTogether(options: [String], message: String) throws {
        for command in ["plan", "add"] {
            let refusal = try #require(try Refusal.combining([command] + options), "\(command) \(options)")
            #expect(refusal.message == message)
            #expect(refusal.exitCode == 64)
            // Thrown from run(), printed with the subcommand's usage, as a mistake the parser finds.
            #expect(refusal.fullMessage.hasPrefix("Error: \(message)\nUsage: followup \(command) "))
            #expect(refusal.fullMessage.hasSuffix("\n  See 'followup \(command) --help' for more information."))
            #expect(!refusal.fullMessage.contains("<subcommand>"))
        }
    }

    @Test(arguments: [
        (["--format", "hybrid"], "cannot read --format 'hybrid': expected onsite, phone or video"),
        (["--prefer", "fax"], "cannot read --prefer 'fax': expected email or phone"),
    ])
    func aWordNoneOfAnOptionsIsAUsageError(options: [String], message: String) throws {
        for command in ["plan", "add"] {
            let refusal = try #require(try Refusal.combining([command, "--card", "dana.vcf"] + start + options), "\(command) \(options)")
            #expect(refusal.message == message)
            #expect(refusal.exitCode == 64)
            #expect(refusal.fullMessage.contains("Usage: followup \(command) "))
        }
    }

    /// A mistyped option is named, not hidden behind the check that no card was given.
    @Test func aMistypedOptionIsNamed() throws {
        let refusal = try #require(Refusal.parsing(["plan", "--cards", "dana.vcf"] + start))
        #expect(refusal.message == "Unknown option '--cards'. Did you mean '--card'?")
        #expect(refusal.exitCode == 64)
        #expect(!refusal.fullMessage.contains("give at least one --card"))
        #expect(refusal.fullMessage.contains("Usage: followup plan "))
    }

    @Test(arguments: [
        (["--call-minutes", "ten"], "The value 'ten' is invalid for '--call-minutes <n>'"),
        (["--out"], "Missing value for '--out <dir>'"),
        (["--dry-run=yes"], "The option '--dry-run' does not take any value, but 'yes' was specified."),
        (["calendar"], "Unexpected argument 'calendar'"),
    ])
    func valuesThatDoNotParseAreUsageErrors(options: [String], message: String) throws {
        let refusal = try #require(Refusal.parsing(["plan", "--card", "dana.vcf"] + start + options))
        #expect(refusal.message == message)
        #expect(refusal.exitCode == 64)
    }

    /// A flag and its inversion are one choice: the parser takes the last one given.
    @Test func theLastOfFollowUpAndNoFollowUpCounts() throws {
        let off = try parse(["plan", "--card", "dana.vcf"] + start + ["--follow-up", "--no-follow-up"], as: PlanCommand.self)
        #expect(off.said.input.noFollowUp)
        let on = try parse(["plan", "--card", "dana.vcf"] + start + ["--no-follow-up", "--follow-up"], as: PlanCommand.self)
        #expect(!on.said.input.noFollowUp)
    }
}
