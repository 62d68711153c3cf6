import CLibical
import Foundation

/// The components followup writes (RFC 5545 §3.6).
package enum ComponentKind: Sendable {
    case calendar, event, task, alarm, timeZone, standard, daylight

    package var libicalKind: icalcomponent_kind {
        switch self {
        case .calendar: ICAL_VCALENDAR_COMPONENT
        case .event: ICAL_VEVENT_COMPONENT
        case .task: ICAL_VTODO_COMPONENT
        case .alarm: ICAL_VALARM_COMPONENT
        case .timeZone: ICAL_VTIMEZONE_COMPONENT
        // libical names the observances of a VTIMEZONE "X" kinds; they serialise as STANDARD
        // and DAYLIGHT.
        case .standard: ICAL_XSTANDARD_COMPONENT
        case .daylight: ICAL_XDAYLIGHT_COMPONENT
        }
    }

    package init?(_ kind: icalcomponent_kind) {
        switch kind {
        case ICAL_VCALENDAR_COMPONENT: self = .calendar
        case ICAL_VEVENT_COMPONENT: self = .event
        case ICAL_VTODO_COMPONENT: self = .task
        case ICAL_VALARM_COMPONENT: self = .alarm
        case ICAL_VTIMEZONE_COMPONENT: self = .timeZone
        case ICAL_XSTANDARD_COMPONENT: self = .standard
        case ICAL_XDAYLIGHT_COMPONENT: self = .daylight
        default: return nil
        }
    }
}

/// A component being built, which owns its libical tree until it is added to a parent.
///
/// libical frees a component with everything added to it, so a component added to a parent is
/// the parent's from then on: it keeps the parent alive, and only a component without a parent
/// frees its tree. Properties go in as noncopyable `Property` values, consumed by `add`, so
/// none is freed twice or left behind.
package final class CalendarComponent {
    private let pointer: OpaquePointer
    private var parent: CalendarComponent?

    package init(_ kind: ComponentKind) {
        // icalcomponent_new fails only when malloc does, which Swift treats as fatal everywhere.
        guard let pointer = icalcomponent_new(kind.libicalKind) else { fatalError("libical could not allocate a component") }
        self.pointer = pointer
    }

    deinit {
        if parent == nil { icalcomponent_free(pointer) }
    }

    /// Whether this component belongs to another one, which frees it.
    package var hasParent: Bool { parent != nil }

    package func add(_ child: CalendarComponent) {
        // libical would link the child into two trees and free it twice.
        precondition(child.parent == nil && child !== self, "a component can be added to one parent, once")
        icalcomponent_add_component(pointer, child.pointer)
        child.parent = self
    }

    package func add(_ property: consuming Property) {
        icalcomponent_add_property(pointer, property.transferOwnership())
    }

    /// The component serialised by libical: CRLF line ends, lines folded at 75 octets.
    ///
    /// libical 3.0.16 folds between UTF-8 characters, never inside one (the tests fold CJK and
    /// emoji at every alignment). Should a libical ever split one, the bytes are not UTF-8 and
    /// this throws instead of handing on a file that calendar apps would show garbled.
    package func serialised() throws(ICalendarError) -> String {
        var text = ""
        try serialise { bytes in text = String(decoding: bytes, as: UTF8.self) }
        return text
    }

    /// Hands libical's serialisation to `body` as bytes, without copying it into a String; the
    /// bytes are checked to be UTF-8 first.
    package func serialise(_ body: (UnsafeBufferPointer<UInt8>) throws(ICalendarError) -> Void) throws(ICalendarError) {
        guard let text = icalcomponent_as_ical_string_r(pointer) else { throw .current("serialise the calendar") }
        defer { free(text) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
        guard Self.foldsBetweenCharacters(bytes) else {
            throw ICalendarError(operation: "serialise the calendar", reason: "libical folded a line inside a UTF-8 character")
        }
        guard let repaired = Self.unfoldingLineEnds(bytes) else {
            try body(bytes)
            return
        }
        try repaired.withUnsafeBufferPointer { bytes throws(ICalendarError) in try body(bytes) }
    }

    /// libical before 4.0.3 folds a content line of exactly 75 octets into its own line end:
    /// either inside it (`CR` `CRLF SP` `LF`, which readers take for a bare `CR` and `LF`) or
    /// just before it (`CRLF SP` `CRLF`, an empty continuation line) (libical pull request
    /// 1338). Both become the plain `CRLF` they stand for; nil when there is neither, which is
    /// nearly always, so the bytes are copied only when they need the repair.
    package static func unfoldingLineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let inside: [UInt8] = [0x0D, 0x0D, 0x0A, 0x20, 0x0A], before: [UInt8] = [0x0D, 0x0A, 0x20, 0x0D, 0x0A]
        func isFoldedLineEnd(at index: Int) -> Bool {
            guard index + 5 <= bytes.count, bytes[index] == 0x0D else { return false }
            let window = bytes[index..<index + 5]
            return window.elementsEqual(inside) || window.elementsEqual(before)
        }
        guard bytes.indices.contains(where: isFoldedLineEnd) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if isFoldedLineEnd(at: index) {
                result += [0x0D, 0x0A]
                index += 5
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }

    /// Whether every folded line (`CRLF` and a space) continues at the start of a character.
    /// Everything libical serialises comes from valid UTF-8, so a fold is the only place it
    /// could break a character; checking the folds is enough, and far cheaper than validating
    /// every byte of a feed.
    package static func foldsBetweenCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count,
              let found = memchr(base + offset, 0x0A, bytes.count - offset) {
            let index = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: " "), bytes[index + 2] & 0xC0 == 0x80 {
                return false
            }
            offset = index + 1
        }
        return true
    }
}

extension CalendarComponent {
    /// The line that ends a calendar, which a calendar written a component at a time
    /// (`CalendarStream`) writes after its last component.
    package static let calendarEnd = Array("END:VCALENDAR\r\n".utf8)

    /// The calendar as libical writes it, up to where its components go: everything before
    /// its END line.
    package func serialisedOpening() throws(ICalendarError) -> [UInt8] {
        var text: [UInt8] = []
        try serialise { bytes in text = Array(bytes) }
        guard text.count >= Self.calendarEnd.count, Array(text.suffix(Self.calendarEnd.count)) == Self.calendarEnd else {
            throw ICalendarError(operation: "serialise the calendar", reason: "libical ended the calendar unexpectedly")
        }
        return Array(text.dropLast(Self.calendarEnd.count))
    }

    /// The component as libical writes it, as bytes.
    package func serialisedBytes() throws(ICalendarError) -> [UInt8] {
        var text: [UInt8] = []
        try serialise { bytes in text.append(contentsOf: bytes) }
        return text
    }
}
