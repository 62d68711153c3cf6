import CLibical
import FollowUpPlanning
import Foundation

/// A libical error turned into a Swift error that says what was being built.
public struct ICalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var message: String

    public var description: String { "libical could not \(operation): \(message)" }

    /// The current libical error, read and cleared.
    static func current(_ operation: String) -> ICalendarError {
        let message = String(cString: icalerror_strerror(icalerrno_return().pointee))
        icalerror_clear_errno()
        return ICalendarError(operation: operation, message: message)
    }
}

/// Owns one libical component. A component added to a parent is owned by the parent from then
/// on, so only a root frees its tree; no libical pointer leaves this module.
final class ICalComponent {
    private(set) var pointer: OpaquePointer
    private var ownedByParent = false

    init(_ kind: icalcomponent_kind) throws(ICalendarError) {
        guard let pointer = icalcomponent_new(kind) else { throw .current("create a component") }
        self.pointer = pointer
    }

    deinit {
        if !ownedByParent { icalcomponent_free(pointer) }
    }

    func add(_ child: ICalComponent) {
        icalcomponent_add_component(pointer, child.pointer)
        child.ownedByParent = true
    }

    /// Adds a property made by one of libical's `icalproperty_new_*` constructors.
    func add(_ property: OpaquePointer?, _ what: String) throws(ICalendarError) {
        guard let property else { throw .current("create \(what)") }
        icalcomponent_add_property(pointer, property)
    }

    /// Whether every folded line (`CRLF` and a space) continues at the start of a character.
    /// Everything libical serialises comes from valid UTF-8, so a fold is the only place it
    /// could break a character; checking the folds is enough, and far cheaper than validating
    /// every byte of a feed.
    static func foldsBetweenCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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

    /// Adds `REFRESH-INTERVAL;VALUE=DURATION:PT…` (RFC 7986), whose VALUE parameter is required.
    func addRefreshInterval(seconds: Int) throws(ICalendarError) {
        guard let property = icalproperty_new_refreshinterval(icaldurationtype_from_int(Int32(seconds))) else {
            throw .current("create REFRESH-INTERVAL")
        }
        icalproperty_add_parameter(property, icalparameter_new_value(ICAL_VALUE_DURATION))
        icalcomponent_add_property(pointer, property)
    }

    /// Adds a non-standard property such as `X-WR-CALNAME`.
    func addExtension(_ name: String, _ value: String) throws(ICalendarError) {
        guard let property = icalproperty_new_x(value) else { throw .current("create \(name)") }
        icalproperty_set_x_name(property, name)
        icalcomponent_add_property(pointer, property)
    }

    /// Adds a date-time property (`DTSTART`, `DTEND`, `DUE`) as wall-clock time with a bare
    /// IANA `TZID`, or in UTC. libical's own zone handling is bypassed on purpose: it writes
    /// TZIDs as `/freeassociation.sourceforge.net/...`, which calendar apps do not resolve.
    func addTime(_ make: (icaltimetype) -> OpaquePointer?, _ time: CalendarTime, _ what: String) throws(ICalendarError) {
        guard let property = make(time.icalTime) else { throw .current("create \(what)") }
        if let tzid = time.tzid {
            guard let parameter = icalparameter_new_tzid(tzid) else { throw .current("create the TZID of \(what)") }
            icalproperty_add_parameter(property, parameter)
        }
        icalcomponent_add_property(pointer, property)
    }

    /// The component serialised by libical: CRLF line ends, lines folded at 75 octets.
    ///
    /// libical 3.0.16 folds between UTF-8 characters, never inside one (the tests fold CJK and
    /// emoji at every alignment). Should a libical ever split one, the bytes are not UTF-8 and
    /// this throws instead of handing on a file that calendar apps would show garbled.
    func serialised() throws(ICalendarError) -> String {
        var text = ""
        try serialise { bytes in text = String(decoding: bytes, as: UTF8.self) }
        return text
    }

    /// Hands libical's serialisation to `body` as bytes, without copying it into a String; the
    /// bytes are checked to be UTF-8 first.
    func serialise(_ body: (UnsafeBufferPointer<UInt8>) throws(ICalendarError) -> Void) throws(ICalendarError) {
        guard let text = icalcomponent_as_ical_string_r(pointer) else { throw .current("serialise the calendar") }
        defer { free(text) }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
        guard Self.foldsBetweenCharacters(bytes) else {
            throw ICalendarError(operation: "serialise the calendar", message: "libical folded a line inside a UTF-8 character")
        }
        try body(bytes)
    }
}

/// A moment as a calendar file states it.
struct CalendarTime {
    enum Form {
        case date
        /// A wall-clock time with no zone: only for observance starts inside a VTIMEZONE.
        case floating
        case local(tzid: String)
        case utc
    }

    var date: CalendarDay
    /// Seconds since midnight on `date`'s wall clock; unused for `.date`.
    var secondOfDay: Int
    var form: Form

    init(date: CalendarDay, secondOfDay: Int = 0, form: Form) {
        self.date = date
        self.secondOfDay = secondOfDay
        self.form = form
    }

    init(parts: DateComponents, form: Form) {
        self.init(date: CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!),
                  secondOfDay: (parts.hour ?? 0) * 3_600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0), form: form)
    }

    var tzid: String? {
        if case .local(let tzid) = form { return tzid }
        return nil
    }

    var icalTime: icaltimetype {
        var time = icaltime_null_time()
        time.year = Int32(date.year)
        time.month = Int32(date.month)
        time.day = Int32(date.day)
        if case .date = form {
            time.is_date = 1
        } else {
            time.hour = Int32(secondOfDay / 3_600)
            time.minute = Int32(secondOfDay % 3_600 / 60)
            time.second = Int32(secondOfDay % 60)
        }
        if case .utc = form { time.zone = icaltimezone_get_utc_timezone() }
        return time
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarTime {
        CalendarTime(date: CalendarDay(year: year, month: month, day: day), form: .date)
    }

    /// `instant` in UTC.
    static func utc(_ instant: Date) -> CalendarTime {
        let clock = CalendarDay.wallClock(instant, offset: 0)
        return CalendarTime(date: clock.day, secondOfDay: clock.secondOfDay, form: .utc)
    }

    /// `instant` on the wall clock of `zone`; UTC when the zone has no IANA name a calendar app
    /// could look up (a card's bare `-05:00`).
    static func local(_ instant: Date, in zone: TimeZone) -> CalendarTime {
        guard let tzid = TimeZoneDefinition.publishableIdentifier(zone) else { return utc(instant) }
        let clock = CalendarDay.wallClock(instant, offset: zone.secondsFromGMT(for: instant))
        return CalendarTime(date: clock.day, secondOfDay: clock.secondOfDay, form: .local(tzid: tzid))
    }
}
