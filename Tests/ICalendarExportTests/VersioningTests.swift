import Foundation
import ICalendar
import Testing
import FollowUpPlanning
@testable import ICalendarExport

/// A plan written again over its earlier file: what did not change keeps its bytes, what
/// changed gets the next SEQUENCE and the new stamp (RFC 5546 §2.1.5).
struct VersioningTests {
    let first = CalendarWriter(stamp: Date(timeIntervalSince1970: 1_795_000_000), calendarName: "Follow-ups")
    let later = CalendarWriter(stamp: Date(timeIntervalSince1970: 1_795_500_000), calendarName: "Follow-ups")

    func earlier(_ text: String) -> EarlierCalendar { EarlierCalendar(bytes: Array(text.utf8)) }

    @Test(arguments: [CalendarWriter.Kind.events, .tasks])
    func anUnchangedPlanIsTheSameBytes(kind: CalendarWriter.Kind) throws {
        let plan = CalendarWriterTests.samplePlan()
        let written = try first.text(kind, for: plan, versionedAgainst: EarlierCalendar())
        #expect(try later.text(kind, for: plan, versionedAgainst: earlier(written)) == written)
    }

    @Test func aChangedEntryGetsTheNextSequenceAndTheNewStampAndTheOthersKeepTheirs() throws {
        let plan = CalendarWriterTests.samplePlan()
        let written = try first.text(.events, for: plan, versionedAgainst: EarlierCalendar())
        var changed = plan
        changed.followUps[0].summary += " (rescheduled)"
        let again = try later.text(.events, for: changed, versionedAgainst: earlier(written))
        let before = earlier(written), after = earlier(again)
        let changedUID = CalendarWriter.uid(of: plan.followUps[0], in: .events)
        #expect(after[changedUID]?.sequence == (before[changedUID]?.sequence ?? -1) + 1)
        #expect(after[changedUID]?.stamp == later.stamp)
        for followUp in plan.followUps.dropFirst() {
            let uid = CalendarWriter.uid(of: followUp, in: .events)
            #expect(after[uid]?.sequence == before[uid]?.sequence)
            #expect(after[uid]?.stamp == before[uid]?.stamp)
            #expect(after.isUnchanged(uid: uid, serialised: Array(Self.component(uid, in: written).utf8)))
        }
    }

    /// A calendar app that saved the file again with its own line folding has not changed it.
    @Test func anEarlierFileFoldedElsewhereStillReadsUnchanged() throws {
        let plan = CalendarWriterTests.samplePlan()
        let written = try first.text(.tasks, for: plan, versionedAgainst: EarlierCalendar())
        let unfolded = written.replacingOccurrences(of: "\r\n ", with: "")
        let refolded = unfolded.split(separator: "\r\n", omittingEmptySubsequences: false).map { line in
            line.count > 40 ? String(line.prefix(30)) + "\r\n\t" + String(line.dropFirst(30)) : String(line)
        }.joined(separator: "\r\n")
        #expect(refolded != written)
        #expect(try later.text(.tasks, for: plan, versionedAgainst: earlier(refolded)) == written)
    }

    @Test func aNewEntryBeginsAtItsOwnSequence() throws {
        var plan = CalendarWriterTests.samplePlan()
        let last = plan.followUps.removeLast()
        let written = try first.text(.events, for: plan, versionedAgainst: EarlierCalendar())
        plan.followUps.append(last)
        let again = earlier(try first.text(.events, for: plan, versionedAgainst: earlier(written)))
        #expect(again[CalendarWriter.uid(of: last, in: .events)]?.sequence == last.sequence)
    }

    /// A file edited by hand to a SEQUENCE with no next one is not versioned from: no overflow,
    /// and nothing libical cannot write (issue 25's class of trap).
    @Test(arguments: ["9223372036854775807", "2147483647", "-1"])
    func aSequenceWithNoNextOneIsTakenAsNew(sequence: String) throws {
        var plan = CalendarWriterTests.samplePlan()
        let written = try first.text(.events, for: plan, versionedAgainst: EarlierCalendar())
        let edited = written.replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:\(sequence)")
        #expect(edited != written)
        plan.followUps[0].summary += " (rescheduled)"
        let again = earlier(try later.text(.events, for: plan, versionedAgainst: earlier(edited)))
        #expect(again[CalendarWriter.uid(of: plan.followUps[0], in: .events)]?.sequence == plan.followUps[0].sequence)
    }

    /// A file larger than any plan's is not read whole: it is replaced as if there were none.
    @Test func aHugeEarlierFileIsNotRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("versioning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("huge.ics")
        let plan = CalendarWriterTests.samplePlan()
        var bytes = Array(try first.text(.events, for: plan, versionedAgainst: EarlierCalendar()).utf8)
        #expect(!EarlierCalendar(bytes: bytes).isEmpty)
        bytes += Array(repeating: UInt8(ascii: "x"), count: EarlierCalendar.largestFile)
        try Data(bytes).write(to: url)
        #expect(EarlierCalendar(contentsOf: url).isEmpty)
    }

    /// The text of the component `uid` in `text`, from its BEGIN to its END line.
    static func component(_ uid: String, in text: String) -> String {
        let lines = text.components(separatedBy: "\r\n")
        guard let uidLine = lines.firstIndex(of: "UID:\(uid)"),
              let begin = lines[..<uidLine].lastIndex(where: { $0.hasPrefix("BEGIN:V") }),
              let end = lines[uidLine...].firstIndex(where: { $0 == "END:VEVENT" || $0 == "END:VTODO" }) else { return "" }
        return lines[begin...end].joined(separator: "\r\n") + "\r\n"
    }
}
