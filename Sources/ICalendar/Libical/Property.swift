import CLibical

/// One property, owned until it is added to a component.
///
/// Noncopyable, so that exactly one owner frees it: libical once it is added (`CalendarComponent
/// .add` consumes it), otherwise `deinit`, as when building it threw half-way. Being a struct
/// it costs no allocation of its own, which matters at a feed's tens of thousands of
/// properties a second.
package struct Property: ~Copyable {
    private let pointer: OpaquePointer

    /// Takes what one of libical's `icalproperty_new_*` constructors made. They return nil
    /// when they refuse the value and say why in `icalerrno`; `name` and `value` say which
    /// property and value that was (`value` is only worked out then, as the feed makes
    /// properties by the hundred thousand).
    package init(_ name: String, value: @autoclosure () -> String? = nil, _ make: () -> OpaquePointer?) throws(ICalendarError) {
        guard let pointer = make() else { throw .current("create the \(name) property", value: value()) }
        self.pointer = pointer
    }

    deinit {
        icalproperty_free(pointer)
    }

    package func add(_ parameter: consuming Parameter) {
        icalproperty_add_parameter(pointer, parameter.transferOwnership())
    }

    /// The pointer, for libical to own: it frees the property with its component.
    consuming func transferOwnership() -> OpaquePointer {
        let pointer = self.pointer
        discard self
        return pointer
    }
}

/// One property parameter, owned until it is added to a property.
package struct Parameter: ~Copyable {
    private let pointer: OpaquePointer

    /// Takes what one of libical's `icalparameter_new_*` constructors made (nil when it refused
    /// the value).
    package init(_ name: String, value: @autoclosure () -> String? = nil, _ make: () -> OpaquePointer?) throws(ICalendarError) {
        guard let pointer = make() else { throw .current("create the \(name) parameter", value: value()) }
        self.pointer = pointer
    }

    deinit {
        icalparameter_free(pointer)
    }

    consuming func transferOwnership() -> OpaquePointer {
        let pointer = self.pointer
        discard self
        return pointer
    }

    /// `TZID=America/Chicago`: a bare IANA name, as calendar apps resolve it.
    package static func timeZoneID(_ tzid: String) throws(ICalendarError) -> Parameter {
        try Parameter("TZID", value: tzid) { icalparameter_new_tzid(tzid) }
    }

    /// `VALUE=DURATION`.
    package static func durationValue() throws(ICalendarError) -> Parameter {
        try Parameter("VALUE", value: "DURATION") { icalparameter_new_value(ICAL_VALUE_DURATION) }
    }
}

// The properties followup writes, by RFC 5545 section.
extension Property {
    /// §3.7.4 `VERSION`.
    package static func version(_ text: String) throws(ICalendarError) -> Property {
        try Property("VERSION", value: text) { icalproperty_new_version(text) }
    }

    /// §3.7.3 `PRODID`.
    package static func productID(_ text: String) throws(ICalendarError) -> Property {
        try Property("PRODID", value: text) { icalproperty_new_prodid(text) }
    }

    /// §3.7.1 `CALSCALE`.
    package static func calendarScale(_ text: String) throws(ICalendarError) -> Property {
        try Property("CALSCALE", value: text) { icalproperty_new_calscale(text) }
    }

    /// §3.7.2 `METHOD:PUBLISH`: a feed that nobody replies to.
    package static func publishMethod() throws(ICalendarError) -> Property {
        try Property("METHOD", value: "PUBLISH") { icalproperty_new_method(ICAL_METHOD_PUBLISH) }
    }

    /// RFC 7986 §5.1 `NAME`.
    package static func name(_ text: String) throws(ICalendarError) -> Property {
        try Property("NAME", value: text) { icalproperty_new_name(text) }
    }

    /// RFC 7986 §5.7 `REFRESH-INTERVAL;VALUE=DURATION:PT…`, whose VALUE parameter is required.
    package static func refreshInterval(seconds: Int) throws(ICalendarError) -> Property {
        let property = try Property("REFRESH-INTERVAL", value: "\(seconds)s") {
            icalproperty_new_refreshinterval(icaldurationtype_from_int(Int32(seconds)))
        }
        property.add(try .durationValue())
        return property
    }

    /// §3.8.8.2 a non-standard property such as `X-WR-CALNAME`.
    package static func nonStandard(_ name: String, _ text: String) throws(ICalendarError) -> Property {
        let property = try Property(name, value: text) { icalproperty_new_x(text) }
        icalproperty_set_x_name(property.pointer, name)
        return property
    }

    /// §3.8.4.7 `UID`.
    package static func uid(_ text: String) throws(ICalendarError) -> Property {
        try Property("UID", value: text) { icalproperty_new_uid(text) }
    }

    /// §3.8.7.4 `SEQUENCE`.
    package static func sequence(_ number: Int) throws(ICalendarError) -> Property {
        try Property("SEQUENCE", value: "\(number)") { icalproperty_new_sequence(Int32(number)) }
    }

    /// §3.8.1.12 `SUMMARY`.
    package static func summary(_ text: String) throws(ICalendarError) -> Property {
        try Property("SUMMARY", value: text) { icalproperty_new_summary(text) }
    }

    /// §3.8.1.5 `DESCRIPTION`.
    package static func description(_ text: String) throws(ICalendarError) -> Property {
        try Property("DESCRIPTION", value: text) { icalproperty_new_description(text) }
    }

    /// §3.8.1.3 `CLASS:PRIVATE`.
    package static func privateClass() throws(ICalendarError) -> Property {
        try Property("CLASS", value: "PRIVATE") { icalproperty_new_class(ICAL_CLASS_PRIVATE) }
    }

    /// §3.8.1.2 `CATEGORIES`, one category.
    package static func category(_ text: String) throws(ICalendarError) -> Property {
        try Property("CATEGORIES", value: text) { icalproperty_new_categories(text) }
    }

    /// §3.8.2.7 `TRANSP`: whether the entry blocks time in free/busy searches.
    package static func transparency(blocksTime: Bool) throws(ICalendarError) -> Property {
        try Property("TRANSP", value: blocksTime ? "OPAQUE" : "TRANSPARENT") {
            icalproperty_new_transp(blocksTime ? ICAL_TRANSP_OPAQUE : ICAL_TRANSP_TRANSPARENT)
        }
    }

    /// §3.8.1.11 `STATUS` of a VTODO.
    package enum TaskStatus {
        case needsAction, completed, cancelled
    }

    package static func status(_ status: TaskStatus) throws(ICalendarError) -> Property {
        let value = switch status {
        case .needsAction: ICAL_STATUS_NEEDSACTION
        case .completed: ICAL_STATUS_COMPLETED
        case .cancelled: ICAL_STATUS_CANCELLED
        }
        return try Property("STATUS", value: String(cString: icalproperty_status_to_string(value))) { icalproperty_new_status(value) }
    }

    /// §3.8.1.11 `STATUS:CANCELLED` of a VEVENT: a calendar that imports it removes (or strikes
    /// out) the entry of that UID it holds.
    package static func cancelledEvent() throws(ICalendarError) -> Property {
        let value = ICAL_STATUS_CANCELLED
        return try Property("STATUS", value: String(cString: icalproperty_status_to_string(value))) { icalproperty_new_status(value) }
    }

    /// §3.8.1.8 `PERCENT-COMPLETE`.
    package static func percentComplete(_ percent: Int) throws(ICalendarError) -> Property {
        try Property("PERCENT-COMPLETE", value: "\(percent)") { icalproperty_new_percentcomplete(Int32(percent)) }
    }

    /// §3.8.6.1 `ACTION:DISPLAY`.
    package static func displayAction() throws(ICalendarError) -> Property {
        try Property("ACTION", value: "DISPLAY") { icalproperty_new_action(ICAL_ACTION_DISPLAY) }
    }

    /// §3.8.6.3 `TRIGGER`, relative to the start (negative: before it).
    package static func trigger(secondsFromStart seconds: Int) throws(ICalendarError) -> Property {
        try Property("TRIGGER", value: "\(seconds)s") { icalproperty_new_trigger(icaltriggertype_from_int(Int32(seconds))) }
    }

    /// §3.8.3.1 `TZID` of a VTIMEZONE.
    package static func timeZoneID(_ tzid: String) throws(ICalendarError) -> Property {
        try Property("TZID", value: tzid) { icalproperty_new_tzid(tzid) }
    }

    /// §3.8.3.3 `TZOFFSETFROM`, in seconds east of UTC.
    package static func offsetFrom(_ seconds: Int) throws(ICalendarError) -> Property {
        try Property("TZOFFSETFROM", value: "\(seconds)s") { icalproperty_new_tzoffsetfrom(Int32(seconds)) }
    }

    /// §3.8.3.4 `TZOFFSETTO`, in seconds east of UTC.
    package static func offsetTo(_ seconds: Int) throws(ICalendarError) -> Property {
        try Property("TZOFFSETTO", value: "\(seconds)s") { icalproperty_new_tzoffsetto(Int32(seconds)) }
    }

    /// §3.8.3.2 `TZNAME`.
    package static func timeZoneName(_ text: String) throws(ICalendarError) -> Property {
        try Property("TZNAME", value: text) { icalproperty_new_tzname(text) }
    }

    /// §3.8.5.3 `RRULE`. libical's rule parser does not return nil for a rule it cannot read:
    /// it returns a rule of frequency `ICAL_NO_RECURRENCE`, which would serialise as
    /// `RRULE:ERROR: No Value`, so that is refused here.
    package static func recurrenceRule(_ text: String) throws(ICalendarError) -> Property {
        let rule = icalrecurrencetype_from_string(text)
        guard rule.freq != ICAL_NO_RECURRENCE else {
            throw .current("read the RRULE \"\(text)\"", value: text, otherwise: "it names no frequency")
        }
        return try Property("RRULE", value: text) { icalproperty_new_rrule(rule) }
    }

    /// The date-time properties, which all take a `CalendarTime`.
    package enum TimeName {
        /// §3.8.2.4 `DTSTART`.
        case start
        /// §3.8.2.2 `DTEND`.
        case end
        /// §3.8.2.3 `DUE`.
        case due
        /// §3.8.7.2 `DTSTAMP`.
        case stamp
        /// §3.8.7.3 `LAST-MODIFIED`.
        case lastModified
        /// §3.8.2.1 `COMPLETED`.
        case completed

        var text: String {
            switch self {
            case .start: "DTSTART"
            case .end: "DTEND"
            case .due: "DUE"
            case .stamp: "DTSTAMP"
            case .lastModified: "LAST-MODIFIED"
            case .completed: "COMPLETED"
            }
        }
    }

    /// A date-time property as wall-clock time with a bare IANA `TZID`, or in UTC, or a date.
    /// libical's own zone handling is bypassed on purpose: it writes TZIDs as
    /// `/freeassociation.sourceforge.net/...`, which calendar apps do not resolve.
    package static func time(_ name: TimeName, _ time: CalendarTime) throws(ICalendarError) -> Property {
        let value = time.libicalTime
        let property = try Property(name.text) {
            switch name {
            case .start: icalproperty_new_dtstart(value)
            case .end: icalproperty_new_dtend(value)
            case .due: icalproperty_new_due(value)
            case .stamp: icalproperty_new_dtstamp(value)
            case .lastModified: icalproperty_new_lastmodified(value)
            case .completed: icalproperty_new_completed(value)
            }
        }
        // Should the parameter throw, `property` is dropped here and its deinit frees it.
        if let tzid = time.tzid { property.add(try .timeZoneID(tzid)) }
        return property
    }
}
