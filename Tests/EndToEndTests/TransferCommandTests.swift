import Foundation
import Testing

/// `followup import`, `export` and `feed --keep-days` as a user runs them.
@Suite(.serialized)
struct TransferCommandTests {
    func folder() throws -> URL { try FollowUpBinary.temporaryDirectory() }

    func run(_ arguments: [String], store: URL) throws -> FollowUpBinary.Outcome {
        try FollowUpBinary.run([arguments[0], "--store", store.path] + arguments.dropFirst())
    }

    let csv = """
        Company,Role,Date,Time,Timezone,Name,Email,Phone,Title,Outcome\r
        Acme,Engineer,2026-12-01,14:00,America/Chicago,Dana Diaz,dana@acme.example,,CTO,\r
        Acme,Engineer,2026-12-01,14:00,America/Chicago,Lee Chen,lee@acme.example,,,\r
        Beta,PM,2026-10-01,09:30,Europe/Berlin,Sam Roe,sam@beta.example,,,rejected\r

        """

    @Test func importThenExportJSONThenImportElsewhereListsTheSame() throws {
        let folder = try folder()
        let store = folder.appendingPathComponent("store.sqlite")
        let file = folder.appendingPathComponent("search.csv")
        try Data(csv.utf8).write(to: file)
        let imported = try run(["import", file.path], store: store)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported 2 interviews\n")
        #expect(try run(["import", file.path], store: store).stdout == "imported 0 interviews; 2 already stored, skipped\n")

        let backup = folder.appendingPathComponent("backup.json")
        #expect(try run(["export", "--json", "--out", backup.path], store: store).status == 0)
        let other = folder.appendingPathComponent("other.sqlite")
        #expect(try run(["import", backup.path], store: other).stdout == "imported 2 interviews\n")
        let original = try run(["list", "--json", "--all"], store: store)
        let copy = try run(["list", "--json", "--all"], store: other)
        #expect(copy.status == 0 && !copy.stdout.isEmpty)
        #expect(copy.stdout == original.stdout)
    }

    @Test func exportWritesTheColumnsImportReads() throws {
        let folder = try folder()
        let store = folder.appendingPathComponent("store.sqlite")
        let file = folder.appendingPathComponent("search.csv")
        try Data(csv.utf8).write(to: file)
        #expect(try run(["import", file.path], store: store).status == 0)
        let exported = try run(["export"], store: store)
        #expect(exported.status == 0)
        let lines = exported.stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "company,role,date,time,timezone,name,email,phone,title,decision_by,follow_up_on,prefer,outcome,"
            + "honorific_prefix,given_name,additional_names,family_name,honorific_suffix")
        #expect(lines.contains("Beta,PM,2026-10-01,09:30,Europe/Berlin,Sam Roe,sam@beta.example,,,,,,rejected,,Sam,,Roe,"))
    }

    /// A doctor given as one string is greeted as one, and is called on the clock their number names.
    @Test func anImportedDoctorIsGreetedByTitleAndCalledOnTheirNumbersClock() throws {
        let folder = try folder()
        let store = folder.appendingPathComponent("store.sqlite")
        let file = folder.appendingPathComponent("search.csv")
        try Data("""
            company,role,date,time,timezone,name,email,phone,title,prefer\r
            Acme,Engineer,2026-12-01,14:00,Europe/Berlin,Dr. Katrin Vogel,katrin@acme.example,+1 212 555 0100,CTO,phone\r

            """.utf8).write(to: file)
        #expect(try run(["import", file.path], store: store).status == 0)
        let list = try run(["list", "--all"], store: store).stdout
        #expect(list.contains("Mon 7 Dec 2026 10:00 (America/New_York) = "), "\(list)")
        #expect(list.contains("15 min  Check-in call to Dr. Katrin Vogel"), "\(list)")
        let thankYou = try #require(list.split(separator: "\n").first { $0.contains("Thank-you e-mail") }?.split(separator: " ").first)
        let draft = try run(["draft", String(thankYou)], store: store)
        #expect(draft.stdout.contains("Dear Dr. Vogel,"), "\(draft.stdout)")
        let exported = try run(["export"], store: store).stdout
        #expect(exported.contains(",Dr. Katrin Vogel,katrin@acme.example,+1 212 555 0100,CTO,,,phone,,Dr.,Katrin,,Vogel,\r\n"))
    }

    /// The company a card's ORG gave is the CSV's, and so the company of the interview imported from it.
    @Test func theCardsCompanyIsExportedAndComesBack() throws {
        let folder = try folder()
        let store = folder.appendingPathComponent("store.sqlite")
        let card = folder.appendingPathComponent("weber.vcf")
        try Data(("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jörg Weber\r\nN:Weber;Jörg;;;\r\nORG:Weber GmbH\r\nEMAIL:joerg@weber.example\r\n"
            + "TEL;TYPE=WORK:Diensttelefon\r\nEND:VCARD\r\n").utf8).write(to: card)
        let added = try run(["add", "--card", card.path, "--at", "2026-12-01 10:00", "--tz", "Europe/Berlin"], store: store)
        #expect(added.status == 0, "\(added.stderr)")
        let exported = try run(["export"], store: store).stdout
        #expect(exported.contains("\r\nWeber GmbH,,2026-12-01,10:00,Europe/Berlin,Jörg Weber,joerg@weber.example,,"), "\(exported)")
        let file = folder.appendingPathComponent("export.csv")
        try Data(exported.utf8).write(to: file)
        let other = folder.appendingPathComponent("other.sqlite")
        #expect(try run(["import", file.path], store: other).status == 0)
        #expect(try run(["list", "--all"], store: other).stdout.contains("Weber GmbH"))
        #expect(try run(["export"], store: other).stdout == exported)
    }

    /// `--primary` with the address's spelling of an umlaut.
    @Test func primaryFindsAnUmlautSpelledOut() throws {
        let folder = try folder()
        let store = folder.appendingPathComponent("store.sqlite")
        let jorg = folder.appendingPathComponent("weber.vcf"), dana = folder.appendingPathComponent("dana.vcf")
        try Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jörg Weber\r\nEMAIL:joerg@weber.example\r\nEND:VCARD\r\n".utf8).write(to: jorg)
        try Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Diaz\r\nEMAIL:dana@weber.example\r\nEND:VCARD\r\n".utf8).write(to: dana)
        let added = try run(["add", "--card", dana.path, "--card", jorg.path, "--primary", "joerg", "--at", "2026-12-01 10:00",
                             "--tz", "Europe/Berlin"], store: store)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Check-in e-mail to Jörg Weber"), "\(added.stdout)")
    }

    @Test func aBadRowStopsTheImportWithItsLineAndColumn() throws {
        let folder = try folder()
        let store = folder.appendingPathComponent("store.sqlite")
        let file = folder.appendingPathComponent("search.csv")
        try Data((csv + "Gamma,SRE,2026-12-03,25:00,UTC,Ravi Iyer,,,,\r\n").utf8).write(to: file)
        let result = try run(["import", file.path], store: store)
        #expect(result.status == 1)
        #expect(result.stderr.contains("search.csv:5: column 4 (time): '25:00' is not a time of day"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was imported"))
        #expect(try run(["list", "--all"], store: store).stdout.hasPrefix("no interviews stored yet"))
    }

    /// A feed written with --keep-days; a negative value is refused while parsing, which
    /// FollowUpCLITests checks in-process.
    @Test func feedKeepDaysIsAccepted() throws {
        let folder = try folder()
        let store = folder.appendingPathComponent("store.sqlite")
        let feed = folder.appendingPathComponent("feed")
        #expect(try run(["feed", "--out", feed.path, "--keep-days", "10"], store: store).status == 0)
    }
}
