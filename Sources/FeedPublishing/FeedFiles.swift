import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import ICalendarExport

/// The two feed files of a store (`events.ics`, `tasks.ics`), which a calendar subscribes to:
/// brought up to date inside the transaction of every change, so store and feed never disagree.
package enum FeedFiles {
    /// How many days done follow-ups stay in the feed after they were due (`feed --keep-days`).
    package static let keepDaysKey = "feed.keepDays"
    /// Which rendering the stored feed components come from; when this build renders them
    /// differently, they are rendered again.
    static let componentFormatKey = "feed.componentFormat"
    static let componentFormat = "\(FollowUpVersion.current)/1"
    package static let names = (events: "events.ics", tasks: "tasks.ics")
    /// Subscribed calendars are asked to fetch the feed again every hour.
    package static let refreshSeconds = 3600

    /// The writer of feed files. Every stamp in a feed comes from its follow-up's last change,
    /// so the writer's own stamp is never used.
    package static let writer = CalendarWriter(stamp: Date(timeIntervalSince1970: 0), calendarName: "Job search follow-ups",
                                           refreshInterval: refreshSeconds)

    /// What the feed shows at `now`: planned follow-ups, and done ones due within the kept days.
    package static func window(_ snapshot: StoreSnapshot, now: Date) throws -> FeedWindow {
        let keepDays = try snapshot.setting(keepDaysKey).flatMap { Int($0) } ?? FeedWindow.defaultKeepDays
        return FeedWindow(keepDays: keepDays, now: now)
    }

    /// Brings the feed up to date and replaces both files atomically. Only follow-ups changed
    /// since the last write are rendered (their rows' triggers queued them); the files are
    /// assembled from every shown follow-up's stored event and task, copied from the files
    /// written last where they are unchanged (`FeedAssembly`), so a change costs its own
    /// follow-ups plus writing the files once. The bytes are those `writeFullFeed` renders.
    package static func write(_ snapshot: StoreSnapshot, into directory: URL, now: Date) throws {
        try AtomicFile.createFolder(directory)
        let window = try window(snapshot, now: now)
        // The files there hold the stored components as they are if the layout written with
        // them has the components' revision: checked before the refresh changes it.
        let revision = try snapshot.feedComponentRevision() ?? ""
        let previous = FeedLayout.read(in: directory).flatMap { $0.revision == revision ? $0 : nil }
        if try snapshot.setting(componentFormatKey) != componentFormat {
            try snapshot.invalidateFeedComponents()
            try snapshot.setSetting(componentFormatKey, componentFormat)
        }
        let writer = writer
        let rendered = try snapshot.refreshFeedComponents { followUps in
            try ComponentRenderer.render(followUps, with: writer).map { RenderedComponent(event: $0.event, task: $0.task) }
        }
        let zones = try snapshot.feedComponentZones(in: window).compactMap { use in
            TimeZone(identifier: use.zone).map { TimeZoneUse(zone: $0, from: use.from, through: use.through) }
        }
        try FeedAssembly(snapshot: snapshot, window: window, zones: zones, writer: writer)
            .write(into: directory, urls: urls(directory), previous: previous, rendered: rendered)
    }

    /// The feed rendered whole from the follow-ups' rows, with no stored component: what the
    /// incremental feed is checked against, and the baseline its benchmark compares with. The
    /// files are written as they are rendered, a batch at a time, so memory stays flat.
    package static func writeWhole(_ snapshot: StoreSnapshot, into directory: URL, now: Date) throws {
        try AtomicFile.createFolder(directory)
        let window = try window(snapshot, now: now)
        // The header's zones first (one pass over the rows), then the components (a second).
        var ranges: [String: (zone: TimeZone, from: Date, through: Date)] = [:]
        try snapshot.forEachFeedFollowUp(in: window) { followUp in
            guard case .slot(let start, _, let zone) = followUp.timing else { return }
            if let known = ranges[zone.identifier] {
                ranges[zone.identifier] = (zone, min(known.from, start), max(known.through, start))
            } else {
                ranges[zone.identifier] = (zone, start, start)
            }
        }
        let zones = ranges.keys.sorted().map { ranges[$0]! }.map { TimeZoneUse(zone: $0.zone, from: $0.from, through: $0.through) }
        try AtomicFile.replaceStreaming(urls(directory)) { sinks in
            let feed = try FeedRenderer(writer: writer, zones: zones, events: { try sinks[0].write($0) }, tasks: { try sinks[1].write($0) })
            try snapshot.forEachFeedFollowUp(in: window) { followUp in try feed.add(followUp) }
            try feed.finish()
        }
    }

    package static func urls(_ directory: URL) -> [URL] {
        [directory.appendingPathComponent(names.events), directory.appendingPathComponent(names.tasks)]
    }
}
