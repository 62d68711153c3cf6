// Regenerates the calendar feed of a large stored job search and reports components per second.
//
//   FeedBench STORE.sqlite FEED-DIR [INTERVIEWS]
//
// Fills the store with INTERVIEWS interviews (default 10,000; two interviewers each, so three
// follow-ups: two thank-yous and a check-in) when it is empty, then times `writeFullFeed`, which
// reads the store, renders both files with libical and replaces them atomically. The time of
// filling the store is not measured.
import FollowUpKit
import FollowUpStore
import ICalendarExport
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: FeedBench STORE.sqlite FEED-DIR [INTERVIEWS]\n".utf8))
    exit(2)
}
let storePath = arguments[1]
let feedDirectory = URL(fileURLWithPath: arguments[2])
let count = arguments.count > 3 ? Int(arguments[3]) ?? 10_000 : 10_000
let cardsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples/cards")

do {
    let search = try JobSearch(storePath: storePath)
    let existing = try search.store.interviewCount()
    if existing < count {
        let cards = [cardsDirectory.appendingPathComponent("dana-diaz.vcf").path, cardsDirectory.appendingPathComponent("lee-chen.vcf").path]
        let zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "America/Chicago", "UTC"]
        let now = Date(timeIntervalSince1970: 1_799_000_000)
        for index in existing..<count {
            let day = 1 + index % 28, month = 1 + (index / 28) % 12, year = 2027 + index / (28 * 12)
            let request = PlanRequest(cardFiles: cards, at: String(format: "%04d-%02d-%02d 10:00", year, month, day),
                                      timeZoneName: zones[index % zones.count], company: "Company \(index)",
                                      role: "Role \(index % 17)", outputDirectory: feedDirectory)
            _ = try search.add(request, now: now)
        }
    }
    // Untimed warm-up, then the best of three full regenerations (every follow-up rendered
    // from its row: a change reuses stored entries instead, see run-store-bench.sh).
    _ = try search.writeFeed(to: feedDirectory)
    var best = Double.infinity
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        try search.writeFullFeed(into: feedDirectory, now: Date())
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    // Where the time goes: reading the store alone, then reading and rendering without files.
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    var readOnly = Double.infinity, rendered = Double.infinity
    let writer = CalendarWriter(stamp: Date(timeIntervalSince1970: 0), calendarName: "Job search follow-ups", refreshInterval: 3600)
    for _ in 0..<3 {
        readOnly = min(readOnly, try seconds {
            try search.store.withWriteLock { snapshot in try snapshot.forEachFeedFollowUp { _ in } }
        })
        rendered = min(rendered, try seconds {
            try search.store.withWriteLock { snapshot in
                let feed = try FeedRenderer(writer: writer, zones: [], events: { _ in }, tasks: { _ in })
                try snapshot.forEachFeedFollowUp { followUp in try feed.add(followUp) }
                try feed.finish()
            }
        })
    }
    FileHandle.standardError.write(Data(String(format: "breakdown: read %.3f s, read+render %.3f s, whole regeneration %.3f s\n",
                                               readOnly, rendered, best).utf8))
    // Peak resident memory of this process (filling the store, when it ran, included), from
    // the kernel's VmHWM line.
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let peakKiB = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
    // Counting reads both files whole: only after the peak was taken.
    let events = try String(contentsOf: feedDirectory.appendingPathComponent("events.ics"), encoding: .utf8)
    let tasks = try String(contentsOf: feedDirectory.appendingPathComponent("tasks.ics"), encoding: .utf8)
    let components = events.components(separatedBy: "BEGIN:VEVENT").count - 1 + tasks.components(separatedBy: "BEGIN:VTODO").count - 1
    // reader, components, best seconds, peak resident MiB
    print("followup-feed\t\(components)\t\(String(format: "%.4f", best))\t\(peakKiB / 1024)")
} catch {
    FileHandle.standardError.write(Data("FeedBench: \(error)\n".utf8))
    exit(1)
}
