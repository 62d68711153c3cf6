import Foundation
import FollowUpPlanning

/// JSON shapes for the parts of an interview that are stored as one column.
struct InstructionsColumn: Codable {
    var decisionBy: String?
    var followUpOn: String?
    var preferredChannel: String?
    var noFollowUp: Bool
    /// The one talking point of stores written before points could be several; read, never written.
    var talkingPoint: String?
    var talkingPoints: [String]?
    var strength: String?

    init(_ instructions: Instructions) {
        decisionBy = instructions.decisionBy?.description
        followUpOn = instructions.followUpOn?.description
        preferredChannel = instructions.preferredChannel?.rawValue
        noFollowUp = instructions.noFollowUp
        talkingPoints = instructions.talkingPoints.isEmpty ? nil : instructions.talkingPoints
        strength = instructions.strength
    }

    var value: Instructions {
        Instructions(decisionBy: decisionBy.flatMap(CalendarDay.init(iso:)), followUpOn: followUpOn.flatMap(CalendarDay.init(iso:)),
                     preferredChannel: preferredChannel.flatMap(Instructions.Channel.init(rawValue:)),
                     noFollowUp: noFollowUp, talkingPoints: talkingPoints ?? talkingPoint.map { [$0] } ?? [], strength: strength)
    }
}

/// The planner's settings as stored. The keys are those of the first store version, which
/// existing files hold: the call's time as hour and minute, its length in minutes.
struct ScheduleColumn: Codable {
    var callHour: Int
    var callMinute: Int
    var callMinutes: Int
    var checkInDelayDays: Int
    var weekdays: [Int]
    var holidays: [String]

    init(_ settings: Planner.Settings) {
        callHour = settings.callTime.hour
        callMinute = settings.callTime.minute
        callMinutes = Int(settings.callDuration.components.seconds / 60)
        checkInDelayDays = settings.checkInDelayDays
        weekdays = settings.workWeek.weekdays.sorted()
        holidays = settings.workWeek.holidays.sorted().map(\.description)
    }

    var value: Planner.Settings {
        Planner.Settings(workWeek: WorkWeek(weekdays: Set(weekdays), holidays: Set(holidays.compactMap(CalendarDay.init(iso:)))),
                         checkInDelayDays: checkInDelayDays, callTime: ClockTime(hour: callHour, minute: callMinute),
                         callDuration: .seconds(callMinutes * 60))
    }
}

struct ContactColumn: Codable {
    var value: String
    var types: [String]
    var preference: Int?
    var label: String?

    init(_ contact: ContactDetail) {
        value = contact.value
        types = contact.types
        preference = contact.preference
        label = contact.label
    }

    var contact: ContactDetail { ContactDetail(value: value, types: types, preference: preference, label: label) }
}

enum JSONColumn {
    /// The value as JSON. These column types hold only strings, numbers and booleans, which
    /// always encode; should one ever fail, the change fails with it rather than store `null`.
    static func encode<T: Encodable>(_ value: T) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw StoreError.cannotEncode("\(T.self)", reason: "\(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("a stored \(type) cannot be read: \(error)")
        }
    }
}

extension InterviewerRow {
    init(_ interviewer: Interviewer, interviewId: String, position: Int) throws(StoreError) {
        self.init(interviewId: interviewId, position: position, name: interviewer.name, givenName: interviewer.givenName,
                  familyName: interviewer.familyName, honorificPrefix: interviewer.honorificPrefix,
                  additionalNames: interviewer.additionalNames, honorificSuffix: interviewer.honorificSuffix,
                  organization: interviewer.organization, title: interviewer.title,
                  emails: try JSONColumn.encode(interviewer.emails.map(ContactColumn.init)),
                  phones: try JSONColumn.encode(interviewer.phones.map(ContactColumn.init)),
                  timeZone: interviewer.timeZone?.identifier, timeZoneSource: interviewer.timeZoneSource,
                  photo: interviewer.photo?.data, photoType: interviewer.photo?.mediaType)
    }

    func interviewer() throws(StoreError) -> Interviewer {
        Interviewer(name: name, givenName: givenName, familyName: familyName, honorificPrefix: honorificPrefix,
                    additionalNames: additionalNames, honorificSuffix: honorificSuffix,
                    organization: organization, title: title,
                    emails: try JSONColumn.decode([ContactColumn].self, emails).map(\.contact),
                    phones: try JSONColumn.decode([ContactColumn].self, phones).map(\.contact),
                    timeZone: timeZone.flatMap(TimeZone.init(identifier:)), timeZoneSource: timeZoneSource,
                    photo: photo.flatMap { data in photoType.map { Photo(data: data, mediaType: $0) } })
    }
}

extension FollowUpRow {
    init(_ followUp: FollowUp, interviewId: String, position: Int, interviewers: [Interviewer], modifiedAt: Date) {
        var day: String?, start: Double?, minutes: Int?, zone: String?
        switch followUp.timing {
        case .day(let value):
            day = value.description
        case .slot(let slotStart, let slotMinutes, let slotZone):
            start = slotStart.timeIntervalSince1970
            minutes = slotMinutes
            zone = slotZone.identifier
        }
        var status = "planned", doneAt: Double?, cancelReason: String?
        switch followUp.status {
        case .planned: break
        case .done(let date): status = "done"; doneAt = date.timeIntervalSince1970
        case .cancelled(let reason): status = "cancelled"; cancelReason = reason
        }
        self.init(id: followUp.id, interviewId: interviewId, position: position, action: followUp.action.rawValue,
                  interviewerPosition: followUp.interviewer.flatMap { interviewers.firstIndex(of: $0) },
                  address: followUp.address, day: day, start: start, minutes: minutes, timeZone: zone,
                  summary: followUp.summary, details: followUp.details,
                  draftSubject: followUp.draft?.subject, draftBody: followUp.draft?.body, draftLink: followUp.draft?.link,
                  rule: followUp.rule, reason: followUp.reason, status: status, doneAt: doneAt, cancelReason: cancelReason,
                  sequence: followUp.sequence, modifiedAt: modifiedAt.timeIntervalSince1970)
    }

    /// The follow-up this row stores. `interviewers` are the interview's, in order; a feed,
    /// which needs none, passes none. `zones` caches time zones by name across rows.
    func followUp(interviewers: [Interviewer], zones: inout [String: TimeZone]) throws(StoreError) -> FollowUp {
        guard let action = FollowUp.Action(rawValue: action) else { throw .corrupt("follow-up \(id) has the unknown action '\(self.action)'") }
        let timing: FollowUp.Timing
        if let day, let value = StoredDay.parse(day) {
            timing = .day(value)
        } else if let start, let minutes, let zoneName = timeZone {
            guard let zone = zones[zoneName] ?? TimeZone(identifier: zoneName) else {
                throw .corrupt("follow-up \(id) has the unknown zone \(zoneName)")
            }
            zones[zoneName] = zone
            timing = .slot(start: Date(timeIntervalSince1970: start), minutes: minutes, timeZone: zone)
        } else {
            throw .corrupt("follow-up \(id) has no date")
        }
        let status: FollowUp.Status
        switch self.status {
        case "done": status = .done(on: Date(timeIntervalSince1970: doneAt ?? modifiedAt))
        case "cancelled": status = .cancelled(reason: cancelReason ?? "cancelled")
        default: status = .planned
        }
        let draft = draftBody.map { Draft(subject: draftSubject, body: $0, link: draftLink) }
        let person = interviewerPosition.flatMap { interviewers.indices.contains($0) ? interviewers[$0] : nil }
        return FollowUp(id: id, action: action, interviewer: person, address: address, timing: timing, summary: summary,
                        details: details, draft: draft, rule: rule, reason: reason, status: status,
                        sequence: sequence, lastModified: Date(timeIntervalSince1970: modifiedAt))
    }
}

extension FollowUpRow {
    func followUp(interviewers: [Interviewer]) throws(StoreError) -> FollowUp {
        var zones: [String: TimeZone] = [:]
        return try followUp(interviewers: interviewers, zones: &zones)
    }
}

/// Days as the store writes them.
enum StoredDay {
    /// `YYYY-MM-DD` read by its digits, without a `Calendar` (a feed reads tens of thousands);
    /// anything else goes the slow, general way.
    static func parse(_ text: String) -> CalendarDay? {
        var digits: (Int, Int, Int) = (0, 0, 0)
        var part = 0
        var count = 0
        for byte in text.utf8 {
            count += 1
            if byte == UInt8(ascii: "-") {
                part += 1
                if part > 2 { return CalendarDay(iso: text) }
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let digit = Int(byte - UInt8(ascii: "0"))
                switch part {
                case 0: digits.0 = digits.0 * 10 + digit
                case 1: digits.1 = digits.1 * 10 + digit
                default: digits.2 = digits.2 * 10 + digit
                }
            } else {
                return CalendarDay(iso: text)
            }
        }
        guard count == 10, part == 2 else { return CalendarDay(iso: text) }
        let day = CalendarDay(year: digits.0, month: digits.1, day: digits.2)
        return day.isValid ? day : nil
    }
}

extension ProfileRow {
    init(_ profile: Profile) throws(StoreError) {
        self.init(name: profile.name, emails: try JSONColumn.encode(profile.emailAddresses), phone: profile.phone,
                  signature: profile.signature)
    }

    func profile() throws(StoreError) -> Profile {
        Profile(name: name, emailAddresses: try JSONColumn.decode([String].self, emails), phone: phone, signature: signature)
    }
}
