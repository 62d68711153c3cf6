#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif
import CSystemCalls

/// Calls `call` again for as long as it fails with `EINTR`: a signal that arrives during a
/// `read(2)`, `write(2)` or `open(2)` interrupts the call without anything having gone wrong.
/// Any other result, success or a real error with `errno` set, is returned as it is.
package func retryingOnInterrupt<Result: BinaryInteger>(_ call: () -> Result) -> Result {
    while true {
        let result = call()
        if result >= 0 || errno != EINTR { return result }
    }
}

/// The system's message for `code` (`strerror`), such as "No such file or directory".
package func systemErrorMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// Asks the kernel to start writing bytes `range` of the open file `descriptor` to disk, and
/// returns at once (Linux's `sync_file_range(2)`; elsewhere nothing). A large file written this
/// way, a few MiB at a time, is on its way to disk while the rest is still being written, so the
/// `fsync` that ends it waits for the last few MiB rather than for the whole file. It is only
/// a hint: the `fsync` is what makes the bytes durable, so a failure here is ignored.
package func startWriteback(_ descriptor: Int32, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    _ = followup_start_writeback(descriptor, Int64(range.lowerBound), Int64(range.count))
}
