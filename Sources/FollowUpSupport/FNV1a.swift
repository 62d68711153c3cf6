/// The FNV-1a hash (Fowler, Noll, Vo), 64 bits: a fast fingerprint of bytes for identifiers
/// and entity tags that must be the same on every run and every machine. Not for security:
/// nothing here needs collisions to be hard, only rare.
package struct FNV1a: Sendable {
    /// The FNV specification's 64-bit offset basis.
    package static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV specification's 64-bit prime.
    package static let prime: UInt64 = 0x0000_0100_0000_01b3

    package private(set) var value: UInt64

    package init(basis: UInt64 = FNV1a.offsetBasis) {
        value = basis
    }

    package mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= Self.prime
    }

    package mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// The bytes in memory, without the generic walk of a sequence, for hundreds of kilobytes.
    package mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var value = self.value
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= Self.prime
        }
        self.value = value
    }

    /// 128 bits of fingerprint as 32 hex digits: two FNV-1a passes with different bases, which
    /// is plenty for the few thousand identifiers of one job search.
    package static func hex128(_ text: String) -> String {
        var high = FNV1a()
        var low = FNV1a(basis: 0x8422_2325_cbf2_9ce4)
        for byte in text.utf8 {
            high.add(byte)
            low.add(byte)
        }
        return high.value.hex16 + low.value.hex16
    }
}

extension UInt64 {
    /// Sixteen lower-case hex digits, zero-padded.
    package var hex16: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
