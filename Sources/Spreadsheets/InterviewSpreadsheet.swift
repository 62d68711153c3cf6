import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation

/// Interviews as job seekers track them in a spreadsheet, one row per interviewer, read from
/// and written to CSV (docs/import-export.md).
///
/// Columns are found by their header name, in any order and any case; other columns are
/// ignored. Consecutive rows with the same company, role, date, time and zone are one
/// interview with several interviewers (a panel). Every row is checked before anything is
/// stored: the first wrong one is an error naming its line and column.
public enum InterviewSpreadsheet {
    /// Every column `export` writes, in its order: the name's parts come last, so that a file
    /// written before they existed reads the same.
    public static let columns = ["company", "role", "date", "time", "timezone", "name", "email", "phone", "title",
                                 "decision_by", "follow_up_on", "prefer", "outcome"] + nameColumns
    /// The parts of `name` as a vCard's `N` keeps them; read from `name` when a file has none of them.
    static let nameColumns = ["honorific_prefix", "given_name", "additional_names", "family_name", "honorific_suffix"]
    /// Columns a file must have (the others may be left out).
    static let requiredColumns = Array(columns.prefix(9))
    /// Columns `import` reads and `export` does not write: where the interviewer is, which the
    /// store keeps as their zone (the `city` names it as a card's address does).
    static let readOnlyColumns = ["city"]

    /// The interviews of a CSV file, in the order of its rows. `file` names it in errors.
    public static func interviews(csv bytes: [UInt8], file: String) throws(SpreadsheetError) -> [NewInterview] {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: bytes)
        } catch {
            throw .row(file, line: error.line, column: error.column, name: nil, reason: error.reason)
        }
        guard let header = table.records.first else { throw .file(file, reason: "it is empty; the first line must name the columns") }
        var position: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty, columns.contains(key) || readOnlyColumns.contains(key) else { continue }
            if position[key] != nil {
                throw .row(file, line: header.line, column: index + 1, name: key, reason: "the column '\(key)' appears twice")
            }
            position[key] = index
        }
        let missing = requiredColumns.filter { position[$0] == nil }
        guard missing.isEmpty else {
            throw .row(file, line: header.line, column: 0, name: nil,
                             reason: "the header has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")); "
                                 + "it needs \(requiredColumns.joined(separator: ", "))")
        }
        var reader = RowReader(file: file, header: header.fields, position: position)
        var interviews: [NewInterview] = []
        var panel: Panel?
        for record in table.records.dropFirst() {
            let row = try reader.read(record)
            if var current = panel, current.key == row.key {
                try current.add(row, file: file, position: position)
                panel = current
            } else {
                if let finished = panel { interviews.append(finished.interview) }
                panel = Panel(row)
            }
        }
        if let finished = panel { interviews.append(finished.interview) }
        return interviews
    }

    /// The interviews as CSV with every column, one row per interviewer, for a spreadsheet.
    /// What a spreadsheet has no column for (follow-up states, talking points) is only in
    /// the JSON export.
    public static func csv(_ interviews: [StoredInterview]) -> String {
        var text = CSVWriter.line(columns)
        for stored in interviews {
            let interview = stored.interview
            let calendar = Calendar.gregorian(in: interview.timeZone)
            let clock = calendar.dateComponents([.hour, .minute], from: interview.start)
            let said = interview.instructions
            // The company a card's ORG gave, when the interview names none: what `list` and the drafts show.
            let company = interview.companyName ?? ""
            for person in interview.interviewers {
                var parts = person
                parts.completeNameParts()
                text += CSVWriter.line([
                    company, interview.role ?? "", interview.day.description,
                    String(format: "%02d:%02d", clock.hour ?? 0, clock.minute ?? 0), interview.timeZone.identifier,
                    person.name, Self.email(of: person) ?? "", person.preferredPhone ?? "", person.title ?? "",
                    said.decisionBy?.description ?? "", said.followUpOn?.description ?? "",
                    said.preferredChannel?.rawValue ?? "", stored.outcome?.rawValue ?? "",
                    parts.honorificPrefix ?? "", parts.givenName ?? "", parts.additionalNames ?? "", parts.familyName ?? "",
                    parts.honorificSuffix ?? "",
                ])
            }
        }
        return text
    }

    /// The address the `email` column carries: the preferred one of those `import` reads back
    /// (a card may hold a value that is no address, "siehe Website", which `add` keeps).
    static func email(of person: Interviewer) -> String? {
        let addresses = person.emails.filter { isEmailAddress($0.value) }
        return addresses.isEmpty ? nil : Interviewer.preferred(addresses)?.value
    }

    /// What the `email` column accepts: one `@` with text on both sides, a dot in the domain, no spaces.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }

    /// One row read and checked.
    struct Row {
        var line: Int
        var key: [String]
        var start: Date
        var zone: TimeZone
        var company: String?
        var role: String?
        var interviewer: Interviewer
        var decisionBy: CalendarDay?
        var followUpOn: CalendarDay?
        var prefer: Instructions.Channel?
        var outcome: Outcome?
    }

    /// Reads rows by the header's columns, caching zones by name (a long file names a few).
    struct RowReader {
        let file: String
        let header: [String]
        let position: [String: Int]
        var zones: [String: TimeZone] = [:]

        init(file: String, header: [String], position: [String: Int]) {
            self.file = file
            self.header = header
            self.position = position
        }

        mutating func read(_ record: CSVTable.Record) throws(SpreadsheetError) -> Row {
            let fields = record.fields
            if fields.count < header.count {
                throw .row(file, line: record.line, column: fields.count + 1, name: columnName(fields.count),
                                 reason: "the row has \(fields.count) fields, the header \(header.count); is a comma or quote missing?")
            }
            if let extra = fields.indices.dropFirst(header.count).first(where: { !fields[$0].isEmpty }) {
                throw .row(file, line: record.line, column: extra + 1, name: nil,
                                 reason: "the row has more fields than the header names (\(header.count)); is a comma in a field not quoted?")
            }
            func value(_ column: String) -> String {
                guard let index = position[column] else { return "" }
                // Most fields have nothing to trim; Foundation's trimming goes through NSString.
                let field = fields[index]
                return beginsAndEndsVisibly(field) ? field : field.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func fail(_ column: String, _ reason: String) -> SpreadsheetError {
                .row(file, line: record.line, column: (position[column] ?? 0) + 1, name: column, reason: reason)
            }
            func required(_ column: String) throws(SpreadsheetError) -> String {
                let text = value(column)
                guard !text.isEmpty else { throw fail(column, "is empty; every row needs a \(column)") }
                return text
            }
            func day(_ column: String, _ text: String) throws(SpreadsheetError) -> CalendarDay? {
                guard !text.isEmpty else { return nil }
                guard text.count == 10, let day = CalendarDay(iso: text), day.isValid else {
                    throw fail(column, "'\(text)' is not a date; expected YYYY-MM-DD, for example 2026-12-01")
                }
                // A date the store could not hold would damage it for every later command.
                guard StoredValueLimits.contains(day) else {
                    throw fail(column, "'\(text)' is not in \(StoredValueLimits.yearsDescription)")
                }
                return day
            }

            let dateText = try required("date")
            guard let date = try day("date", dateText) else { throw fail("date", "is empty; every row needs a date") }
            let timeText = try required("time")
            let clock = timeText.split(separator: ":", omittingEmptySubsequences: false)
            guard clock.count == 2, (1...2).contains(clock[0].count), clock[1].count == 2,
                  clock[0].allSatisfy(\.isASCII), clock[1].allSatisfy(\.isASCII),
                  let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute) else {
                throw fail("time", "'\(timeText)' is not a time of day; expected HH:MM, for example 14:00")
            }
            let zoneName = try required("timezone")
            let zone: TimeZone
            if let known = zones[zoneName] {
                zone = known
            } else {
                do {
                    zone = try ZoneLookup.timeZone(named: zoneName)
                } catch {
                    throw fail("timezone", error.description)
                }
                zones[zoneName] = zone
            }
            let start: Date
            do {
                start = try Interview.start(parsing: "\(date) \(String(format: "%02d:%02d", hour, minute))", in: zone)
            } catch {
                throw fail("time", "\(timeText) on \(date) does not exist in \(zone.identifier): the clocks skip that hour")
            }
            let name = try required("name")
            let email = value("email")
            if !email.isEmpty, !InterviewSpreadsheet.isEmailAddress(email) {
                throw fail("email", "'\(email)' is not an e-mail address")
            }
            let phone = value("phone")
            if !phone.isEmpty, !phone.contains(where: \.isNumber) {
                throw fail("phone", "'\(phone)' is not a phone number")
            }
            let preferText = value("prefer").lowercased()
            var prefer: Instructions.Channel?
            switch preferText {
            case "": break
            case "email", "e-mail", "mail": prefer = .email
            case "phone", "call", "tel": prefer = .phone
            default: throw fail("prefer", "'\(value("prefer"))' is not a channel; expected email or phone, or nothing")
            }
            let outcomeText = value("outcome").lowercased()
            var outcome: Outcome?
            if !outcomeText.isEmpty {
                guard let known = Outcome(rawValue: outcomeText) else {
                    throw fail("outcome", "'\(value("outcome"))' is not an outcome; "
                                          + "expected offer, rejected or withdrawn, or nothing while the interview is open")
                }
                outcome = known
            }
            let company = value("company"), role = value("role")
            var interviewer = Interviewer(name: name, organization: company.isEmpty ? nil : company,
                                          title: value("title").isEmpty ? nil : value("title"),
                                          emails: email.isEmpty ? [] : [ContactDetail(value: email, types: ["work"])],
                                          phones: phone.isEmpty ? [] : [ContactDetail(value: phone, types: ["work"])])
            let parts = InterviewSpreadsheet.nameColumns.map { value($0) }
            if parts.allSatisfy(\.isEmpty) {
                interviewer.readNameParts()
            } else {
                func part(_ index: Int) -> String? { parts[index].isEmpty ? nil : parts[index] }
                interviewer.honorificPrefix = part(0)
                interviewer.givenName = part(1)
                interviewer.additionalNames = part(2)
                interviewer.familyName = part(3)
                interviewer.honorificSuffix = part(4)
            }
            if let hint = Self.zoneHint(phone: phone, city: value("city")) {
                interviewer.timeZone = hint.zone
                interviewer.timeZoneSource = hint.source
            }
            return Row(line: record.line, key: [company.lowercased(), role.lowercased(), "\(start.timeIntervalSince1970)", zone.identifier],
                       start: start, zone: zone, company: company.isEmpty ? nil : company, role: role.isEmpty ? nil : role,
                       interviewer: interviewer, decisionBy: try day("decision_by", value("decision_by")),
                       followUpOn: try day("follow_up_on", value("follow_up_on")), prefer: prefer, outcome: outcome)
        }

        /// Where the interviewer is, named the way a card names it: by the city, when a column
        /// gives one, and the phone number's prefix; nil when they name none or disagree.
        static func zoneHint(phone: String, city: String) -> (zone: TimeZone, source: String)? {
            var hints: [(zone: TimeZone, source: String)] = []
            if !city.isEmpty, let zone = ZoneLookup.zone(forCity: city) { hints.append((zone, "the spreadsheet's city (\(city))")) }
            if !phone.isEmpty, let found = ZoneLookup.zone(forPhone: phone) {
                hints.append((found.zone, "the spreadsheet's phone number (\(found.prefix))"))
            }
            guard let first = hints.first, hints.allSatisfy({ $0.zone.identifier == first.zone.identifier }) else { return nil }
            return first
        }

        private func columnName(_ index: Int) -> String? {
            guard header.indices.contains(index) else { return nil }
            let name = header[index].trimmingCharacters(in: .whitespaces).lowercased()
            return name.isEmpty ? nil : name
        }
    }

    /// Consecutive rows of one interview. What concerns the whole interview (dates, channel,
    /// outcome) may be given on any of its rows, but rows that give it must agree.
    struct Panel {
        var first: Row
        var interviewers: [Interviewer]

        init(_ row: Row) {
            first = row
            interviewers = [row.interviewer]
        }

        var key: [String] { first.key }

        mutating func add(_ row: Row, file: String, position: [String: Int]) throws(SpreadsheetError) {
            func agree<T: Equatable>(_ column: String, _ mine: inout T?, _ theirs: T?) throws(SpreadsheetError) {
                guard let theirs else { return }
                if let mine, mine != theirs {
                    throw .row(file, line: row.line, column: (position[column] ?? -1) + 1, name: column,
                                     reason: "'\(theirs)' differs from an earlier row of the same interview, which starts on line \(first.line) "
                                         + "(rows with the same company, role, date, time and zone are one interview)")
                }
                mine = theirs
            }
            try agree("decision_by", &first.decisionBy, row.decisionBy)
            try agree("follow_up_on", &first.followUpOn, row.followUpOn)
            try agree("prefer", &first.prefer, row.prefer)
            try agree("outcome", &first.outcome, row.outcome)
            interviewers.append(row.interviewer)
        }

        var interview: NewInterview {
            let instructions = Instructions(decisionBy: first.decisionBy, followUpOn: first.followUpOn, preferredChannel: first.prefer)
            let interview = Interview(start: first.start, timeZone: first.zone, company: first.company, role: first.role,
                                      interviewers: interviewers, mainContact: 0, instructions: instructions)
            return NewInterview(interview: interview, settings: Planner.Settings(), outcome: first.outcome)
        }
    }
}
