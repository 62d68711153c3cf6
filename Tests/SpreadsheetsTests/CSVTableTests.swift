import Testing
@testable import Spreadsheets

/// The RFC 4180 reader: what it accepts, and where it says a malformed file goes wrong.
struct CSVTableTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable(bytes: Array(text.utf8)) }

    func syntaxError(_ text: String) -> CSVTable.SyntaxError? {
        do {
            _ = try CSVTable(bytes: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let records = try table("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\r\n").records
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["last", "", ""]])
        // A record starts on the line after the one before it ended, counting the quoted break.
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func byteOrderMarkLineFeedsAndAMissingLastBreakAreRead() throws {
        let records = try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + Array("name,date\nDana,2026-12-01\nLee,2026-12-02".utf8)).records
        #expect(records.map(\.fields) == [["name", "date"], ["Dana", "2026-12-01"], ["Lee", "2026-12-02"]])
    }

    @Test func blankLinesAndRowsOfCommasAloneAreSkipped() throws {
        let records = try table("a,b\n\n,\nx,y\n").records
        #expect(records.map(\.fields) == [["a", "b"], ["x", "y"]])
        #expect(records.map(\.line) == [1, 4])
    }

    @Test func anUnclosedQuoteIsNamedAtTheLineItOpens() {
        let error = syntaxError("a,b\nx,\"open\nstill open\n")
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.reason.contains("never closed") == true)
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        let error = syntaxError("a,b\n\"x\"y,z\n")
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.reason.contains("follows the closing quote") == true)
    }

    @Test func aQuoteInsideAnUnquotedFieldIsAnError() {
        let error = syntaxError("a,b,c\n1,2 \"inch\",3\n")
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.reason.contains("unquoted field") == true)
    }

    @Test func bytesThatAreNotUTF8AreAnError() {
        var bytes = Array("a,b\nok,".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n".utf8)
        let error: CSVTable.SyntaxError?
        do {
            _ = try CSVTable(bytes: bytes)
            error = nil
        } catch let caught {
            error = caught
        }
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.reason.contains("UTF-8") == true)
    }

    @Test func writtenFieldsReadBackTheSame() throws {
        let fields = ["plain", "with, comma", "with \"quote\"", "two\r\nlines", ""]
        let records = try CSVTable(bytes: Array(CSVWriter.line(fields).utf8)).records
        #expect(records.map(\.fields) == [fields])
    }
}
