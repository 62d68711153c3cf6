@testable import VCardKit

/// Hands out bytes already in memory at most `chunkSize` at a time, the way a slow pipe would:
/// the tests use it to put chunk boundaries everywhere.
struct ChunkedMemorySource: ByteSource {
    let bytes: [UInt8]
    let chunkSize: Int
    private var position = 0

    init(bytes: [UInt8], chunkSize: Int) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(ByteSourceError) -> Int {
        let count = min(chunkSize, buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        _ = buffer.update(fromContentsOf: bytes[position..<(position + count)])
        position += count
        return count
    }
}
