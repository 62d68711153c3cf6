import FollowUpStore
import FollowUpSupport
import Foundation
import ICalendarExport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Both feed files assembled from the stored components the window shows, and written
/// atomically. When the files the store wrote last are still in place as it wrote them (their
/// `FeedLayout` holds), the components a change did not touch are copied from them, file to
/// file by the kernel, in runs; only the header and the components just rendered come from
/// the store. Otherwise every component is read from the store. Either way the files are the
/// same bytes, and where each component went is recorded for the next change.
struct FeedAssembly {
    let snapshot: StoreSnapshot
    let window: FeedWindow
    let zones: [TimeZoneUse]
    let writer: CalendarWriter

    /// Writes the events and tasks files at `urls` in `directory`. `previous` is the layout
    /// of the files there, already checked against the components' revision before they were
    /// refreshed; `rendered` are the rows of the components rendered since, whose old bytes
    /// must not be copied.
    func write(into directory: URL, urls: [URL], previous: FeedLayout?, rendered: Set<Int64>) throws {
        // When most components were rendered again (a new format, a rebuild, a large import),
        // reading the store in feed order costs less than looking each one up.
        let copiable = previous.map { rendered.count < $0.components.count / 2 } ?? false
        let sources = copiable ? previous.flatMap { PreviousFeed(urls: urls, layout: $0) } : nil
        var components: [FeedLayout.Component] = []
        var headerLengths = [0, 0]
        try AtomicFile.replaceStreaming(urls) { sinks in
            let streams = try [CalendarWriter.Kind.events, .tasks].enumerated().map { index, kind in
                try CalendarStream(writer: writer, kind: kind, zones: zones) { try sinks[index].write($0) }
            }
            // The header is all a stream has written before its first component.
            headerLengths = sinks.map(\.bytesWritten)
            func add(_ row: Int64, _ event: UnsafeRawBufferPointer, _ task: UnsafeRawBufferPointer) throws {
                try sinks[0].write(event.bindMemory(to: UInt8.self))
                try sinks[1].write(task.bindMemory(to: UInt8.self))
                components.append(.init(row: row, eventLength: event.count, taskLength: task.count))
            }
            if let sources {
                let rows = try snapshot.feedComponentRows(in: window)
                components.reserveCapacity(rows.count)
                for row in rows {
                    if !rendered.contains(row), let ranges = sources.ranges(of: row) {
                        try sinks[0].copy(from: sources.descriptors[0], ranges.event)
                        try sinks[1].copy(from: sources.descriptors[1], ranges.task)
                        components.append(.init(row: row, eventLength: ranges.event.count, taskLength: ranges.task.count))
                    } else {
                        try snapshot.withFeedComponent(row: row) { event, task in try add(row, event, task) }
                    }
                }
            } else {
                try snapshot.forEachFeedComponent(in: window) { row, event, task in try add(row, event, task) }
            }
            for stream in streams { try stream.finish() }
        }
        // The layout is a cache: when it cannot be written, the next change reads the store.
        let versions = urls.compactMap { FileVersion(path: $0.path) }
        guard versions.count == urls.count else { return FeedLayout.remove(in: directory) }
        let files = zip(versions, headerLengths).map { FeedLayout.File(version: $0, headerLength: $1) }
        let layout = FeedLayout(revision: try snapshot.feedComponentRevision() ?? "", files: files, components: components)
        do {
            try layout.write(in: directory)
        } catch {
            FeedLayout.remove(in: directory)
        }
    }
}

/// The feed files the store wrote last, open for reading, when both are still exactly as
/// recorded; where each component lies in them.
private final class PreviousFeed {
    let descriptors: [Int32]
    /// Each component's place in the layout's list.
    private let places: [Int64: Int]
    /// Where each component starts in each file, by place, and where the last one ends.
    private let offsets: [[Int]]

    init?(urls: [URL], layout: FeedLayout) {
        guard layout.files.count == 2, urls.count == 2 else { return nil }
        var descriptors: [Int32] = []
        for (url, file) in zip(urls, layout.files) {
            let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 { descriptors.append(descriptor) }
            guard descriptor >= 0, FileVersion(descriptor: descriptor) == file.version else {
                for descriptor in descriptors { _ = close(descriptor) }
                return nil
            }
        }
        self.descriptors = descriptors
        var places: [Int64: Int] = [:]
        places.reserveCapacity(layout.components.count)
        for (place, component) in layout.components.enumerated() { places[component.row] = place }
        self.places = places
        offsets = zip(layout.files, [\FeedLayout.Component.eventLength, \FeedLayout.Component.taskLength]).map { file, length in
            var offsets = [file.headerLength]
            offsets.reserveCapacity(layout.components.count + 1)
            for component in layout.components { offsets.append(offsets.last! + component[keyPath: length]) }
            return offsets
        }
    }

    /// Where the component in `row` lies in the events file and in the tasks file.
    func ranges(of row: Int64) -> (event: Range<Int>, task: Range<Int>)? {
        guard let place = places[row] else { return nil }
        return (offsets[0][place]..<offsets[0][place + 1], offsets[1][place]..<offsets[1][place + 1])
    }

    deinit {
        for descriptor in descriptors { _ = close(descriptor) }
    }
}
