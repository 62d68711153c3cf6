import FollowUpSupport
import Foundation

/// Turns an interview into dated follow-ups, following `docs/follow-up-guidance.md`; "rule N" here is its rule N.
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
        /// When the check-in call starts, on the interviewer's clock.
        public var callTime: ClockTime
        /// How long the check-in call lasts.
        public var callDuration: Duration

        public init(workWeek: WorkWeek = .mondayToFriday, checkInDelayDays: Int = 5,
                    callTime: ClockTime = ClockTime(hour: 10, minute: 0), callDuration: Duration = .seconds(15 * 60)) {
            self.workWeek = workWeek
            self.checkInDelayDays = checkInDelayDays
            self.callTime = callTime
            self.callDuration = callDuration
        }
    }

    public var settings: Settings
    /// The candidate, who signs every draft; nil leaves the drafts unsigned.
    public var profile: Profile?

    public init(settings: Settings = Settings(), profile: Profile? = nil) {
        self.settings = settings
        self.profile = profile.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The plan for `interview`. When `now` is given and the interview is still ahead of it,
    /// the plan starts with the checklist for the interview itself (rules 1 and 2).
    public func plan(_ interview: Interview, now: Date? = nil) -> Plan {
        var followUps: [FollowUp] = []
        var warnings: [String] = []
        let instructions = interview.instructions
        let interviewDay = interview.day
        let thankYouDay = settings.workWeek.nextWorkingDay(after: interviewDay)

        let points = instructions.talkingPoints.map { TalkingPoint($0, among: interview.interviewers) }
        for point in points {
            if let name = point.unmatchedName {
                warnings.append("the talking point '\(point.text.singleLine)' names no one interviewer as '\(name)': it goes into every thank-you")
            }
        }
        // Rule 13 covers what the candidate typed wherever it ends up: the thank-yous, and the
        // signature that closes every check-in too.
        let typed = points.map { ("talking point", $0.text) } + [("strength", instructions.strength), ("signature", profile?.signature)]
        for (label, text) in typed {
            guard let text else { continue }
            // One warning per text: "really need this job" also holds "need this job", and
            // each reason is said once.
            var seen = Set<String>()
            let concerns = DraftTone.concerns(in: text).filter { concern in
                seen.insert(String(concern.prefix(while: { $0 != "(" })).trimmingCharacters(in: .whitespaces)).inserted
            }
            if !concerns.isEmpty {
                warnings.append("the \(label) \(concerns.joined(separator: " and ")): "
                                + "a follow-up should never plead, sound desperate or mention other offers (rule 13)")
            }
        }

        if let now, interview.start > now {
            followUps.append(checklist(interview))
        } else if let now, now.timeIntervalSince(interview.start) > Self.longAgo {
            let days = Int(now.timeIntervalSince(interview.start) / 86_400)
            warnings.append("the interview on \(interviewDay) was \(days) days ago: its follow-ups are long overdue; check --at")
        }

        // Rules 4, 6, 14: one personal thank-you e-mail per interviewer who has an address.
        var thanked = Set<String>()
        var thankedByName: [String: String] = [:]
        var sameDrafts: [[String]: [Int]] = [:]
        for (index, interviewer) in interview.interviewers.enumerated() {
            guard let email = interviewer.preferredEmail else {
                warnings.append("no e-mail on card '\(interviewer.name)': the thank-you cannot be planned; add an EMAIL to the card")
                continue
            }
            // Rule 12: the same person on two cards still gets one e-mail.
            guard thanked.insert(email.lowercased()).inserted else { continue }
            if let first = thankedByName[interviewer.name.lowercased()] {
                // Two addresses under one name: taken for one person, which the user could not
                // tell from the plan alone.
                warnings.append("'\(interviewer.name)' is named twice, at \(first) and \(email): taken as one person, "
                                + "thanked once at \(first)")
                continue
            }
            thankedByName[interviewer.name.lowercased()] = email
            let context = Drafts.context(interviewer, interview, profile: profile)
            let ownPoints = points.filter { $0.isFor(index) }.map(\.text)
            sameDrafts[Drafts.thankYouSentences(context, points: ownPoints), default: []].append(index)
            followUps.append(makeFollowUp(
                .thankYouEmail, to: interviewer, address: email, timing: .day(thankYouDay), interview: interview,
                draft: Drafts.thankYou(context, points: ownPoints, to: email), rule: 4,
                reason: "the next working day after the interview"))
        }
        let notices = sameDrafts.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }.map { indices in
            Self.sameDraftsNotice(indices, among: interview.interviewers)
        }

        if instructions.noFollowUp {
            return Plan(interview: interview, followUps: followUps, warnings: warnings, notices: notices)
        }
        guard interview.interviewers.indices.contains(interview.mainContact) else {
            return Plan(interview: interview, followUps: followUps, warnings: warnings, notices: notices)
        }

        // Rules 3, 7, 8: the interviewer's day, else after their decision date, else five days on.
        var checkInDay = settings.workWeek.firstWorkingDay(onOrAfter: interviewDay.adding(days: settings.checkInDelayDays))
        var rule = 7
        var reason = "the first working day at least \(settings.checkInDelayDays) days after the interview"
        if let named = instructions.followUpOn {
            if named > interviewDay {
                checkInDay = named
                rule = 3
                reason = "the day the interviewer named"
            } else {
                warnings.append("--follow-up-on \(named) is not after the interview on \(interviewDay); ignored")
            }
        } else if let decision = instructions.decisionBy {
            if decision >= interviewDay {
                checkInDay = settings.workWeek.nextWorkingDay(after: decision)
                rule = 8
                reason = "the first working day after the decision date \(decision)"
                if checkInDay <= thankYouDay {
                    // Never on the day of the thank-you: one message a day is enough.
                    checkInDay = settings.workWeek.nextWorkingDay(after: thankYouDay)
                    reason += ", after the thank-you"
                }
            } else {
                warnings.append("--decision-by \(decision) is before the interview on \(interviewDay); ignored")
            }
        }

        // Rules 9, 10, 11: one check-in with the main contact, by their channel, in their zone.
        let contact = interview.interviewers[interview.mainContact]
        let context = Drafts.context(contact, interview, profile: profile)
        let phone = contact.preferredPhone
        let wantsEmail = instructions.preferredChannel == .email
        if instructions.preferredChannel == .phone, phone == nil {
            warnings.append("'\(contact.name)' prefers a call, but the card has no phone number: the check-in is an e-mail")
        }
        let email = contact.preferredEmail
        if wantsEmail, email == nil, phone != nil {
            warnings.append("'\(contact.name)' prefers e-mail, but the card has no e-mail address: the check-in is a call")
        }
        if let phone, !wantsEmail || email == nil {
            let zone = contact.timeZone ?? interview.timeZone
            let start = checkInDay.at(hour: settings.callTime.hour, minute: settings.callTime.minute, in: zone)
            let minutes = Int(settings.callDuration.components.seconds / 60)
            if !(8..<18).contains(settings.callTime.hour) {
                warnings.append(String(format: "a call at %02d:%02d is outside working hours in \(zone.readableName) (rule 11)",
                                       settings.callTime.hour, settings.callTime.minute))
            }
            if let warning = CallHours.userWarning(start: start, minutes: minutes, day: checkInDay, callZone: zone, userZone: interview.timeZone) {
                warnings.append(warning)
            }
            let whose: String
            if contact.timeZone == nil {
                whose = "your zone, since the card names none"
            } else if let source = contact.timeZoneSource {
                whose = "the interviewer's zone, from \(source)"
            } else {
                whose = "the interviewer's zone"
            }
            followUps.append(makeFollowUp(
                .checkInCall, to: contact, address: phone,
                timing: .slot(start: start, minutes: minutes, timeZone: zone), interview: interview,
                draft: Drafts.callScript(context, to: phone), rule: rule,
                reason: "\(reason); \(Self.clock(settings.callTime.hour, settings.callTime.minute)) in \(zone.readableName), \(whose)"))
        } else if let email {
            let why = wantsEmail ? "the interviewer prefers e-mail" : "the card has no phone number"
            followUps.append(makeFollowUp(
                .checkInEmail, to: contact, address: email, timing: .day(checkInDay), interview: interview,
                draft: Drafts.checkInEmail(context, to: email), rule: rule == 7 ? 9 : rule,
                reason: "\(reason); by e-mail because \(why)"))
        } else {
            warnings.append("no phone or e-mail on card '\(contact.name)': the check-in cannot be planned")
        }
        return Plan(interview: interview, followUps: followUps, warnings: warnings, notices: notices)
    }

    /// Rule 5: a thank-you is personal. Says whose drafts read the same and how to tell them apart.
    static func sameDraftsNotice(_ indices: [Int], among interviewers: [Interviewer]) -> String {
        let names = indices.map { interviewers[$0].name }
        let options = indices.prefix(3).map { index in
            "--talking-point \"\(TalkingPoint.key(for: index, among: interviewers))=what you discussed\""
        }
        return "the thank-you drafts to \(Phrasing.list(names)) are the same apart from the name; "
            + "make each personal with \(options.joined(separator: " "))"
    }

    private func checklist(_ interview: Interview) -> FollowUp {
        let draft = Drafts.checklist(interview)
        let company = interview.companyName.map { " (\($0))" } ?? ""
        var details = [draft.body]
        if let role = interview.role, !role.isEmpty { details.append("Role: \(role.singleLine)") }
        details.append("Interview: \(Self.describe(interview.start, in: interview.timeZone))")
        // What the candidate needs on the day: where to go, or the link that joins the call.
        if let location = interview.location?.singleLine, !location.isEmpty { details.append("Where: \(location)") }
        if let link = interview.videoLink?.singleLine, !link.isEmpty { details.append("Join: \(link)") }
        return FollowUp(
            id: StableHash.hex(Self.interviewKey(interview) + "\u{1F}checklist"),
            action: .interviewChecklist, interviewer: nil, address: "",
            timing: .slot(start: interview.start, minutes: 15, timeZone: interview.timeZone),
            summary: Self.checklistSummary(interview.format, company: company),
            details: details.joined(separator: "\n"), draft: draft, rule: 1,
            reason: "the interview is still ahead")
    }

    /// What a calendar shows of the checklist: on a call there are no cards to collect, only
    /// addresses to ask for.
    static func checklistSummary(_ format: Interview.Format, company: String) -> String {
        switch format {
        case .onsite: return "At the interview\(company): ask how to follow up, collect cards".singleLine
        case .phone: return "During the phone interview\(company): ask how to follow up and for e-mail addresses".singleLine
        case .video: return "During the video interview\(company): ask how to follow up and for e-mail addresses".singleLine
        }
    }

    private func makeFollowUp(_ action: FollowUp.Action, to interviewer: Interviewer, address: String,
                              timing: FollowUp.Timing, interview: Interview, draft: Draft, rule: Int, reason: String) -> FollowUp {
        let company = interview.companyName ?? interviewer.organization
        let who = company.map { "\(interviewer.name) (\($0))" } ?? interviewer.name
        let verb: String
        switch action {
        case .thankYouEmail: verb = "Thank-you e-mail to"
        case .checkInCall: verb = "Check-in call to"
        case .checkInEmail: verb = "Check-in e-mail to"
        case .interviewChecklist: verb = "At the interview with"
        }
        return FollowUp(
            id: Self.stableID(action: action, interviewer: interviewer, interview: interview),
            action: action,
            interviewer: interviewer,
            address: address,
            timing: timing,
            summary: "\(verb) \(who)".singleLine,
            details: details(action, interviewer: interviewer, address: address, company: company, interview: interview, draft: draft),
            draft: draft,
            rule: rule,
            reason: reason)
    }

    private func details(_ action: FollowUp.Action, interviewer: Interviewer, address: String,
                         company: String?, interview: Interview, draft: Draft) -> String {
        var lines: [String] = []
        switch action {
        case .thankYouEmail:
            lines.append("Send \(interviewer.name) a short, personal thank-you e-mail.")
            lines.append("E-mail: \(address)")
        case .checkInCall:
            lines.append("Call \(interviewer.name) to check in.")
            lines.append("Phone: \(address)")
        case .checkInEmail, .interviewChecklist:
            lines.append("E-mail \(interviewer.name) to check in.")
            lines.append("E-mail: \(address)")
        }
        if let title = interviewer.title, !title.isEmpty { lines.append("Title: \(title)") }
        if let company { lines.append("Company: \(company)") }
        if let role = interview.role, !role.isEmpty { lines.append("Role: \(role.singleLine)") }
        lines.append("Interview: \(Self.describe(interview.start, in: interview.timeZone))")
        lines.append("")
        if let subject = draft.subject {
            lines.append("Draft (subject: \(subject)):")
        } else {
            lines.append("What to say:")
        }
        lines.append(draft.body)
        if let link = draft.link {
            lines.append("")
            lines.append(link)
        }
        return lines.joined(separator: "\n")
    }

    /// An interview further back than this (90 days) is more likely a mistyped year than a
    /// follow-up the user still means to make.
    static let longAgo: TimeInterval = 90 * 86_400

    static func clock(_ hour: Int, _ minute: Int) -> String {
        CalendarDay.zeroPadded(hour, width: 2) + ":" + CalendarDay.zeroPadded(minute, width: 2)
    }

    /// "Tue 1 Dec 2026 14:00 (America/Chicago)".
    public static func describe(_ instant: Date, in zone: TimeZone) -> String {
        let clock = CalendarDay.wallClock(instant, offset: zone.secondsFromGMT(for: instant))
        return "\(describeDay(clock.day)) \(describeClock(secondOfDay: clock.secondOfDay)) (\(zone.readableName))"
    }

    /// "14:05", the hour and minute of a time of day.
    public static func describeClock(secondOfDay: Int) -> String {
        clock(secondOfDay / 3_600, secondOfDay % 3_600 / 60)
    }

    /// "Wed 2 Dec 2026".
    public static func describeDay(_ day: CalendarDay) -> String {
        "\(describeShortDay(day)) \(day.year)"
    }

    /// "Wed 2 Dec", for a day of the last weeks.
    public static func describeShortDay(_ day: CalendarDay) -> String {
        "\(CalendarNames.shortWeekdays[day.weekday - 1]) \(day.day) \(CalendarNames.shortMonths[day.month - 1])"
    }

    /// A key that depends only on what identifies the follow-up (interview, person, action), so
    /// regenerating a plan keeps it; 128 bits of FNV-1a, which needs no crypto library.
    static func stableID(action: FollowUp.Action, interviewer: Interviewer, interview: Interview) -> String {
        let person = (interviewer.preferredEmail ?? interviewer.name).lowercased()
        // A check-in that changes from a call to an e-mail is still the same check-in.
        let step = action == .thankYouEmail ? "thank-you e-mail" : "check-in"
        return StableHash.hex([interviewKey(interview), person, step].joined(separator: "\u{1F}"))
    }

    /// What identifies an interview: when it starts, the company, the role.
    static func interviewKey(_ interview: Interview) -> String {
        if let identity = interview.identity { return "interview:" + identity }
        return interview.naturalKey
    }
}

/// A short, stable fingerprint of text (128-bit FNV-1a), for identifiers that must not change
/// between runs; not for security.
public enum StableHash {
    public static func hex(_ text: String) -> String { FNV1a.hex128(text) }
}
