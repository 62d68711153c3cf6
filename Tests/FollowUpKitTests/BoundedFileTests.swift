import Foundation
import Testing
import FollowUpSupport
import FollowUpTestSupport

/// The reading behind every file size bound of docs/limits.md: a file of exactly the bound is
/// read whole, one byte more is refused from its size, and a file whose size the system does not
/// know (a device, a pipe) is refused after one byte past the bound, never read to its end.
struct BoundedFileTests {
    @Test func aFileOfExactlyTheBoundIsReadAndOneByteMoreIsRefused() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let exact = try folder.file("exact.ics", Array(repeating: UInt8(ascii: "x"), count: 1_000))
        #expect(try BoundedFile.read(exact, atMost: 1_000).count == 1_000)
        let over = try folder.file("over.ics", Array(repeating: UInt8(ascii: "x"), count: 1_001))
        #expect(throws: BoundedFile.Failure.tooLarge(size: 1_001, limit: 1_000)) { try BoundedFile.read(over, atMost: 1_000) }
        #expect(try BoundedFile.read(over, atMost: 1_001).count == 1_001)
    }

    @Test func aDeviceWithoutEndIsRefusedOneBytePastTheBound() {
        #expect(throws: BoundedFile.Failure.tooLarge(size: nil, limit: 3 << 20)) { try BoundedFile.read("/dev/zero", atMost: 3 << 20) }
    }

    @Test func theRefusalNamesTheBoundInMebibytes() {
        #expect(BoundedFile.Failure.tooLarge(size: 200 << 20, limit: 64 << 20).reason(for: "an invitation")
                    == "it holds 200 MiB, more than the 64 MiB an invitation may take")
        #expect(BoundedFile.Failure.unreadable("No such file or directory").reason(for: "an invitation") == "No such file or directory")
    }
}
