import Foundation

/// A CSV file read by RFC 4180's rules: fields separated by commas, records by CRLF or LF,
/// a field in double quotes may hold commas, line breaks and doubled quotes. A UTF-8 byte
/// order mark is skipped. Every record remembers the line it starts on, so an error can say
/// where to look; a malformed file is an error naming its line and column, never a guess.
struct CSVTable {
    struct Record {
        /// The line (1-based) the record starts on.
        var line: Int
        var fields: [String]
    }

    /// Where and why the file is not CSV: `column` is 1-based, 0 when the whole line is meant.
    struct SyntaxError: Error {
        var line: Int
        var column: Int
        var reason: String
    }

    var records: [Record]

    init(bytes: [UInt8]) throws(SyntaxError) {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoteLine = 1

        func finishField() throws(SyntaxError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw SyntaxError(line: line, column: fields.count + 1, reason: "the text is not UTF-8; save the file as UTF-8 CSV")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }
        func finishRecord() {
            // An empty line, or one of commas alone (spreadsheets export such rows), is no record.
            if fields.contains(where: { !$0.isEmpty }) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        while index < bytes.count {
            // At the start of a field.
            if bytes[index] == quote {
                quoteLine = line
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == lf { line += 1 }
                    if byte == cr, index + 1 >= bytes.count || bytes[index + 1] != lf { line += 1 }
                    field.append(byte)
                    index += 1
                }
                guard closed else {
                    throw SyntaxError(line: quoteLine, column: fields.count + 1,
                                      reason: "a quoted field is never closed: its opening quote has no closing quote before the end of the file")
                }
                if index < bytes.count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    throw SyntaxError(line: line, column: fields.count + 1,
                                      reason: "text follows the closing quote of a quoted field; a quote inside a field is written twice (\"\")")
                }
            } else {
                while index < bytes.count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                    if bytes[index] == quote {
                        throw SyntaxError(line: line, column: fields.count + 1,
                                          reason: "a quote inside an unquoted field; quote the whole field and write the quote twice (\"\")")
                    }
                    field.append(bytes[index])
                    index += 1
                }
            }
            try finishField()
            guard index < bytes.count else { break }
            if bytes[index] == comma {
                index += 1
                // A comma at the very end of the file still ends a field: an empty last one.
                if index == bytes.count { fields.append("") }
                continue
            }
            // A line break (CRLF, LF, or a lone CR) ends the record.
            if bytes[index] == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
            index += 1
            finishRecord()
            line += 1
            recordLine = line
        }
        if !fields.isEmpty { finishRecord() }
        self.records = records
    }
}

/// Fields written as RFC 4180 wants: quoted when they hold a comma, a quote or a line break.
enum CSVWriter {
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
            guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
