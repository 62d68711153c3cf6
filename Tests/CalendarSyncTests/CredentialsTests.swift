import CalendarSync
import Foundation
import FollowUpTestSupport
import Testing

@Suite struct CredentialsTests {
    @Test func aPasswordFileOnlyItsOwnerCanReadGivesItsFirstLine() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("password", Array("hunter2\nignored\n".utf8))
        chmod(path, 0o600)
        #expect(try Credentials.read(passwordFile: path) == "hunter2")
    }

    @Test func aPasswordFileOthersCanReadIsRefusedWithoutShowingThePassword() throws {
        let folder = try ScratchFolder()
        let path = try folder.file("password", Array("hunter2\n".utf8))
        chmod(path, 0o644)
        do {
            _ = try Credentials.read(passwordFile: path)
            Issue.record("a world-readable password file was accepted")
        } catch {
            #expect(error.description.contains("chmod 600"))
            #expect(error.description.contains(path))
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func aMissingPasswordFileIsNamed() throws {
        #expect(throws: SyncError.self) { try Credentials.read(passwordFile: "/nonexistent/password") }
    }

    @Test func netrcGivesThePasswordOfTheServersHostAndLogin() throws {
        let folder = try ScratchFolder()
        try folder.file(".netrc", Array("""
            machine other.example login dana password wrong
            machine dav.example
              login dana
              password right
            default login dana password fallback
            """.utf8))
        let environment = ["HOME": folder.path]
        #expect(try Credentials.password(user: "dana", host: "dav.example", passwordFile: nil, environment: environment) == "right")
        #expect(try Credentials.password(user: "dana", host: "unknown.example", passwordFile: nil, environment: environment) == "fallback")
    }

    @Test func theEnvironmentIsTheLastResort() throws {
        let folder = try ScratchFolder()
        let environment = ["HOME": folder.path, "FOLLOWUP_PASSWORD": "from-env"]
        #expect(try Credentials.password(user: "dana", host: "dav.example", passwordFile: nil, environment: environment) == "from-env")
        #expect(try Credentials.password(user: "dana", host: "dav.example", passwordFile: nil, environment: ["HOME": folder.path]) == nil)
    }
}

/// A password file is a regular file of the user's on disk: nothing a name can lead elsewhere.
@Suite struct PasswordFileKindTests {
    @Test func aSymbolicLinkToAPasswordFileIsRefusedAndNamed() throws {
        let folder = try ScratchFolder()
        let target = try folder.file("password", Array("hunter2\n".utf8))
        chmod(target, 0o600)
        let link = folder.url("link").path
        #expect(symlink(target, link) == 0)
        do {
            _ = try Credentials.read(passwordFile: link)
            Issue.record("a symbolic link was accepted as a password file")
        } catch {
            #expect(error.description.contains(link))
            #expect(error.description.contains("symbolic link"))
        }
    }

    @Test func theProcessEnvironmentIsNotAPasswordFile() throws {
        do {
            _ = try Credentials.read(passwordFile: "/proc/self/environ")
            Issue.record("/proc/self/environ was accepted as a password file")
        } catch {
            #expect(error.description.contains("/proc/self/environ"))
        }
    }

    @Test func aFolderIsNotAPasswordFile() throws {
        let folder = try ScratchFolder()
        chmod(folder.path, 0o700)
        #expect(throws: SyncError.self) { try Credentials.read(passwordFile: folder.path) }
    }
}
