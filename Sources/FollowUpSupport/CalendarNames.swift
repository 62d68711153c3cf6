/// The English names of weekdays and months, indexed from Sunday = 0 and January = 0 (so
/// `weekday - 1` and `month - 1` of Foundation's and `CalendarDay`'s numbering). HTTP dates
/// (RFC 9110 §5.6.7), the plan's dates and the drafts all use these exact spellings.
package enum CalendarNames {
    package static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    package static let shortWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    package static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    package static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
