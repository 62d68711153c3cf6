import Dispatch
import FollowUpPlanning
import Foundation

/// Writes the two files of a feed, events and tasks, together: follow-ups are collected into
/// batches and each batch is split across the machine's cores, every core building and
/// serialising its own share with libical.
///
/// Serialising components is nearly all of what a feed costs, and components share nothing:
/// each worker has its own libical trees, and libical keeps its error state and scratch
/// buffers per thread. The files come out byte for byte as two `CalendarStream`s would write
/// them, in the order the follow-ups were added.
///
/// ```swift
/// let feed = try FeedRenderer(writer: writer, zones: zones, events: { try eventsFile.write($0) },
///                             tasks: { try tasksFile.write($0) })
/// for followUp in followUps { try feed.add(followUp) }
/// try feed.finish()
/// ```
public final class FeedRenderer {
    public typealias Output = (UnsafeBufferPointer<UInt8>) throws -> Void

    private let writer: CalendarWriter
    private let events: CalendarStream
    private let tasks: CalendarStream
    private let workers: Int
    private let batchSize: Int
    private var pending: [FollowUp] = []
    /// One pair of buffers per worker, kept between batches so their memory is reused.
    private var shares: [Share]

    /// Writes both headers. `workers` defaults to the processors this process may run on.
    public init(writer: CalendarWriter, zones: [TimeZoneUse], events: @escaping Output, tasks: @escaping Output,
                workers: Int = FeedRenderer.usableProcessors, batchSize: Int = 512) throws {
        self.writer = writer
        self.events = try CalendarStream(writer: writer, kind: .events, zones: zones, output: events)
        self.tasks = try CalendarStream(writer: writer, kind: .tasks, zones: zones, output: tasks)
        self.workers = max(1, min(workers, 16))
        self.batchSize = max(1, batchSize)
        shares = (0..<self.workers).map { _ in Share() }
        pending.reserveCapacity(self.batchSize)
        // libical makes its UTC zone on first use; make it here, before any worker asks.
        _ = CalendarTime.utc(Date(timeIntervalSince1970: 0)).icalTime
    }

    /// Adds a follow-up's event and task; they are written when its batch is full, or at `finish`.
    public func add(_ followUp: FollowUp) throws {
        pending.append(followUp)
        if pending.count >= batchSize { try flush() }
    }

    /// Writes what is pending and both files' last line.
    public func finish() throws {
        try flush()
        try events.finish()
        try tasks.finish()
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        let used = min(workers, pending.count)
        if used == 1 {
            shares[0].render(pending[...], with: writer)
        } else {
            let slice = (pending.count + used - 1) / used
            let followUps = pending
            let writer = writer
            shares.withUnsafeMutableBufferPointer { shares in
                // Each worker touches only its own share.
                nonisolated(unsafe) let shares = shares
                DispatchQueue.concurrentPerform(iterations: used) { index in
                    let range = (index * slice)..<min(followUps.count, (index + 1) * slice)
                    shares[index].render(followUps[range], with: writer)
                }
            }
        }
        pending.removeAll(keepingCapacity: true)
        for share in shares.prefix(used) {
            if let failure = share.failure { throw failure }
        }
        for share in shares.prefix(used) { try share.events.withUnsafeBufferPointer { try events.write($0) } }
        for share in shares.prefix(used) { try share.tasks.withUnsafeBufferPointer { try tasks.write($0) } }
    }

    /// The processors this process may run on: fewer than the machine has when it is pinned
    /// (`taskset`) or confined by its container's CPU set, where more workers would only take
    /// turns on the same processor.
    public static let usableProcessors: Int = {
        // Linux states the affinity mask in /proc as hex digits, grouped by commas.
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { count, digit in
                count + (digit.hexDigitValue ?? 0).nonzeroBitCount
            }
            if count > 0 { return count }
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }()

    /// What one worker rendered of a batch.
    private final class Share {
        var events: [UInt8] = []
        var tasks: [UInt8] = []
        var failure: ICalendarError?

        func render(_ followUps: ArraySlice<FollowUp>, with writer: CalendarWriter) {
            events.removeAll(keepingCapacity: true)
            tasks.removeAll(keepingCapacity: true)
            failure = nil
            do throws(ICalendarError) {
                for followUp in followUps {
                    try writer.component(.events, for: followUp).serialise { events.append(contentsOf: $0) }
                    try writer.component(.tasks, for: followUp).serialise { tasks.append(contentsOf: $0) }
                }
            } catch {
                failure = error
            }
        }
    }
}
