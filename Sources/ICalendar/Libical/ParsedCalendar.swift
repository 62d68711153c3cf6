import CLibical
import FollowUpPlanning
import FollowUpSupport
import Foundation

/// iCalendar text as libical parsed it: the document owns the whole tree, and every
/// `ParsedComponent` taken from it keeps it alive, so no view can outlive the tree it points
/// into (libical frees a tree only from its root).
package final class ParsedCalendar {
    private let pointer: OpaquePointer

    /// Parses `text`. libical drops what it cannot read and notes it in `X-LIC-ERROR`
    /// properties (see `ParsedComponent.errors`); only text without any component fails.
    package init(parsing text: String) throws(ICalendarError) {
        guard let root = icalparser_parse_string(text) else {
            // libical returns no component, and usually sets no error, for text with no BEGIN line.
            throw .current("parse the text", otherwise: "it is not iCalendar")
        }
        // Errors that the parser recovered from stay in icalerrno; they are in X-LIC-ERROR
        // properties too, and must not be blamed on a later call.
        icalerror_clear_errno()
        pointer = root
    }

    deinit {
        icalcomponent_free(pointer)
    }

    /// The outermost component: normally the VCALENDAR.
    package var root: ParsedComponent { ParsedComponent(document: self, pointer: pointer) }
}

/// A component inside a `ParsedCalendar`, which it keeps alive.
package struct ParsedComponent {
    private let document: ParsedCalendar
    /// Internal, not private: `ParsedComponent+Tasks.swift` reads a to-do's state through it.
    package let pointer: OpaquePointer

    fileprivate init(document: ParsedCalendar, pointer: OpaquePointer) {
        self.document = document
        self.pointer = pointer
    }

    /// Nil for kinds that followup does not write (VJOURNAL, X- components, ...).
    package var kind: ComponentKind? { ComponentKind(icalcomponent_isa(pointer)) }

    /// The kind as the file names it: `VEVENT`, `VTODO`, ...
    package var kindName: String { String(cString: icalcomponent_kind_to_string(icalcomponent_isa(pointer))) }

    /// The components directly inside this one, of `kind` or of any kind, in file order.
    package func children(_ kind: ComponentKind? = nil) -> Children {
        Children(parent: self, kind: kind?.libicalKind ?? ICAL_ANY_COMPONENT)
    }

    package struct Children: Sequence {
        fileprivate let parent: ParsedComponent
        fileprivate let kind: icalcomponent_kind

        package func makeIterator() -> Iterator {
            Iterator(document: parent.document, cursor: icalcomponent_begin_component(parent.pointer, kind))
        }

        /// Walks with libical's external iterator rather than `icalcomponent_get_next_component`,
        /// whose cursor lives in the parent and would be moved by any other walk over it.
        package struct Iterator: IteratorProtocol {
            fileprivate let document: ParsedCalendar
            fileprivate var cursor: icalcompiter

            package mutating func next() -> ParsedComponent? {
                guard let child = icalcompiter_deref(&cursor) else { return nil }
                _ = icalcompiter_next(&cursor)
                return ParsedComponent(document: document, pointer: child)
            }
        }
    }

    /// What libical objected to while parsing this component: the values of the `X-LIC-ERROR`
    /// properties it put in place of what it could not read.
    package var errors: [String] {
        var found: [String] = []
        var property = icalcomponent_get_first_property(pointer, ICAL_XLICERROR_PROPERTY)
        while let current = property {
            found.append(String(cString: icalproperty_get_xlicerror(current)))
            property = icalcomponent_get_next_property(pointer, ICAL_XLICERROR_PROPERTY)
        }
        return found
    }

    package var summary: String? { icalcomponent_get_summary(pointer).map { String(cString: $0) } }

    package var details: String? { icalcomponent_get_description(pointer).map { String(cString: $0) } }

    /// `DTSTART`; nil when there is none.
    package var start: CalendarTime? { CalendarTime(libical: icalcomponent_get_dtstart(pointer)) }

    /// `DTEND`, or `DTSTART` plus `DURATION` as libical works it out; nil when there is neither.
    package var end: CalendarTime? { CalendarTime(libical: icalcomponent_get_dtend(pointer)) }

    /// How messages name the component: by its summary (on one line, as messages are) when it
    /// has one.
    package var reference: String { summary.map { "'\($0.singleLine)'" } ?? "the \(kindName) without a SUMMARY" }

    /// The days on which the component's `RRULE` repeats it, from its `DTSTART` up to the end of
    /// `lastYear` and at most `limit` of them; nil when it has no RRULE.
    ///
    /// A rule libical cannot read or cannot expand throws, naming the component and the rule,
    /// rather than leaving a repeating event at its first day.
    package func recurrenceDays(through lastYear: Int, limit: Int) throws(ICalendarError) -> [CalendarDay]? {
        if let refused = refusedRule {
            throw ICalendarError(.malformedData, operation: "read the RRULE \"\(refused)\" of \(reference)", value: refused)
        }
        guard let property = icalcomponent_get_first_property(pointer, ICAL_RRULE_PROPERTY) else { return nil }
        let start = icalcomponent_get_dtstart(pointer)
        let rule = icalproperty_get_rrule(property)
        let end = CalendarDay(year: lastYear, month: 12, day: 31)
        let steps = RecurrenceBound.steps(of: rule, from: CalendarDay(year: Int(start.year), month: Int(start.month), day: Int(start.day)),
                                          through: end)
        guard steps <= InputLimits.recurrenceSteps else {
            throw RecurrenceBound.tooManySteps(Self.valueText(property), steps: steps, through: end, of: reference)
        }
        guard let iterator = icalrecur_iterator_new(RecurrenceBound.capped(rule, start: start, through: end), start) else {
            let rule = Self.valueText(property)
            throw .current("expand the RRULE \"\(rule)\" of \(reference)", value: rule, otherwise: "it cannot be expanded")
        }
        defer { icalrecur_iterator_free(iterator) }
        var days: [CalendarDay] = []
        while days.count < limit {
            let next = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(next) != 0 || next.year > lastYear { break }
            days.append(CalendarDay(year: Int(next.year), month: Int(next.month), day: Int(next.day)))
        }
        return days
    }

    /// The text of an RRULE that libical's parser dropped. libical 3.0 (icalparser.c) removes a
    /// property whose value it cannot parse and leaves in its place an X-LIC-ERROR reading
    /// "Can't parse as RECUR value in RRULE property. Removing entire property: <value>".
    private var refusedRule: String? {
        let marker = "Removing entire property: "
        guard let error = errors.first(where: { $0.contains("RRULE property") }) else { return nil }
        guard let range = error.range(of: marker) else { return error }
        return String(error[range.upperBound...])
    }

    private static func valueText(_ property: OpaquePointer) -> String {
        guard let text = icalproperty_get_value_as_string_r(property) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }
}
