import CLibical

/// What a sync reads back of an object the user may have changed on another device.
extension ParsedComponent {
    package var uid: String? { icalcomponent_get_uid(pointer).map { String(cString: $0) } }

    /// STATUS:COMPLETED.
    package var isMarkedCompleted: Bool { icalcomponent_get_status(pointer) == ICAL_STATUS_COMPLETED }

    /// STATUS:CANCELLED.
    package var isMarkedCancelled: Bool { icalcomponent_get_status(pointer) == ICAL_STATUS_CANCELLED }

    /// The `COMPLETED` time, when there is one.
    package var completedAt: CalendarTime? {
        guard let property = icalcomponent_get_first_property(pointer, ICAL_COMPLETED_PROPERTY) else { return nil }
        return CalendarTime(libical: icalproperty_get_completed(property))
    }

    /// `PERCENT-COMPLETE`, when there is one.
    package var percentComplete: Int? {
        guard let property = icalcomponent_get_first_property(pointer, ICAL_PERCENTCOMPLETE_PROPERTY) else { return nil }
        return Int(icalproperty_get_percentcomplete(property))
    }

    /// `DUE`, when there is one.
    package var due: CalendarTime? {
        guard icalcomponent_get_first_property(pointer, ICAL_DUE_PROPERTY) != nil else { return nil }
        return CalendarTime(libical: icalcomponent_get_due(pointer))
    }
}
