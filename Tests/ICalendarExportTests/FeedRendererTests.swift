import ICalendar
import FollowUpSupport
import Foundation
import Testing
import FollowUpPlanning
@testable import ICalendarExport

/// The feed renderer splits batches across workers; the files must not show it.
struct FeedRendererTests {
    /// Follow-ups of many plans in several zones, some done: all-day and timed, with and
    /// without alarms, so that neighbouring components differ.
    static let followUps: [FollowUp] = {
        let zones = ["America/Chicago", "Europe/Berlin", "Asia/Kolkata", "UTC"]
        var all: [FollowUp] = []
        for index in 0..<23 {
            var plan = CalendarWriterTests.samplePlan(zone: zones[index % zones.count], note: "Company \(index)")
            if index % 3 == 0 {
                plan.followUps[0].status = .done(on: Date(timeIntervalSince1970: 1_796_000_000 + Double(index) * 3_600))
                plan.followUps[0].sequence = 2
            }
            all += plan.followUps
        }
        return all
    }()

    static let writer = CalendarWriter(stamp: Date(timeIntervalSince1970: 1_795_000_000), calendarName: "Job search", refreshInterval: 3_600)

    static var zones: [TimeZoneUse] {
        TimeZoneUse.collect(from: [Plan(interview: CalendarWriterTests.samplePlan().interview, followUps: followUps)])
    }

    /// Both files as one `CalendarStream` each writes them, a component at a time.
    static func streamed() throws -> (events: [UInt8], tasks: [UInt8]) {
        var events: [UInt8] = [], tasks: [UInt8] = []
        let eventStream = try CalendarStream(writer: writer, kind: .events, zones: zones) { events.append(contentsOf: $0) }
        let taskStream = try CalendarStream(writer: writer, kind: .tasks, zones: zones) { tasks.append(contentsOf: $0) }
        for followUp in followUps {
            try eventStream.add(followUp)
            try taskStream.add(followUp)
        }
        try eventStream.finish()
        try taskStream.finish()
        return (events, tasks)
    }

    static func rendered(workers: Int, batchSize: Int) throws -> (events: [UInt8], tasks: [UInt8]) {
        var events: [UInt8] = [], tasks: [UInt8] = []
        let feed = try FeedRenderer(writer: writer, zones: zones, events: { events.append(contentsOf: $0) },
                                    tasks: { tasks.append(contentsOf: $0) }, workers: workers, batchSize: batchSize)
        for followUp in followUps { try feed.add(followUp) }
        try feed.finish()
        return (events, tasks)
    }

    @Test(arguments: [(1, 1), (1, 512), (2, 1), (2, 7), (2, 512), (3, 5), (4, 2), (16, 64)])
    func filesAreByteForByteWhatOneStreamPerFileWrites(workers: Int, batchSize: Int) throws {
        let expected = try Self.streamed()
        let actual = try Self.rendered(workers: workers, batchSize: batchSize)
        #expect(actual.events == expected.events)
        #expect(actual.tasks == expected.tasks)
    }

    @Test func everyFollowUpIsInBothFilesOnce() throws {
        let files = try Self.rendered(workers: 2, batchSize: 10)
        let events = String(decoding: files.events, as: UTF8.self)
        let tasks = String(decoding: files.tasks, as: UTF8.self)
        #expect(ICalendarCheck.parseErrors(in: events) == [])
        #expect(ICalendarCheck.parseErrors(in: tasks) == [])
        #expect(ICalendarCheck.componentKinds(in: events).filter { $0 == "VEVENT" }.count == Self.followUps.count)
        #expect(ICalendarCheck.componentKinds(in: tasks).filter { $0 == "VTODO" }.count == Self.followUps.count)
        for followUp in Self.followUps {
            #expect(events.components(separatedBy: "UID:\(followUp.id)-event@followup\r\n").count == 2)
            #expect(tasks.components(separatedBy: "UID:\(followUp.id)-task@followup\r\n").count == 2)
        }
    }

    @Test func anEmptyFeedIsAHeaderAndAnEnd() throws {
        var events: [UInt8] = [], tasks: [UInt8] = []
        let feed = try FeedRenderer(writer: Self.writer, zones: [], events: { events.append(contentsOf: $0) },
                                    tasks: { tasks.append(contentsOf: $0) }, workers: 2)
        try feed.finish()
        let text = String(decoding: events, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ICalendarCheck.componentKinds(in: text).isEmpty)
        #expect(String(decoding: tasks, as: UTF8.self).hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func aFailingOutputStopsTheFeed() throws {
        struct DiskFull: Error {}
        var calls = 0
        let feed = try FeedRenderer(writer: Self.writer, zones: [], events: { _ in
            calls += 1
            if calls > 1 { throw DiskFull() }
        }, tasks: { _ in }, workers: 2, batchSize: 4)
        #expect(throws: DiskFull.self) {
            for followUp in Self.followUps { try feed.add(followUp) }
            try feed.finish()
        }
    }

    @Test func usableProcessorsIsAtLeastOne() {
        #expect(Processors.usable >= 1)
        #expect(Processors.usable <= ProcessInfo.processInfo.processorCount)
    }
}
