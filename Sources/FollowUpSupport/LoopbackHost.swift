import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This machine's own addresses: 127.0.0.0/8, ::1 and the name localhost. What is sent to one
/// never leaves the machine, so plain http there crosses no network; anything else may.
package enum LoopbackHost {
    /// Whether `text`, a host as a URL or a `--host` option spells it (IPv6 in brackets or
    /// not), is one of them. A name other than localhost is not, whatever it resolves to now.
    package static func contains(_ text: String) -> Bool {
        var host = text.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" { return true }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        var v4 = in_addr()
        // inet_pton takes only the dotted quad, so "127.1" or "0x7f.1" is not mistaken for one.
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        return false
    }
}
