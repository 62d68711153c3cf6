import Foundation
import Testing

@testable import FeedServing

/// RFC 9110 §5.6.7, with its own example instant: Sun, 06 Nov 1994 08:49:37 GMT.
struct HTTPDateTests {
    let example = Date(timeIntervalSince1970: 784_111_777)
    let now = Date(timeIntervalSince1970: 1_767_323_045)  // in 2026

    @Test func formatsIMFFixdate() {
        #expect(HTTPDate.format(example) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(januarySecond) == januarySecondHTTPDate)
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    @Test func formattingDropsTheFractionOfTheSecond() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 784_111_777.999)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func parsesAllThreeForms() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == example)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == example)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994", now: now) == example)
        #expect(HTTPDate.parse("Sun Nov 16 08:49:37 1994", now: now) == example.addingTimeInterval(10 * 86_400))
    }

    @Test func parsingToleratesSurroundingWhitespace() {
        #expect(HTTPDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT \t", now: now) == example)
    }

    @Test func formatThenParseIsTheSameSecond() {
        for seconds in [0.0, 951_782_400, 1_709_164_800.25, 4_102_444_799] {  // 29 Feb 2000 and 2024, end of 2099
            let date = Date(timeIntervalSince1970: seconds)
            #expect(HTTPDate.parse(HTTPDate.format(date), now: now) == HTTPDate.truncated(date))
        }
    }

    @Test func twoDigitYearsMoreThanFiftyYearsAheadAreInThePast() {
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: now).map(HTTPDate.format) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Friday, 02-Jan-26 03:04:05 GMT", now: now).map(HTTPDate.format) == januarySecondHTTPDate)
        #expect(HTTPDate.parse("Monday, 01-Jan-76 00:00:00 GMT", now: now).map(HTTPDate.format) == "Wed, 01 Jan 2076 00:00:00 GMT")
        #expect(HTTPDate.parse("Monday, 01-Jan-77 00:00:00 GMT", now: now).map(HTTPDate.format) == "Sat, 01 Jan 1977 00:00:00 GMT")
    }

    @Test func rejectsWhatIsNotAnHTTPDate() {
        for text in [
            "",
            "yesterday",
            "1994-11-06T08:49:37Z",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37 +0000",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT junk",
            "Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
        ] {
            #expect(HTTPDate.parse(text, now: now) == nil, "\(text)")
        }
    }
}
