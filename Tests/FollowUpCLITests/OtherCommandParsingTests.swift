import FeedServing
import Testing
import VCardKit
@testable import FollowUpCLI

/// `card`, `invite`, `serve`, `remote`, `sync` and `contacts` as parsed, and what the parser
/// refuses.
struct OtherCommandParsingTests {
    @Test func cardReadsEveryFileGivenAsText() throws {
        let card = try parse(["card", "dana.vcf", "lee.vcf"], as: CardCommand.self)
        #expect(card.files == ["dana.vcf", "lee.vcf"])
        #expect(!card.json)
        #expect(try parse(["card", "--json", "dana.vcf"], as: CardCommand.self).json)
    }

    @Test func inviteReadsEveryFileWithAnOptionalFallbackZone() throws {
        let invite = try parse(["invite", "a.ics", "b.eml"], as: InviteCommand.self)
        #expect(invite.files == ["a.ics", "b.eml"])
        #expect(invite.tz == nil)
        #expect(!invite.json)
        let json = try parse(["invite", "--json", "--tz", "America/Chicago", "a.ics"], as: InviteCommand.self)
        #expect(json.json)
        #expect(json.tz == "America/Chicago")
    }

    @Test func serveListensOnThisComputerByDefault() throws {
        let serve = try parse(["serve"], as: ServeCommand.self)
        #expect(serve.host == "127.0.0.1")
        #expect(serve.host == FeedServerConfiguration.defaultHost)
        #expect(serve.port == FeedServerConfiguration.defaultPort)
        #expect(serve.maxConnections == FeedServerConfiguration.defaultMaxConnections)
        #expect(!serve.rotateToken)
        #expect(serve.tlsCert == nil && serve.tlsKey == nil)
    }

    @Test func serveTakesHostPortTLSAndRotation() throws {
        let serve = try parse(["serve", "--host", "0.0.0.0", "--port", "0", "--rotate-token", "--tls-cert", "server.crt",
                               "--tls-key", "server.key", "--max-connections", "16"], as: ServeCommand.self)
        #expect(serve.host == "0.0.0.0")
        #expect(serve.port == 0)
        #expect(serve.rotateToken)
        #expect(serve.tlsCert == "server.crt")
        #expect(serve.tlsKey == "server.key")
        #expect(serve.maxConnections == 16)
    }

    /// Refused while parsing, before a store is opened or a port is bound.
    @Test(arguments: [["--tls-cert", "server.crt"], ["--tls-key", "server.key"]])
    func aCertificateAndAKeyGoTogether(options: [String]) throws {
        let refusal = try #require(Refusal.parsing(["serve", "--port", "0"] + options))
        #expect(refusal.message == "--tls-cert and --tls-key go together: give both to serve HTTPS, or neither")
        #expect(refusal.exitCode == 64)
        #expect(refusal.fullMessage.hasPrefix("Error: \(refusal.message)\nUsage: followup serve "))
    }

    @Test func remoteAddTakesANameAURLAndNoPassword() throws {
        let add = try parse(["remote", "add", "home", "https://dav.example/dav/", "--user", "dana", "--password-file", "password"],
                            as: RemoteAddCommand.self)
        #expect(add.name == "home")
        #expect(add.url == "https://dav.example/dav/")
        #expect(add.user == "dana")
        #expect(add.passwordFile == "password")
        let bare = try parse(["remote", "add", "home", "https://dav.example/"], as: RemoteAddCommand.self)
        #expect(bare.user == nil && bare.passwordFile == nil)
    }

    @Test func remoteListAndRemoveAreSubcommands() throws {
        #expect(try parse(["remote", "list", "--store", "s.sqlite"], as: RemoteListCommand.self).storage.store == "s.sqlite")
        #expect(try parse(["remote", "remove", "home"], as: RemoteRemoveCommand.self).name == "home")
    }

    @Test func syncSyncsEveryAccountUnlessOneIsNamed() throws {
        let every = try parse(["sync"], as: SyncCommand.self)
        #expect(every.name == nil)
        #expect(!every.dryRun)
        let one = try parse(["sync", "home", "--dry-run"], as: SyncCommand.self)
        #expect(one.name == "home")
        #expect(one.dryRun)
    }

    @Test func contactsExportWritesVCard3ToStandardOutputByDefault() throws {
        let export = try parse(["contacts", "export"], as: ContactsExportCommand.self)
        #expect(export.version == .v3)
        #expect(export.out == nil)
        let four = try parse(["contacts", "export", "--vcard-version", "4.0", "--out", "interviewers.vcf"], as: ContactsExportCommand.self)
        #expect(four.version == .v4)
        #expect(four.out == "interviewers.vcf")
    }

    @Test(arguments: [
        (["card"], "Missing expected argument '<file> ...'"),
        (["invite", "--tz"], "Missing value for '--tz <zone>'"),
        (["serve", "--port", "eighty"], "The value 'eighty' is invalid for '--port <port>'"),
        (["remote", "add", "home"], "Missing expected argument '<url>'"),
        (["remote", "add", "home", "https://dav.example/", "--password", "hunter2"], "Unknown option '--password'"),
        (["remote", "remove"], "Missing expected argument '<name>'"),
        (["contacts", "export", "--vcard-version", "2.1"],
         "The value '2.1' is invalid for '--vcard-version <vcard-version>'. Please provide one of '3.0' and '4.0'."),
    ])
    func refusedByTheParser(arguments: [String], message: String) throws {
        let refusal = try #require(Refusal.parsing(arguments), "\(arguments) parsed")
        #expect(refusal.message == message)
        #expect(refusal.exitCode == 64)
        #expect(refusal.fullMessage.hasPrefix("Error: \(message)\n"))
    }
}
