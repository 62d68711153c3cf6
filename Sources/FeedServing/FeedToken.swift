import Foundation

/// The secret path segment that makes a feed URL unguessable.
///
/// Calendar apps cannot send credentials on a subscription reliably, so the secret lives in the
/// URL itself: `http://host:8080/<token>/events.ics`. Whoever knows the URL can read the feed,
/// so the token must be long and random, and comparing it must not leak how much of a guess
/// was right.
///
/// ```swift
/// let token = FeedToken.generate()          // "q3Xw…", 43 characters
/// FeedToken.matches(token, requestSegment)  // constant time
/// ```
public enum FeedToken {
    /// Random bytes in a generated token: 256 bits, twice the 128 a guesser would have to beat.
    static let byteCount = 32

    /// The fewest characters a token may have: 22 base64url characters carry 128 bits.
    public static let minimumLength = 22

    /// A new token: 256 bits from `SystemRandomNumberGenerator` (the kernel's CSPRNG), in
    /// base64url without padding (RFC 4648 §5), so it needs no escaping in a URL path.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        while bytes.count < byteCount {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes.prefix(byteCount)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether two tokens are equal, in a time that depends only on their lengths, never on
    /// where they first differ (so a client cannot find the token one character at a time).
    ///
    /// The lengths are not secret: every token this module makes has the same length.
    public static func matches(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        var difference = UInt64(truncatingIfNeeded: left.count ^ right.count)
        for index in 0..<max(left.count, right.count) {
            let x = index < left.count ? left[index] : 0
            let y = index < right.count ? right[index] : 0
            difference |= UInt64(x ^ y)
        }
        return difference == 0
    }

    /// Whether `token` can serve as the secret path segment: at least ``minimumLength``
    /// characters, all of them unreserved in a URL (RFC 3986 §2.3: letters, digits, `-._~`),
    /// and not made only of dots (a `.` or `..` segment means something else in a path).
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count >= minimumLength
            && token.utf8.allSatisfy(isUnreserved)
            && !token.utf8.allSatisfy { $0 == UInt8(ascii: ".") }
    }

    /// RFC 3986 §2.3 `unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
