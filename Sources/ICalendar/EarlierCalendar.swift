import FollowUpPlanning
import Foundation

/// The entries of a calendar file written earlier, by UID: what a plan written again into the
/// same folder is versioned against. RFC 5546 §2.1.5: a calendar takes a copy of an entry as
/// newer only when its `SEQUENCE` is higher, so an entry that changed needs the next one, and
/// an entry that did not must keep its `SEQUENCE` and `DTSTAMP` to stay the same bytes.
///
/// The file is read once, with the lenient reader, so a file a user's calendar app rewrote (its
/// lines folded elsewhere, a component added) is still understood.
public struct EarlierCalendar: Sendable {
    /// One top-level `VEVENT` or `VTODO` of the file.
    public struct Entry: Sendable {
        public var sequence: Int
        public var stamp: Date?
        /// The component unfolded, line by line, as the lenient reader gives it back.
        var text: String
    }

    private var entries: [String: Entry] = [:]

    /// No earlier file: every entry is new.
    public init() {}

    /// The largest earlier file that is read. The files of one plan are a few kilobytes; a larger
    /// file in their place is not one this tool wrote, and is replaced without being read whole.
    public static let largestFile = 4 << 20

    /// The entries of the calendar file at `url`; none when there is no such file, it holds no
    /// calendar, or it is larger than ``largestFile``.
    public init(contentsOf url: URL) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            self.init()
            return
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: Self.largestFile + 1)) ?? Data()
        self.init(bytes: data.count > Self.largestFile ? [] : Array(data))
    }

    /// The entries of calendar text. An entry whose `SEQUENCE` leaves no next one within
    /// RFC 5545's range (a file edited by hand) is taken as new rather than versioned.
    public init(bytes: [UInt8]) {
        for node in Self.components(of: bytes) where node.name == "VEVENT" || node.name == "VTODO" {
            guard let uid = node.first("UID")?.value else { continue }
            let sequence = node.first("SEQUENCE").flatMap { Int($0.value) } ?? 0
            guard sequence >= StoredValueLimits.sequences.lowerBound, sequence < StoredValueLimits.sequences.upperBound else { continue }
            let stamp = node.first("DTSTAMP").flatMap { Self.utcStamp($0.value) }
            entries[uid] = Entry(sequence: sequence, stamp: stamp, text: node.text)
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public subscript(uid: String) -> Entry? { entries[uid] }

    /// Whether `serialised`, one component as it would be written now, reads the same as the
    /// earlier entry of its UID.
    public func isUnchanged(uid: String, serialised: [UInt8]) -> Bool {
        guard let earlier = entries[uid] else { return false }
        return Self.components(of: serialised).first?.text == earlier.text
    }

    /// The components at the top of the text, those inside a VCALENDAR included.
    private static func components(of bytes: [UInt8]) -> [ComponentNode] {
        var reader = ContentLineReader()
        let roots = ComponentTreeBuilder.build(reader.lines(of: bytes, charset: nil)) { _, _ in }
        return roots.flatMap { $0.name == "VCALENDAR" ? $0.children : [$0] }
    }

    /// `20261130T093000Z` as an instant.
    static func utcStamp(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15) else { return nil }
        return CalendarDay(year: year, month: month, day: day).at(hour: hour, minute: minute, in: .gmt).addingTimeInterval(TimeInterval(second))
    }
}
