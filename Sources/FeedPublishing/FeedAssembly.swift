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
    /// The components in the order they were written, which is the feed's order.
    private let components: [FeedLayout.Component]
    /// Where each component starts in each file, by place, and where the last one ends.
    private let offsets: [[Int]]
    /// The place after the last component found: the next asked for is looked for from here.
    private var nextPlace = 0
    /// Each component's place, made only if a component is asked for out of order.
    private var places: [Int64: Int]?

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
        components = layout.components
        offsets = zip(layout.files, [\FeedLayout.Component.eventLength, \FeedLayout.Component.taskLength]).map { file, length in
            var offsets = [file.headerLength]
            offsets.reserveCapacity(layout.components.count + 1)
            for component in layout.components { offsets.append(offsets.last! + component[keyPath: length]) }
            return offsets
        }
    }

    /// Where the component in `row` lies in the events file and in the tasks file.
    ///
    /// The feed is assembled in the order the files were written, and the components a change
    /// left alone keep that order: each is found a few places after the one before (past those
    /// the change removed), with no table of every component's place. Only a component asked
    /// for out of that order makes the table.
    func ranges(of row: Int64) -> (event: Range<Int>, task: Range<Int>)? {
        guard let place = place(of: row) else { return nil }
        nextPlace = place + 1
        return (offsets[0][place]..<offsets[0][place + 1], offsets[1][place]..<offsets[1][place + 1])
    }

    private func place(of row: Int64) -> Int? {
        // A change removes a handful of components: a short look ahead finds the next one kept.
        let end = min(components.count, nextPlace + 64)
        for place in nextPlace..<end where components[place].row == row { return place }
        if places == nil {
            var table: [Int64: Int] = [:]
            table.reserveCapacity(components.count)
            for (place, component) in components.enumerated() { table[component.row] = place }
            places = table
        }
        return places?[row]
    }

    deinit {
        for descriptor in descriptors { _ = close(descriptor) }
    }
}
