import FollowUpPlanning
import FollowUpTestSupport
import Foundation
import Testing
@testable import FollowUpStore

/// The job search is the user's alone: a store file `followup` creates, its -wal and -shm
/// companions, and the folders made for it, only the user may read.
final class StoreFileModeTests {
    let now = Date(timeIntervalSince1970: 1_796_169_600)
    let scratch: ScratchFolder

    init() throws { scratch = try ScratchFolder() }
    deinit { scratch.remove() }

    func mode(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & 0o777 : nil
    }

    @Test func aNewStoreItsCompanionsAndItsNewFoldersAreTheOwnersOnly() throws {
        let path = scratch.url("data/followup/followup.sqlite")
        let store = try InterviewStore(path: path)
        // A write, so that the write-ahead log and its index exist while the store is open.
        try store.add(.on(role: "Engineer", interviewers: [.danaByAddress]), settings: .init(), now: now)
        #expect(mode(path.path) == 0o600)
        #expect(mode(path.path + "-wal") == 0o600)
        #expect(mode(path.path + "-shm") == 0o600)
        #expect(mode(scratch.url("data/followup").path) == 0o700)
        #expect(mode(scratch.url("data").path) == 0o700)
    }

    @Test func aStoreThatExistsIsOpenedAsItIs() throws {
        let path = scratch.url("store.sqlite")
        _ = try InterviewStore(path: path)
        chmod(path.path, 0o640)
        _ = try InterviewStore(path: path)
        // The user's own choice of mode for a store that was there is theirs to make.
        #expect(mode(path.path) == 0o640)
    }
}
