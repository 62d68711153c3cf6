import CLibical
import FollowUpPlanning

extension CalendarTime {
    /// The time as libical holds it. A `.local` time is handed over as a wall-clock time without
    /// a zone; `Property.time` writes its bare TZID as a parameter.
    package var libicalTime: icaltimetype {
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

    /// A time libical read; nil for the null time it returns for a missing property. A TZID that
    /// libical resolved (from the file's VTIMEZONE or its own zone data) is kept as `.local`.
    package init?(libical time: icaltimetype) {
        guard icaltime_is_null_time(time) == 0 else { return nil }
        let form: Form
        if time.is_date != 0 {
            form = .date
        } else if icaltime_is_utc(time) != 0 {
            form = .utc
        } else if let tzid = icaltime_get_tzid(time) {
            form = .local(tzid: String(cString: tzid))
        } else {
            form = .floating
        }
        self.init(date: CalendarDay(year: Int(time.year), month: Int(time.month), day: Int(time.day)),
                  secondOfDay: time.is_date != 0 ? 0 : Int(time.hour) * 3_600 + Int(time.minute) * 60 + Int(time.second),
                  form: form)
    }

    /// Makes libical's UTC zone, which libical builds on first use without a lock; calling this
    /// before starting threads that write UTC times keeps them from racing to build it.
    package static func prepareUTCZone() {
        _ = icaltimezone_get_utc_timezone()
    }
}
