import Testing
@testable import ICalendar

/// Issue 25: mutated invitations took seconds to read, as every line without a colon (read as
/// the rest of the line before) made the reader parse the whole line again. The work is counted
/// (`parsedCharacters`), not timed: it stays within a few times the input's length.
struct LenientReadingCostTests {
    private func work(linesWithoutColon count: Int) -> (parsed: Int, input: Int, lines: [ContentLine]) {
        var text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:start"
        for index in 0..<count { text += "\r\nthis is not a content line \(index)" }
        text += "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        var reader = ContentLineReader()
        let bytes = Array(text.utf8)
        let lines = reader.lines(of: bytes, charset: nil)
        return (reader.parsedCharacters, bytes.count, lines)
    }

    @Test func manyLinesWithoutAColonAreReadInWorkLinearInTheirLength() {
        let small = work(linesWithoutColon: 1_000)
        let large = work(linesWithoutColon: 10_000)
        #expect(small.parsed <= 5 * small.input)
        #expect(large.parsed <= 5 * large.input)
        // Still read as one DESCRIPTION holding every line.
        let description = large.lines.first { $0.name == "DESCRIPTION" }
        #expect(description?.value.hasSuffix("this is not a content line 9999") == true)
        #expect(large.lines.map(\.name) == ["BEGIN", "BEGIN", "DESCRIPTION", "END", "END"])
    }
}
