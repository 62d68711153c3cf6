import ICalendar
import Dispatch
import FollowUpPlanning
import FollowUpSupport
import Foundation
import Synchronization

/// Writes the two files of a feed, events and tasks, together, rendering on every core.
///
/// Follow-ups are gathered into batches; each full batch goes to a worker thread, which
/// builds and serialises its events and tasks with libical, while the caller goes on reading
/// the next follow-ups. Rendered batches are written in the order they were added, on the
/// caller's thread only, so `events` and `tasks` need not be thread-safe. The files come out
/// byte for byte as two `CalendarStream`s would write them.
///
/// Serialising components is nearly all of what a feed costs, and components share nothing:
/// each worker has its own libical trees, and libical keeps its error state and scratch
/// buffers per thread. At most `2 × workers` batches are in flight, so memory stays flat
/// however long the feed.
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

    // The pipeline, used when there is more than one worker: batches rendering or rendered,
    // oldest first, each written and dropped as soon as it is the oldest and done.
    private let queue = DispatchQueue(label: "followup.feed-renderer", attributes: .concurrent)
    private let group = DispatchGroup()
    private var inFlight: [BatchInFlight] = []

    /// Writes both headers. `workers` defaults to the processors this process may run on.
    public init(writer: CalendarWriter, zones: [TimeZoneUse], events: @escaping Output, tasks: @escaping Output,
                workers: Int = Processors.usable, batchSize: Int = 256) throws {
        self.writer = writer
        self.events = try CalendarStream(writer: writer, kind: .events, zones: zones, output: events)
        self.tasks = try CalendarStream(writer: writer, kind: .tasks, zones: zones, output: tasks)
        self.workers = max(1, min(workers, 16))
        self.batchSize = max(1, batchSize)
        pending.reserveCapacity(self.batchSize)
        // libical makes its UTC zone on first use; make it here, before any worker asks.
        CalendarTime.prepareUTCZone()
    }

    deinit {
        // A feed abandoned on an error may still have batches rendering; they hold nothing of
        // the caller's, but wait for them so no libical work outlives the feed.
        group.wait()
    }

    /// Adds a follow-up's event and task; they are written once its batch is rendered.
    public func add(_ followUp: FollowUp) throws {
        pending.append(followUp)
        if pending.count >= batchSize { try submit() }
    }

    /// Writes everything still pending or rendering, then both files' last line.
    public func finish() throws {
        try submit()
        while !inFlight.isEmpty { try writeOldest() }
        try events.finish()
        try tasks.finish()
    }

    private func submit() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        if workers == 1 {
            // One processor: a thread hand-off would only cost time.
            try write(RenderedBatch(batch, with: writer))
            return
        }
        // Two batches per worker keep every worker busy while the oldest is written.
        if inFlight.count >= 2 * workers { try writeOldest() }
        let slot = BatchInFlight()
        inFlight.append(slot)
        let writer = writer
        queue.async(group: group) {
            slot.result.withLock { $0 = RenderedBatch(batch, with: writer) }
            slot.done.signal()
        }
        // Whatever is already done goes out now, so the files grow while the store is read.
        while let oldest = inFlight.first, oldest.done.wait(timeout: .now()) == .success {
            try write(takeOldest())
        }
    }

    private func writeOldest() throws {
        inFlight[0].done.wait()
        try write(takeOldest())
    }

    /// The oldest batch's result, once it is done; its slot is released (a window of at most
    /// `2 × workers` slots, so removing the first costs nothing worth a ring buffer).
    private func takeOldest() -> RenderedBatch {
        inFlight.removeFirst().result.withLock { $0.take() }!
    }

    private func write(_ batch: RenderedBatch) throws {
        if let failure = batch.failure { throw failure }
        try batch.events.withUnsafeBufferPointer { try events.write($0) }
        try batch.tasks.withUnsafeBufferPointer { try tasks.write($0) }
    }
}

/// A batch handed to a worker: signalled when its result is in.
private final class BatchInFlight: Sendable {
    let done = DispatchSemaphore(value: 0)
    let result = Mutex<RenderedBatch?>(nil)
}

/// A batch of follow-ups serialised: its events, its tasks, or what stopped libical.
private struct RenderedBatch: Sendable {
    var events: [UInt8] = []
    var tasks: [UInt8] = []
    var failure: ICalendarError?

    init(_ followUps: [FollowUp], with writer: CalendarWriter) {
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
