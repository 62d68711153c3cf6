import FollowUpSupport
import Foundation

/// HTTP-date (RFC 9110 §5.6.7): the format of `Last-Modified` and `If-Modified-Since`.
///
/// A sender generates only the IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT`; a recipient
/// accepts the two obsolete forms as well: rfc850-date (`Sunday, 06-Nov-94 08:49:37 GMT`) and
/// asctime-date (`Sun Nov  6 08:49:37 1994`). HTTP dates have a precision of one second.
enum HTTPDate {
    static let dayNames = CalendarNames.shortWeekdays
    static let longDayNames = CalendarNames.weekdays
    static let monthNames = CalendarNames.shortMonths

    static let gmtCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        return calendar
    }()

    /// `date` in IMF-fixdate, truncated to the whole second.
    static func format(_ date: Date) -> String {
        let c = gmtCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: truncated(date))
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        var year = String(c.year ?? 0)
        while year.count < 4 { year = "0" + year }
        return "\(dayNames[(c.weekday ?? 1) - 1]), \(two(c.day)) \(monthNames[(c.month ?? 1) - 1]) \(year) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) GMT"
    }

    /// `date` rounded down to the whole second, the precision of an HTTP-date.
    static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// The instant an HTTP-date names, or `nil` when `text` is not one.
    ///
    /// `now` anchors the two-digit years of rfc850-date: a year that would be more than 50 years
    /// in the future is the most recent past year with the same last two digits (§5.6.7).
    static func parse(_ text: some StringProtocol, now: Date = Date()) -> Date? {
        var reader = DateReader(Array(text.utf8))
        reader.skipWhitespace()
        guard let fields = reader.readIMFFixdate() ?? reader.readRFC850Date(now: now) ?? reader.readAsctimeDate() else {
            return nil
        }
        reader.skipWhitespace()
        guard reader.atEnd else { return nil }
        return fields.date
    }

    /// The parts of a date as read, before they are checked to name a real day.
    struct Fields {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

        var date: Date? {
            guard (1...12).contains(month), (1...31).contains(day),
                (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
            else { return nil }
            // A leap second (:60) stands for the last second of its minute.
            let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
            guard let date = HTTPDate.gmtCalendar.date(from: components) else { return nil }
            // Calendar rolls 30 Feb over into March; a date that does not exist is no date.
            let back = HTTPDate.gmtCalendar.dateComponents([.year, .month, .day], from: date)
            guard back.year == year, back.month == month, back.day == day else { return nil }
            return date
        }
    }
}

/// A cursor over the bytes of a date; each `read…` either consumes what it matched or nothing.
private struct DateReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func skipWhitespace() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// Runs `body`; when it fails, puts the cursor back where it was.
    mutating func attempt<T>(_ body: (inout DateReader) -> T?) -> T? {
        let start = position
        if let value = body(&self) { return value }
        position = start
        return nil
    }

    mutating func literal(_ text: String) -> Bool {
        let expected = Array(text.utf8)
        guard bytes.count - position >= expected.count,
            bytes[position..<position + expected.count].elementsEqual(expected)
        else { return false }
        position += expected.count
        return true
    }

    /// Exactly `count` ASCII digits.
    mutating func digits(_ count: Int) -> Int? {
        guard bytes.count - position >= count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    /// One of `names`, as the index of the one that matched.
    mutating func oneOf(_ names: [String]) -> Int? {
        names.firstIndex { literal($0) }
    }

    /// `time-of-day = hour ":" minute ":" second`, two digits each.
    mutating func timeOfDay() -> (Int, Int, Int)? {
        guard let hour = digits(2), literal(":"), let minute = digits(2), literal(":"), let second = digits(2) else {
            return nil
        }
        return (hour, minute, second)
    }

    /// `day-name "," SP day SP month SP year SP time-of-day SP "GMT"`
    mutating func readIMFFixdate() -> HTTPDate.Fields? {
        attempt { r in
            guard r.oneOf(HTTPDate.dayNames) != nil, r.literal(", "), let day = r.digits(2), r.literal(" "),
                let month = r.oneOf(HTTPDate.monthNames), r.literal(" "), let year = r.digits(4), r.literal(" "),
                let (hour, minute, second) = r.timeOfDay(), r.literal(" GMT")
            else { return nil }
            return HTTPDate.Fields(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        }
    }

    /// `day-name-l "," SP day "-" month "-" 2DIGIT SP time-of-day SP "GMT"`
    mutating func readRFC850Date(now: Date) -> HTTPDate.Fields? {
        attempt { r in
            guard r.oneOf(HTTPDate.longDayNames) != nil, r.literal(", "), let day = r.digits(2), r.literal("-"),
                let month = r.oneOf(HTTPDate.monthNames), r.literal("-"), let shortYear = r.digits(2), r.literal(" "),
                let (hour, minute, second) = r.timeOfDay(), r.literal(" GMT")
            else { return nil }
            let thisYear = HTTPDate.gmtCalendar.component(.year, from: now)
            var year = thisYear - thisYear % 100 + shortYear
            if year > thisYear + 50 { year -= 100 }
            return HTTPDate.Fields(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        }
    }

    /// `day-name SP month SP ( 2DIGIT / ( SP DIGIT ) ) SP time-of-day SP year`
    mutating func readAsctimeDate() -> HTTPDate.Fields? {
        attempt { r in
            guard r.oneOf(HTTPDate.dayNames) != nil, r.literal(" "), let month = r.oneOf(HTTPDate.monthNames), r.literal(" ")
            else { return nil }
            let day: Int
            if r.literal(" ") {
                guard let digit = r.digits(1) else { return nil }
                day = digit
            } else {
                guard let twoDigits = r.digits(2) else { return nil }
                day = twoDigits
            }
            guard r.literal(" "), let (hour, minute, second) = r.timeOfDay(), r.literal(" "), let year = r.digits(4) else {
                return nil
            }
            return HTTPDate.Fields(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        }
    }
}
