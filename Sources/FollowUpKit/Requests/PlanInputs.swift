import FollowUpPlanning
import FollowUpSupport
import Foundation
import ICalendar
import ICalendarExport

/// The interviewer's instructions as the user types them (`--decision-by 2026-12-09`). A value
/// of `none` is the same as none given, as `InterviewEdit` reads it.
public struct InstructionInput: Sendable {
    public var decisionBy: String?
    public var followUpOn: String?
    /// `email` or `phone`.
    public var prefer: String?
    public var noFollowUp: Bool
    /// Each as typed; `"priya=the migration"` is for the interviewer it names (`TalkingPoint`).
    public var talkingPoints: [String]
    public var strength: String?

    public init(decisionBy: String? = nil, followUpOn: String? = nil, prefer: String? = nil, noFollowUp: Bool = false,
                talkingPoints: [String] = [], strength: String? = nil) {
        self.decisionBy = decisionBy
        self.followUpOn = followUpOn
        self.prefer = prefer
        self.noFollowUp = noFollowUp
        self.talkingPoints = talkingPoints
        self.strength = strength
    }

    func resolved() throws(FollowUpError) -> Instructions {
        func day(_ text: String?, _ option: String) throws(FollowUpError) -> CalendarDay? {
            guard let text = text.nonEmpty, text.lowercased() != "none" else { return nil }
            guard let day = CalendarDay(iso: text) else { throw .invalidValue(option: option, value: text, expected: "a date YYYY-MM-DD") }
            return day
        }
        return Instructions(decisionBy: try day(decisionBy, "--decision-by"), followUpOn: try day(followUpOn, "--follow-up-on"),
                            preferredChannel: try Self.channel(prefer), noFollowUp: noFollowUp,
                            talkingPoints: try Self.texts(talkingPoints, "--talking-point"), strength: try Self.text(strength, "--strength"))
    }

    /// `--prefer` as typed: `email` or `phone` (and their other spellings); nil when absent or
    /// cleared (`none`).
    public static func channel(_ prefer: String?) throws(FollowUpError) -> Instructions.Channel? {
        guard let prefer = prefer.nonEmpty, prefer.lowercased() != "none" else { return nil }
        switch prefer.lowercased() {
        case "email", "e-mail", "mail": return .email
        case "phone", "call", "tel": return .phone
        default: throw .invalidValue(option: "--prefer", value: prefer, expected: "email or phone")
        }
    }

    /// A text option as the plan takes it: nil when absent or cleared (`none`), else within
    /// `InterviewInput.longestText`.
    static func text(_ value: String?, _ option: String) throws(FollowUpError) -> String? {
        guard let value = value.nonEmpty, !InterviewInput.clears(value) else { return nil }
        return try InterviewInput.limited(value, option, InterviewInput.longestText)
    }

    /// A repeated text option: those cleared (`none`, empty) are left out.
    static func texts(_ values: [String], _ option: String) throws(FollowUpError) -> [String] {
        var kept: [String] = []
        for value in values {
            if let text = try text(value, option) { kept.append(text) }
        }
        return kept
    }
}

extension Interview.Format {
    /// `onsite`, `phone` or `video` as typed (`--format`); "in person" and "remote" words too.
    static func parse(_ text: String) throws(FollowUpError) -> Interview.Format {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "onsite", "on-site", "in-person", "in person", "office": return .onsite
        case "phone", "call", "telephone": return .phone
        case "video", "online", "remote", "zoom", "teams", "meet": return .video
        default: throw .invalidValue(option: "--format", value: text, expected: "onsite, phone or video")
        }
    }
}

/// When calls happen and which days count as working days, as the user types them.
public struct ScheduleInput: Sendable {
    /// `HH:MM`; 10:00 when nil.
    public var callAt: String?
    /// 15 when nil.
    public var callMinutes: Int?
    /// `Mon-Fri` when nil.
    public var workdays: String?
    /// An iCalendar file of public holidays.
    public var holidaysFile: String?

    public init(callAt: String? = nil, callMinutes: Int? = nil, workdays: String? = nil, holidaysFile: String? = nil) {
        self.callAt = callAt
        self.callMinutes = callMinutes
        self.workdays = workdays
        self.holidaysFile = holidaysFile
    }

    func settings(throughYear lastYear: Int) throws(FollowUpError) -> Planner.Settings {
        var settings = Planner.Settings()
        if let callAt = callAt.nonEmpty, !InterviewInput.clears(callAt) {
            let parts = callAt.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
                  (0...23).contains(hour), (0...59).contains(minute), parts[1].count == 2 else {
                throw .invalidValue(option: "--call-at", value: callAt, expected: "a time HH:MM such as 10:00")
            }
            settings.callTime = ClockTime(hour: hour, minute: minute)
        }
        if let minutes = callMinutes {
            guard (5...240).contains(minutes) else {
                throw .invalidValue(option: "--call-minutes", value: String(minutes), expected: "a length from 5 to 240 minutes")
            }
            settings.callDuration = .seconds(minutes * 60)
        }
        if let text = workdays.nonEmpty, !InterviewInput.clears(text) {
            guard let week = WorkWeek(weekdays: text) else {
                throw .invalidValue(option: "--workdays", value: text, expected: "weekdays such as Mon-Fri or Sun-Thu or Mon,Tue,Thu")
            }
            settings.workWeek = week
        }
        if let path = holidaysFile.nonEmpty, !InterviewInput.clears(path) {
            settings.workWeek.holidays = try Self.holidays(path, through: lastYear)
        }
        return settings
    }

    static func holidays(_ path: String, through lastYear: Int) throws(FollowUpError) -> Set<CalendarDay> {
        guard FileManager.default.fileExists(atPath: path) else { throw .holidays(path, reason: "the file does not exist") }
        if let kind = FileKind.describe(fileAt: path) { throw .holidays(path, reason: "it is \(kind), not an iCalendar file") }
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path, atMost: InputLimits.holidaysFileBytes)
        } catch .tooLarge(let size, let limit) {
            throw .holidays(path, reason: BoundedFile.Failure.tooLarge(size: size, limit: limit).reason(for: "a holidays file"))
        } catch {
            // Foundation's words for why the file cannot be read, as before.
            do {
                _ = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw .holidays(path, reason: (error as NSError).localizedDescription)
            }
            throw .holidays(path, reason: error.reason(for: "a holidays file"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .holidays(path, reason: "the file is not UTF-8 text") }
        do {
            return try HolidayCalendar.days(in: text, through: lastYear)
        } catch {
            throw .holidays(path, reason: error.description)
        }
    }
}
