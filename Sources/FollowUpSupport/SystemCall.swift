#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

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
