import ICalendar
import Dispatch
import FollowUpPlanning
import FollowUpSupport
import Foundation
import Synchronization

/// Follow-ups rendered one by one into the bytes of their event and their task, exactly as
/// they appear inside a feed file: what an incremental feed stores and assembles files from.
public enum ComponentRenderer {
    public typealias Rendered = (event: [UInt8], task: [UInt8])

    /// One follow-up's event and task.
    public static func render(_ followUp: FollowUp, with writer: CalendarWriter) throws(ICalendarError) -> Rendered {
        var rendered: Rendered = ([], [])
        try writer.component(.events, for: followUp).serialise { rendered.event = Array($0) }
        try writer.component(.tasks, for: followUp).serialise { rendered.task = Array($0) }
        return rendered
    }

    /// Many follow-ups, on every usable core, in order. A handful is rendered on the caller's
    /// thread: a change touches a few follow-ups, and a thread hand-off would cost more.
    public static func render(_ followUps: [FollowUp], with writer: CalendarWriter,
                              workers: Int = Processors.usable) throws(ICalendarError) -> [Rendered] {
        CalendarTime.prepareUTCZone()
        let workers = max(1, min(workers, 16))
        if workers == 1 || followUps.count < 64 {
            var result: [Rendered] = []
            result.reserveCapacity(followUps.count)
            for followUp in followUps { result.append(try render(followUp, with: writer)) }
            return result
        }
        let chunkSize = (followUps.count + workers - 1) / workers
        let chunks = Mutex<[Int: Result<[Rendered], ICalendarError>]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { index in
            let range = min(followUps.count, index * chunkSize)..<min(followUps.count, (index + 1) * chunkSize)
            var rendered: [Rendered] = []
            rendered.reserveCapacity(range.count)
            let result: Result<[Rendered], ICalendarError>
            do throws(ICalendarError) {
                for followUp in followUps[range] { rendered.append(try render(followUp, with: writer)) }
                result = .success(rendered)
            } catch {
                result = .failure(error)
            }
            chunks.withLock { $0[index] = result }
        }
        var result: [Rendered] = []
        result.reserveCapacity(followUps.count)
        let finished = chunks.withLock { $0 }
        for index in 0..<workers {
            guard let chunk = finished[index] else { continue }
            result.append(contentsOf: try chunk.get())
        }
        return result
    }
}
