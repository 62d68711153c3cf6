#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable run of bytes written through a pointer, for writers that append a few bytes at
/// a time (``VCardJSONWriter``: a card's summary is written in some fifty pieces).
///
/// Appending to an `[UInt8]` checks, byte by byte, that no other array shares its storage;
/// here that is checked once, by ``makeUnique()``, before a writer's run of appends, and each
/// append is a comparison, a store and an addition. Copies share the bytes until one of them
/// calls ``makeUnique()``, which every mutating entry point of a writer must do first.
struct OutputBytes: @unchecked Sendable {
    // `@unchecked`: the allocation is only written through a value that made it its own.

    /// Owns the memory: frees it when the last copy goes.
    private final class Allocation {
        var base: UnsafeMutablePointer<UInt8>

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
        }

        deinit {
            base.deallocate()
        }
    }

    private var allocation: Allocation
    /// The allocation's memory and size, kept here so that appends touch no class instance.
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        allocation = Allocation(capacity: self.capacity)
        base = allocation.base
    }

    /// Gives this value bytes of its own if a copy shares them.
    mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&allocation) else { return }
        moveBytes(toCapacity: capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(toHold: bytes.count) }
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8, times: Int) {
        if capacity - count < times { grow(toHold: times) }
        (base + count).update(repeating: byte, count: times)
        count += times
    }

    /// Room for `more` bytes after `count`, at least doubling the capacity.
    private mutating func grow(toHold more: Int) {
        moveBytes(toCapacity: max(capacity * 2, count + more))
    }

    /// Copies the bytes into a new allocation of `newCapacity`, this value's alone.
    private mutating func moveBytes(toCapacity newCapacity: Int) {
        let moved = Allocation(capacity: newCapacity)
        moved.base.update(from: base, count: count)
        allocation = moved
        base = moved.base
        capacity = newCapacity
    }

    /// Forgets the bytes from `newCount` on, keeping the memory.
    mutating func truncate(to newCount: Int) {
        count = min(count, max(0, newCount))
    }

    func withBytes<Result, Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes, copied into an array.
    var array: [UInt8] {
        withBytes { Array($0) }
    }
}
