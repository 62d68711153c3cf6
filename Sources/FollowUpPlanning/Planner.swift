import Foundation

/// Turns an interview into dated follow-ups, following `follow-up-guidance.md`.
///
/// ```swift
/// let plan = Planner().plan(interview)
/// for followUp in plan.followUps { print(followUp.summary, followUp.timing.day) }
/// ```
public struct Planner: Sendable {
    public struct Settings: Sendable, Hashable {
        public var workWeek: WorkWeek
        /// Days after the interview before the check-in (rule 7: about five days to a week).
        public var checkInDelayDays: Int
        public var callHour: Int
        public var callMinute: Int
        public var callMinutes: Int

        public init(workWeek: WorkWeek = .mondayToFriday, checkInDelayDays: Int = 5,
                    callHour: Int = 10, callMinute: Int = 0, callMinutes: Int = 15) {
            self.workWeek = workWeek
            self.checkInDelayDays = checkInDelayDays
            self.callHour = callHour
            self.callMinute = callMinute
            self.callMinutes = callMinutes
        }
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public func plan(_ interview: Interview) -> Plan {
        var followUps: [FollowUp] = []
        var warnings: [String] = []
        let interviewDay = interview.day
        let thankYouDay = settings.workWeek.nextWorkingDay(after: interviewDay)

        // Rules 4 and 6: one personal thank-you per interviewer who has an address.
        var thanked = Set<String>()
        for interviewer in interview.interviewers {
            guard let email = interviewer.preferredEmail else {
                warnings.append("no e-mail on card '\(interviewer.name)': the thank-you cannot be planned; add an EMAIL to the card")
                continue
            }
            // Rule 12: the same person on two cards still gets one e-mail.
            guard thanked.insert(email.lowercased()).inserted else { continue }
            followUps.append(makeFollowUp(.thankYouEmail, to: interviewer, address: email,
                                          timing: .day(thankYouDay), interview: interview, rule: 4))
        }

        // Rules 7, 9, 10, 11: one check-in with the main contact, at a working-day morning in
        // their own zone.
        if interview.interviewers.indices.contains(interview.mainContact) {
            let contact = interview.interviewers[interview.mainContact]
            let day = settings.workWeek.firstWorkingDay(onOrAfter: interviewDay.adding(days: settings.checkInDelayDays))
            if let phone = contact.preferredPhone {
                let zone = contact.timeZone ?? interview.timeZone
                let start = day.at(hour: settings.callHour, minute: settings.callMinute, in: zone)
                followUps.append(makeFollowUp(.checkInCall, to: contact, address: phone,
                                              timing: .slot(start: start, minutes: settings.callMinutes, timeZone: zone),
                                              interview: interview, rule: 7))
            } else if let email = contact.preferredEmail {
                followUps.append(makeFollowUp(.checkInEmail, to: contact, address: email,
                                              timing: .day(day), interview: interview, rule: 9))
            } else {
                warnings.append("no phone or e-mail on card '\(contact.name)': the check-in cannot be planned")
            }
        }
        return Plan(interview: interview, followUps: followUps, warnings: warnings)
    }

    private func makeFollowUp(_ action: FollowUp.Action, to interviewer: Interviewer, address: String,
                              timing: FollowUp.Timing, interview: Interview, rule: Int) -> FollowUp {
        let company = interview.companyName ?? interviewer.organization
        let who = company.map { "\(interviewer.name) (\($0))" } ?? interviewer.name
        let verb: String
        switch action {
        case .thankYouEmail: verb = "Thank-you e-mail to"
        case .checkInCall: verb = "Check-in call to"
        case .checkInEmail: verb = "Check-in e-mail to"
        }
        return FollowUp(
            id: Self.stableID(action: action, interviewer: interviewer, address: address, interview: interview),
            action: action,
            interviewer: interviewer,
            address: address,
            timing: timing,
            summary: "\(verb) \(who)".singleLine,
            details: details(action, interviewer: interviewer, address: address, company: company, interview: interview),
            rule: rule)
    }

    private func details(_ action: FollowUp.Action, interviewer: Interviewer, address: String,
                         company: String?, interview: Interview) -> String {
        var lines: [String] = []
        switch action {
        case .thankYouEmail:
            lines.append("Send \(interviewer.name) a short, personal thank-you e-mail: mention something specific from the conversation, one reason you fit, and that you are interested.")
            lines.append("E-mail: \(address)")
        case .checkInCall:
            lines.append("Call \(interviewer.name): you are still interested, hope to be under consideration, and are happy to provide anything further.")
            lines.append("Phone: \(address)")
        case .checkInEmail:
            lines.append("E-mail \(interviewer.name) to check in: you are still interested, hope to be under consideration, and are happy to provide anything further.")
            lines.append("E-mail: \(address)")
        }
        if let title = interviewer.title, !title.isEmpty { lines.append("Title: \(title)") }
        if let company { lines.append("Company: \(company)") }
        if let role = interview.role, !role.isEmpty { lines.append("Role: \(role.singleLine)") }
        lines.append("Interview: \(Self.describe(interview.start, in: interview.timeZone))")
        return lines.joined(separator: "\n")
    }

    /// "Tue 1 Dec 2026 14:00 (America/Chicago)".
    public static func describe(_ instant: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE d MMM yyyy HH:mm"
        return "\(formatter.string(from: instant)) (\(zone.identifier))"
    }

    /// "Wed 2 Dec 2026".
    public static func describeDay(_ day: CalendarDay) -> String {
        let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][day.weekday - 1]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][day.month - 1]
        return "\(weekday) \(day.day) \(month) \(day.year)"
    }

    /// A key that depends only on what identifies the follow-up (interview, person, action), so
    /// regenerating a plan keeps it; 128 bits of FNV-1a, which needs no crypto library.
    static func stableID(action: FollowUp.Action, interviewer: Interviewer, address: String, interview: Interview) -> String {
        let person = (interviewer.preferredEmail ?? interviewer.name).lowercased()
        let key = [
            String(Int(interview.start.timeIntervalSince1970)),
            (interview.companyName ?? "").lowercased(),
            (interview.role ?? "").lowercased(),
            person,
            action.rawValue,
        ].joined(separator: "\u{1F}")
        return StableHash.hex(key)
    }
}

enum StableHash {
    static func hex(_ text: String) -> String {
        func fnv1a(_ basis: UInt64) -> UInt64 {
            var hash = basis
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            return hash
        }
        let high = fnv1a(0xcbf2_9ce4_8422_2325)
        let low = fnv1a(0x84222325_cbf29ce4)
        return String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
