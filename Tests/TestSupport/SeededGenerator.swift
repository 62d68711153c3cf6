/// A deterministic random number generator (SplitMix64), so that a fuzz test's failure names the
/// seed that reproduces it.
package struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

extension SeededGenerator {
    /// Input for a fuzz test: up to `limit` pieces, each a word of `vocabulary` (the tokens a
    /// reader reacts to) or, one time in four, a random byte.
    package mutating func pieces(of vocabulary: [[UInt8]], atMost limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...limit, using: &self) {
            if Int.random(in: 0..<4, using: &self) == 0 {
                bytes.append(UInt8.random(in: 0...255, using: &self))
            } else {
                bytes += vocabulary.randomElement(using: &self)!
            }
        }
        return bytes
    }
}
