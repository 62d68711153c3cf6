import Foundation

/// An interview and everything the planner needs to know about it.
public struct Interview: Sendable, Hashable {
    /// How the interview is held: in person, or at a distance, where there are no business
    /// cards to collect and the thank-you is for speaking, not meeting.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case onsite, phone, video

        /// A phone or video interview: the candidate spoke with the interviewers, not met them.
        public var isRemote: Bool { self != .onsite }
    }

    /// When the interview starts.
    public var start: Date
    /// The zone the interview's start was given in; also the zone of interviewers whose card has
    /// none.
    public var timeZone: TimeZone
    public var company: String?
    public var role: String?
    public var interviewers: [Interviewer]
    /// Index into `interviewers` of the main contact who gets the check-in (rule 10 of docs/follow-up-guidance.md).
    public var mainContact: Int
    public var instructions: Instructions
    public var format: Format
    /// A name that identifies the interview for good, such as the store's id. Follow-up ids
    /// derive from it when set, so editing the time or the company keeps every calendar UID.
    public var identity: String?
    /// Where it takes place (a room, an address), as an invitation says; nil when unknown.
    public var location: String?
    /// The link that joins the video call (Teams, Zoom, Meet); nil when there is none.
    public var videoLink: String?

    public init(start: Date, timeZone: TimeZone, company: String? = nil, role: String? = nil,
                interviewers: [Interviewer], mainContact: Int = 0, instructions: Instructions = .init(), format: Format = .onsite,
                location: String? = nil, videoLink: String? = nil) {
        self.start = start
        self.timeZone = timeZone
        self.company = company
        self.role = role
        self.interviewers = interviewers
        self.mainContact = mainContact
        self.instructions = instructions
        self.format = format
        self.location = location
        self.videoLink = videoLink
    }

    /// The calendar day of the interview, in its own zone.
    public var day: CalendarDay { CalendarDay(start, in: timeZone) }

    /// The company to name in summaries: the one given, else the main contact's organisation.
    public var companyName: String? {
        if let company, !company.isEmpty { return company.singleLine }
        return interviewers.indices.contains(mainContact) ? interviewers[mainContact].organization : nil
    }

    /// What makes two interviews the same one: when it starts, the company, the role (case
    /// aside). Follow-up ids derive from it until the interview has an `identity`, and the
    /// store refuses a second interview with the same key.
    public var naturalKey: String {
        [
            String(Int(start.timeIntervalSince1970)),
            (companyName ?? "").lowercased(),
            (role ?? "").lowercased(),
        ].joined(separator: "\u{1F}")
    }

    /// A short, file-name-safe name: `2026-12-01-acme-backend-engineer`.
    public var slug: String {
        let words = [companyName, role].compactMap { $0 }.joined(separator: " ")
        let folded = words.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let parts = folded.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        let tail = parts.joined(separator: "-").prefix(60)
        return tail.isEmpty ? "\(day)-interview" : "\(day)-\(tail)"
    }
}
