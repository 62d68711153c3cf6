import Foundation

/// What the end-to-end tests read out of the calendar files `followup` writes.
enum CalendarText {
    /// UID to SEQUENCE for every component of a calendar file's text.
    static func sequences(in text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        var uid: String?
        for line in text.components(separatedBy: "\r\n") {
            if line.hasPrefix("UID:") { uid = String(line.dropFirst(4)) }
            if line.hasPrefix("SEQUENCE:"), let uid { result[uid] = Int(line.dropFirst(9)) }
        }
        return result
    }
}
