import Foundation
@testable import InvitationReading

/// Reads invitation text written in a test, with CRLF line ends unless the test writes its own.
enum Fixture {
    static func read(_ text: String, file: String = "test.ics", fallbackZone: TimeZone? = nil) throws(InvitationError) -> Invitation {
        try InvitationReader.read(Array(text.utf8), file: file, fallbackZone: fallbackZone)
    }

    /// A VCALENDAR around `event`'s lines, with `extra` lines (VTIMEZONEs, METHOD) before it.
    static func calendar(_ event: [String], extra: [String] = ["METHOD:REQUEST"]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"] + extra + ["BEGIN:VEVENT"] + event
            + ["END:VEVENT", "END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
    }

    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }
}
