import ICalendar
import Foundation
import Testing
import FollowUpPlanning
import FollowUpTestSupport
@testable import ICalendarExport

/// What libical writes for a plan, read back by libical.
struct CalendarWriterTests {
    static func samplePlan(zone: String = "America/Chicago", interviewerZone: String? = "America/New_York", note: String = "Acme") -> Plan {
        let tz = TimeZone(identifier: zone)!
        let people = [
            Interviewer.named("Dana Díaz", organization: note, email: "dana@acme.example", phone: "+1 312 555 0142",
                              zone: interviewerZone.flatMap(TimeZone.init(identifier:))),
            Interviewer.named("李 小龍 🙂", email: "lee@acme.example"),
        ]
        return Planner().plan(.on("2026-12-01", in: tz, company: note, role: "Engineer; Backend, \\ Platform", interviewers: people))
    }

    let writer = CalendarWriter(stamp: Date(timeIntervalSince1970: 1_795_000_000), calendarName: "Follow-ups")

    @Test func eventsFileHasNoLibicalErrors() throws {
        let text = try writer.events(for: [Self.samplePlan()])
        #expect(ICalendarCheck.parseErrors(in: text) == [])
    }

    @Test func tasksFileHasNoLibicalErrors() throws {
        let text = try writer.tasks(for: [Self.samplePlan()])
        #expect(ICalendarCheck.parseErrors(in: text) == [])
    }

    @Test func eventsFileHoldsOnlyEventsAndTasksFileOnlyTasks() throws {
        let plan = Self.samplePlan()
        let events = ICalendarCheck.componentKinds(in: try writer.events(for: [plan])).filter { $0 != "VTIMEZONE" }
        let tasks = ICalendarCheck.componentKinds(in: try writer.tasks(for: [plan])).filter { $0 != "VTIMEZONE" }
        #expect(events == Array(repeating: "VEVENT", count: plan.followUps.count))
        #expect(tasks == Array(repeating: "VTODO", count: plan.followUps.count))
    }

    @Test func timesUseBareIANAZoneNamesWithAMatchingTimezone() throws {
        let text = try writer.events(for: [Self.samplePlan()])
        #expect(text.contains("DTSTART;TZID=America/New_York:20261207T100000"))
        #expect(text.contains("TZID:America/New_York"))
        #expect(!text.contains("freeassociation"))
    }

    @Test func thankYouIsAnAllDayEventWithExclusiveEnd() throws {
        let text = try writer.events(for: [Self.samplePlan()])
        #expect(text.contains("DTSTART;VALUE=DATE:20261202\r\nDTEND;VALUE=DATE:20261203"))
        #expect(text.contains("TRANSP:TRANSPARENT"))
    }

    @Test func linesEndInCRLFAndStayWithin75Octets() throws {
        let text = try writer.events(for: [Self.samplePlan(note: String(repeating: "Ünïcödé 漢字 ", count: 30))])
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            #expect(index > 0 && bytes[index - 1] == 0x0D)
        }
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        #expect(ICalendarCheck.parseErrors(in: text) == [])
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        #expect(try writer.events(for: [Self.samplePlan()]) == writer.events(for: [Self.samplePlan()]))
        #expect(try writer.tasks(for: [Self.samplePlan()]) == writer.tasks(for: [Self.samplePlan()]))
    }

    @Test func everyComponentCarriesUidStampAndPrivacy() throws {
        let text = try writer.tasks(for: [Self.samplePlan()])
        let count = Self.samplePlan().followUps.count
        #expect(text.components(separatedBy: "\r\nUID:").count - 1 == count)
        #expect(text.components(separatedBy: "\r\nDTSTAMP:20261118T110640Z").count - 1 == count)
        #expect(text.components(separatedBy: "\r\nCLASS:PRIVATE").count - 1 == count)
        #expect(text.contains("PRODID:-//followup//followup 0.1//EN"))
    }

    /// The SUMMARY and DESCRIPTION of every VEVENT and VTODO, as libical reads them back.
    static func texts(in text: String) -> [(summary: String, description: String)] {
        guard let document = try? ParsedCalendar(parsing: text) else { return [] }
        return document.root.children().filter { $0.kind != .timeZone }.map { ($0.summary ?? "", $0.details ?? "") }
    }

    /// Text with no spaces to fold at, so libical has to fold inside runs of multi-byte characters.
    static func multiByteNote(length: Int, shift: Int) -> String {
        let pieces = ["漢", "字", "é", "🙂", "ß", ",", ";", "\\", "👩‍💻", "か"]
        return String(repeating: "x", count: shift) + (0..<length).map { pieces[($0 * 7 + $0 / 3) % pieces.count] }.joined()
    }

    static func notePlan(_ note: String) -> Plan {
        let tz = TimeZone(identifier: "Asia/Kolkata")!
        let person = Interviewer.named("山田 太郎 🙂", organization: "Zoë, Ltd.; R\\D", email: "taro@example.jp", phone: "+91 80 5555 0100",
                                       zone: tz)
        return Planner().plan(.on("2026-10-24", at: 9, minute: 30, in: tz, company: "Zoë, Ltd.; R\\D", role: "Ingénieur, 工程师; \\ 🙂",
                                  interviewers: [person], instructions: Instructions(talkingPoints: [note])))
    }

    @Test(arguments: 0..<4)
    func foldingNeverSplitsAMultiByteCharacter(shift: Int) throws {
        let plan = Self.notePlan(Self.multiByteNote(length: 700, shift: shift))
        for text in [try writer.events(for: [plan]), try writer.tasks(for: [plan])] {
            #expect(!text.contains("\u{FFFD}"))
            for line in text.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 75, "\(line)")
            }
            #expect(ICalendarCheck.parseErrors(in: text) == [])
        }
    }

    @Test func aTwoThousandCharacterNoteComesBackWhole() throws {
        let note = Self.multiByteNote(length: 2_000, shift: 1)
        #expect(note.count == 2_001)
        let plan = Self.notePlan(note)
        for text in [try writer.events(for: [plan]), try writer.tasks(for: [plan])] {
            let read = Self.texts(in: text)
            #expect(read.map(\.description) == plan.followUps.map(\.details))
            #expect(read.contains { $0.description.contains(note) })
        }
    }

    @Test func commasSemicolonsAndBackslashesSurviveInSummaryAndDescription() throws {
        let plan = Self.notePlan("a, b; c \\ d")
        let read = Self.texts(in: try writer.events(for: [plan]))
        #expect(read.map(\.summary) == plan.followUps.map(\.summary))
        #expect(read.map(\.description) == plan.followUps.map(\.details))
        #expect(read.allSatisfy { $0.summary.contains("Zoë, Ltd.; R\\D") })
    }

    @Test func summariesStayOnOneLine() throws {
        let plan = Self.notePlan("first line\nsecond line")
        for (summary, _) in Self.texts(in: try writer.events(for: [plan])) {
            #expect(!summary.contains("\n") && !summary.contains("\r"))
        }
    }

    @Test func calendarNameHasNoCharactersThatReadersSplitOn() throws {
        let named = CalendarWriter(stamp: writer.stamp, calendarName: "Follow-ups: Zoë, Ltd.; R\\D, Ingénieur")
        let text = try named.events(for: [Self.samplePlan()])
        #expect(text.contains("\r\nX-WR-CALNAME:Follow-ups: Zoë · Ltd. · R/D · Ingénieur\r\n"))
    }

    @Test func everyTimeIsUTCOrCarriesATZIDWithItsVTIMEZONE() throws {
        let plan = Self.notePlan("note")
        let text = try writer.events(for: [plan]) + writer.tasks(for: [plan])
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        var inTimezone = false
        for line in unfolded.components(separatedBy: "\r\n") {
            if line == "BEGIN:VTIMEZONE" { inTimezone = true }
            if line == "END:VTIMEZONE" { inTimezone = false }
            guard !inTimezone, ["DTSTART", "DTEND", "DUE"].contains(where: { line.hasPrefix($0 + ":") || line.hasPrefix($0 + ";") }) else { continue }
            let utc = line.hasSuffix("Z") && line.contains(":")
            let date = line.contains(";VALUE=DATE:")
            #expect(utc || date || line.contains(";TZID=Asia/Kolkata:"), "\(line)")
        }
        #expect(text.contains("TZID:Asia/Kolkata\r\n"))
        #expect(!text.contains("freeassociation"))
    }
}

/// The fold check catches a line folded inside a character, and only that.
struct FoldCheckTests {
    func check(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { CalendarComponent.foldsBetweenCharacters($0) }
    }

    @Test func foldBetweenCharactersPasses() {
        #expect(check(Array("SUMMARY:Dana D\r\n íaz\r\n".utf8)))
        #expect(check(Array("A\r\nB\r\n".utf8)))
        #expect(check([]))
    }

    @Test func foldInsideACharacterFails() {
        // "í" is C3 AD: a fold between its two bytes.
        #expect(!check(Array("SUMMARY:Dana D".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xAD] + Array("az\r\n".utf8)))
    }
}

/// A content line of exactly 75 octets ends with a plain CRLF, though libical before 4.0.3
/// folds such a line into its own line end.
struct LineEndFoldTests {
    @Test func lineOfExactly75OctetsEndsWithPlainCRLF() throws {
        for length in 60...80 {
            let event = CalendarComponent(.event)
            event.add(try .summary(String(repeating: "x", count: length)))
            let text = try event.serialised()
            #expect(!text.contains("\r\r\n") && !text.contains("\r\n \r\n") && !text.contains("\r\n \n"), "\(length)")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(length)")
            #expect(text.replacingOccurrences(of: "\r\n ", with: "").contains("SUMMARY:\(String(repeating: "x", count: length))\r\n"), "\(length)")
        }
    }

    @Test func repairTurnsBothFoldedLineEndsIntoCRLF() {
        let inside = Array("SUMMARY:x\r\r\n \nEND:VEVENT\r\n".utf8), before = Array("SUMMARY:x\r\n \r\nEND:VEVENT\r\n".utf8)
        for bytes in [inside, before] {
            let repaired = bytes.withUnsafeBufferPointer { CalendarComponent.unfoldingLineEnds($0) }
            #expect(repaired.map { String(decoding: $0, as: UTF8.self) } == "SUMMARY:x\r\nEND:VEVENT\r\n")
        }
        #expect(Array("A\r\n B\r\n".utf8).withUnsafeBufferPointer { CalendarComponent.unfoldingLineEnds($0) } == nil)
    }
}
