import CLibical

/// Why libical could not build, serialise or read a calendar, in a form that reads as one line
/// for the person at the terminal: what was being done, the value at fault when there is one,
/// and libical's own error code and message.
///
/// ```
/// libical could not expand the RRULE "FREQ=MONTHLY;BYWEEKNO=20" of 'Sprint review': MALFORMEDDATA: An input string was not correctly formed or a component has missing or extra properties
/// ```
public struct ICalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libical's error codes (`icalerrorenum` in icalerror.h).
    public enum Code: Sendable, Hashable {
        case badArgument
        case newFailed
        case allocation
        case malformedData
        case parse
        case internalError
        case file
        case usage
        case unimplemented
        case unknown
    }

    /// libical's code; nil when libical set none and followup noticed the problem itself (a
    /// file with no VCALENDAR, a line folded inside a character).
    public var code: Code?
    /// What was being done, worded to follow "libical could not": `create the UID property`.
    public var operation: String
    /// The value libical refused or could not handle: a property's text, an RRULE, a TZID.
    public var value: String?
    /// libical's message for `code`, or followup's own words when there is no code.
    public var reason: String

    public init(code: Code? = nil, operation: String, value: String? = nil, reason: String) {
        self.code = code
        self.operation = operation
        self.value = value
        self.reason = reason
    }

    /// An error with libical's own message for `code`.
    package init(_ code: Code, operation: String, value: String? = nil) {
        self.init(code: code, operation: operation, value: value, reason: code.libicalMessage)
    }

    public var description: String { "libical could not \(operation): \(reason)" }

    /// The error libical recorded for this thread (libical keeps `icalerrno` per thread), which
    /// is cleared so that it cannot be blamed on a later call. `otherwise` is the reason when
    /// libical failed without setting a code, as its parser does for text with no BEGIN line.
    package static func current(_ operation: String, value: String? = nil,
                        otherwise: String = "libical gave no reason") -> ICalendarError {
        let recorded = icalerrno_return().pointee
        icalerror_clear_errno()
        guard let code = Code(recorded) else {
            return ICalendarError(operation: operation, value: value, reason: otherwise)
        }
        return ICalendarError(code, operation: operation, value: value)
    }
}

extension ICalendarError.Code {
    /// Nil for `ICAL_NO_ERROR`.
    package init?(_ code: icalerrorenum) {
        switch code {
        case ICAL_NO_ERROR: return nil
        case ICAL_BADARG_ERROR: self = .badArgument
        case ICAL_NEWFAILED_ERROR: self = .newFailed
        case ICAL_ALLOCATION_ERROR: self = .allocation
        case ICAL_MALFORMEDDATA_ERROR: self = .malformedData
        case ICAL_PARSE_ERROR: self = .parse
        case ICAL_INTERNAL_ERROR: self = .internalError
        case ICAL_FILE_ERROR: self = .file
        case ICAL_USAGE_ERROR: self = .usage
        case ICAL_UNIMPLEMENTED_ERROR: self = .unimplemented
        default: self = .unknown
        }
    }

    package var libicalCode: icalerrorenum {
        switch self {
        case .badArgument: ICAL_BADARG_ERROR
        case .newFailed: ICAL_NEWFAILED_ERROR
        case .allocation: ICAL_ALLOCATION_ERROR
        case .malformedData: ICAL_MALFORMEDDATA_ERROR
        case .parse: ICAL_PARSE_ERROR
        case .internalError: ICAL_INTERNAL_ERROR
        case .file: ICAL_FILE_ERROR
        case .usage: ICAL_USAGE_ERROR
        case .unimplemented: ICAL_UNIMPLEMENTED_ERROR
        case .unknown: ICAL_UNKNOWN_ERROR
        }
    }

    /// libical's wording, which starts with the code's name: `BADARG: Bad argument to function`.
    public var libicalMessage: String { String(cString: icalerror_strerror(libicalCode)) }
}
