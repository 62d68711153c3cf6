import FollowUpSupport
import FollowUpPlanning
import Foundation
import ICalendar

/// What the candidate tells `followup` beside the invitation: who they are, and what the
/// invitation cannot say (the company when no address names it, the role, the zone of people
/// whose zone nothing gives).
public struct InvitationContext: Sendable {
    /// The candidate's own addresses (`--me`), never thanked.
    public var me: [String]
    /// The addresses of the user's profile (and any others the caller knows), also the
    /// candidate's.
    public var selfAddresses: [String]
    public var company: String?
    public var role: String?
    /// Names the main contact who gets the check-in.
    public var primary: String?
    /// The zone of the people met when neither a card nor the invitation gives one (`--tz`).
    public var peopleZone: TimeZone
    /// The moment of planning: a recurring event is planned on its first occurrence from then.
    public var now: Date
    /// The company of an interview already planned from the event, which a later copy of the
    /// invitation keeps (`add --company` once is enough); nil for an event never planned.
    public var plannedCompany: (@Sendable (InvitationRevision) -> String?)?

    public init(me: [String] = [], selfAddresses: [String] = [], company: String? = nil, role: String? = nil,
                primary: String? = nil, peopleZone: TimeZone, now: Date) {
        self.me = me
        self.selfAddresses = selfAddresses
        self.company = company
        self.role = role
        self.primary = primary
        self.peopleZone = peopleZone
        self.now = now
    }

    var myAddresses: [String] { (me + selfAddresses).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
}

/// One event of an invitation as an interview: who was met, when, where, for which company,
/// and which copy of the organizer's event it comes from. A cancelled event carries only what
/// identifies it.
public struct InvitationInterview: Sendable {
    public var event: InvitationEvent
    /// Nil for a cancellation: there is nothing to plan.
    public var interview: Interview?
    /// Nil for an event without a UID, which no later copy can find.
    public var revision: InvitationRevision?
    public var people: InvitationPeople?
    /// What the candidate should know: a recurring event planned on one occurrence, a card
    /// that names someone who declined.
    public var warnings: [String]
    /// Who on the invitation gets no thank-you, and why (you aside).
    public var notes: [String]

    public var isCancellation: Bool { interview == nil }

    /// `'Interview: Backend Engineer'` (or `the event on line 12` without a summary).
    public var name: String { Self.name(of: event) }

    static func name(of event: InvitationEvent) -> String {
        event.summary.map { "'\($0.singleLine)'" } ?? "the event on line \(event.line)"
    }

    /// The interviews `invitation` holds: one per event (UID), a recurring one on its first
    /// occurrence not before `context.now`, or on the override the file has for it.
    public static func interviews(in invitation: Invitation, cards: [Interviewer],
                                  context: InvitationContext) throws(InvitationPlanningError) -> [InvitationInterview] {
        var result: [InvitationInterview] = []
        var plannedSeries = Set<String>()
        // The recurring events of one file share one bound on libical's work (issue 25).
        let budget = ExpansionBudget.forOneFile()
        let masters = Set(invitation.events.filter { $0.recurrenceID == nil }.compactMap(\.uid))
        for event in invitation.events {
            if let uid = event.uid, event.recurrenceID != nil, masters.contains(uid) {
                // An override of a series the file also holds: planned through the series.
                continue
            }
            if let uid = event.uid, event.recurrenceID == nil {
                guard plannedSeries.insert(uid).inserted else { continue }
            }
            result.append(try interview(from: event, of: invitation, cards: cards, context: context, budget: budget))
        }
        return result
    }

    static func interview(from master: InvitationEvent, of invitation: Invitation, cards: [Interviewer], context: InvitationContext,
                          budget: ExpansionBudget? = nil) throws(InvitationPlanningError) -> InvitationInterview {
        var event = master
        var warnings: [String] = []
        var notes: [String] = []
        let revision = master.uid.map {
            InvitationRevision(uid: $0, recurrenceID: master.recurrenceID?.description, sequence: master.sequence, stamp: master.dtstamp)
        }
        if master.isCancelled || invitation.isCancellation {
            return InvitationInterview(event: master, interview: nil, revision: revision, people: nil, warnings: [], notes: [])
        }
        guard let start = master.start else {
            throw .nothingToPlan(file: invitation.file, reason: "\(name(of: master)) has no start (DTSTART)")
        }
        let zone = zone(of: start, peopleZone: context.peopleZone)
        var instant = start.instant(floatingIn: zone)
        if master.isRecurring {
            let found: EventTime?
            do {
                found = try master.upcomingOccurrence(notBefore: context.now, floatingIn: zone, budget: budget)
            } catch {
                throw .nothingToPlan(file: invitation.file, reason: "\(name(of: master)) repeats by a rule that was given up: \(error)")
            }
            guard let occurrence = found else {
                throw .nothingToPlan(file: invitation.file, reason: "every occurrence of the recurring \(name(of: master)) has passed")
            }
            // The file's own copy of that occurrence, when the organizer moved or renamed it.
            if let override = invitation.events.first(where: { $0.uid == master.uid && $0.recurrenceID == occurrence }),
               let moved = override.start {
                event = override
                instant = moved.instant(floatingIn: zone)
            } else {
                instant = occurrence.instant(floatingIn: zone)
            }
            warnings.append("\(invitation.file): \(name(of: master)) repeats: planned on its first occurrence from now, "
                            + Planner.describe(instant, in: zone))
        }

        let people = InvitationPeople(event, me: context.myAddresses)
        if !event.attendees.isEmpty, !people.includesYou {
            // The people among them: a room or a mailing list is never you.
            let candidates = event.attendees.filter { $0.kind == .individual || $0.kind == .unknown }.compactMap(\.email)
                .filter { !InvitationPeople.isAutomated($0) }
            throw .noAttendeeIsYou(file: invitation.file, attendees: candidates.isEmpty ? event.attendees.compactMap(\.email) : candidates)
        }
        for other in people.leftOut where other.why != .you {
            let who = [other.name, other.email.map { "<\($0)>" }].compactMap { $0 }.joined(separator: " ")
            notes.append("\(invitation.file): no thank-you to \(who): \(other.why.rawValue)")
        }
        var interviewers = people.met.map(Self.interviewer)
        for card in cards {
            let addresses = Set(card.emails.map { $0.value.lowercased() })
            if let index = people.met.firstIndex(where: { addresses.contains($0.email.lowercased()) }) {
                interviewers[index] = merge(card, into: interviewers[index])
            } else if let other = people.leftOut.first(where: { $0.email.map { addresses.contains($0.lowercased()) } ?? false }) {
                if other.why == .you { continue }
                warnings.append("\(invitation.file): the card of \(card.name) names \(other.email ?? ""), who is \(other.why.rawValue) "
                                + "on the invitation; planned as an interviewer because the card was given")
                interviewers.append(card)
            } else {
                interviewers.append(card)
            }
        }
        guard !interviewers.isEmpty else { throw .nobodyToThank(file: invitation.file, event: name(of: event)) }

        var mainContact = people.met.firstIndex(where: \.isOrganizer) ?? 0
        if interviewers.count > Self.maximumPeopleMet {
            // A meeting of thousands is no panel, and planning a thank-you each would take seconds:
            // the organizer and the first others are planned, and the rest said.
            let organizer = interviewers[mainContact]
            let others = interviewers.indices.filter { $0 != mainContact }.prefix(Self.maximumPeopleMet - 1).map { interviewers[$0] }
            warnings.append("\(invitation.file): \(name(of: event)) lists \(interviewers.count) people met; only \(Self.maximumPeopleMet) "
                            + "(\(organizer.name) first) get a follow-up: a meeting this large is no interview panel")
            interviewers = [organizer] + others
            mainContact = 0
        }
        if let primary = context.primary.nonEmpty {
            do { mainContact = try Interviewer.index(of: primary, in: interviewers) } catch { throw .input(error) }
        }
        let company: String
        if let named = context.company.nonEmpty ?? revision.flatMap({ context.plannedCompany?($0) }).nonEmpty
            ?? cards.lazy.compactMap(\.organization).first {
            company = named
        } else {
            company = try companyFromDomains(people, file: invitation.file, event: name(of: event))
        }
        let role = context.role.nonEmpty ?? event.summary.flatMap { RoleInSummary.role(in: $0, company: company) }
        let interview = Interview(start: instant, timeZone: zone, company: company, role: role, interviewers: interviewers,
                                  mainContact: mainContact, location: event.location.nonEmpty,
                                  videoLink: event.conference?.absoluteString)
        return InvitationInterview(event: event, interview: interview, revision: revision, people: people, warnings: warnings,
                                   notes: notes)
    }

    /// The zone the invitation gives the start, else the people's (`--tz`): a UTC time, as Google
    /// sends, or a custom VTIMEZONE that names no IANA zone, says nothing of where people are.
    static func zone(of start: EventTime, peopleZone: TimeZone) -> TimeZone {
        guard let name = start.zone, !["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z"].contains(name),
              let zone = TimeZone(identifier: name) else { return peopleZone }
        return zone
    }

    /// An interviewer from the invitation's name and address alone.
    /// The most people of one invitation planned for; past it the organizer and the first others.
    public static let maximumPeopleMet = 100

    static func interviewer(_ person: InvitationPeople.Person) -> Interviewer {
        let name = PersonName(written: person.name, email: person.email)
        var interviewer = Interviewer(name: name.full, emails: [ContactDetail(value: person.email, types: ["work"])])
        // The name's parts as a card's `N` would give them ("Dr. Katrin Vogel" is greeted "Dr. Vogel");
        // a single word or an address as the name has none.
        if name.given != nil { interviewer.readNameParts() }
        return interviewer
    }

    /// The card's person, who is on the invitation: the card knows more (phone, title, zone,
    /// the name as they spell it); the invitation's address is kept where the card lacks it.
    static func merge(_ card: Interviewer, into person: Interviewer) -> Interviewer {
        var merged = card
        for email in person.emails where !merged.emails.contains(where: { $0.value.lowercased() == email.value.lowercased() }) {
            merged.emails.append(email)
        }
        if merged.name.isEmpty { merged.name = person.name }
        if merged.givenName == nil { merged.givenName = person.givenName }
        return merged
    }

    /// The company the people met write from: the domain most of them share (free mail and
    /// scheduling services never count), as a name: `acme-robotics.com` is "Acme Robotics".
    static func companyFromDomains(_ people: InvitationPeople, file: String, event: String) throws(InvitationPlanningError) -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for person in people.met {
            let domain = InvitationPeople.domain(of: person.email)
            guard !InvitationPeople.namesNoCompany(domain) else { continue }
            let organisation = CompanyDomain.organisationDomain(domain)
            if counts[organisation] == nil { order.append(organisation) }
            counts[organisation, default: 0] += 1
        }
        let most = counts.values.max() ?? 0
        let leaders = order.filter { counts[$0] == most }
        guard leaders.count == 1 else { throw .companyUnknown(file: file, event: event, domains: order) }
        return CompanyDomain.name(leaders[0])
    }
}

/// A person's name as an invitation writes it: `Dana Díaz`, `Díaz, Dana` (Exchange), or only
/// the address (Google writes the address as the CN of people outside the organisation).
struct PersonName {
    var full: String
    var given: String?

    init(written: String?, email: String) {
        var text = (written ?? "").singleLine.trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        if text.contains("@") || text.isEmpty {
            // From the address: `dana.diaz@` is Dana Diaz; `rhanley@` or `mario.kleiner.de@` (is
            // "de" a name or a country?) name no one for sure, so the person is known by the address
            // alone, which no greeting uses.
            let local = email.split(separator: "@").first.map(String.init) ?? email
            let words = local.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" })
            guard words.count == 2, words.allSatisfy({ $0.count > 1 && $0.allSatisfy(\.isLetter) }) else {
                full = email
                given = nil
                return
            }
            text = words.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
        } else if let comma = text.firstIndex(of: ","), text.filter({ $0 == "," }).count == 1 {
            let family = text[..<comma].trimmingCharacters(in: .whitespaces)
            let givenPart = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if !family.isEmpty, !givenPart.isEmpty { text = "\(givenPart) \(family)" }
        }
        full = text
        let words = text.split(separator: " ")
        given = words.count >= 2 ? String(words[0]) : nil
    }
}

/// Companies named by their e-mail domain.
enum CompanyDomain {
    /// Second-level labels under which a country code's domains are registered (`acme.co.uk`).
    static let registrySecondLevels: Set<String> = ["co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go"]

    /// The organisation's own domain: `mail.eu.acme.co.uk` is `acme.co.uk`.
    static func organisationDomain(_ domain: String) -> String {
        let labels = domain.split(separator: ".").map(String.init)
        guard labels.count > 2 else { return domain }
        let countryLevel = labels[labels.count - 1].count == 2 && registrySecondLevels.contains(labels[labels.count - 2])
        return labels.suffix(countryLevel ? 3 : 2).joined(separator: ".")
    }

    /// `acme-robotics.com` is "Acme Robotics".
    static func name(_ domain: String) -> String {
        let label = domain.split(separator: ".").first.map(String.init) ?? domain
        return label.split(whereSeparator: { $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " ")
    }
}

/// The role an event's summary names, when it clearly names one: "Interview: Backend Engineer",
/// "Backend Engineer interview – Acme", "Interview for the Backend Engineer role".
enum RoleInSummary {
    /// Words that say what kind of interview it is, not for which role.
    static let interviewKinds: Set<String> = [
        "phone", "video", "onsite", "on-site", "technical", "final", "first", "second", "third", "1st", "2nd", "3rd",
        "round", "panel", "hr", "screening", "screen", "initial", "intro", "introductory", "follow-up", "job", "teams",
        "zoom", "meet", "virtual", "remote", "online", "coding", "culture", "behavioral", "behavioural", "hiring",
        "manager", "recruiter", "the", "a", "an", "your", "our", "and", "with", "invitation", "updated", "interview",
    ]

    /// Words that name a job in a job title ("Backend Engineer", "Head of Sales"): a summary
    /// whose words around "interview" hold none names no role clearly ("Weekly interview").
    static let roleWords: Set<String> = [
        "engineer", "developer", "programmer", "architect", "designer", "scientist", "analyst", "researcher", "manager",
        "director", "head", "lead", "leader", "officer", "chief", "president", "vp", "cto", "ceo", "cfo", "coo", "cio",
        "consultant", "specialist", "expert", "administrator", "admin", "technician", "operator", "coordinator",
        "associate", "assistant", "intern", "internship", "trainee", "apprentice", "representative", "executive",
        "accountant", "auditor", "controller", "writer", "editor", "translator", "marketer", "recruiter", "partner",
        "advisor", "adviser", "strategist", "planner", "producer", "owner", "agent", "clerk", "secretary", "nurse",
        "physician", "doctor", "pharmacist", "therapist", "teacher", "lecturer", "professor", "tutor", "instructor",
        "coach", "mechanic", "electrician", "chemist", "physicist", "biologist", "mathematician", "statistician",
        "economist", "lawyer", "attorney", "paralegal", "counsel", "buyer", "seller", "salesperson", "cashier",
        "chef", "cook", "barista", "driver", "pilot", "supervisor", "foreman", "inspector", "tester", "sre", "devops",
        "sde", "swe", "qa", "ux", "ui", "pm", "fellow", "postdoc", "student", "graduate", "cashier", "librarian",
        "journalist", "photographer", "artist", "animator", "illustrator", "copywriter", "officer", "steward",
    ]

    /// The role, or nil. `company` is no role ("Acme interview"), nor is a summary that only
    /// says what kind of interview it is ("Phone interview").
    static func role(in summary: String, company: String? = nil) -> String? {
        let text = summary.singleLine
        let folded = text.lowercased()
        guard let found = folded.range(of: "interview") else { return nil }
        let offset = folded.distance(from: folded.startIndex, to: found.lowerBound)
        let index = text.index(text.startIndex, offsetBy: offset)
        let after = text.index(index, offsetBy: "interview".count)
        // "interviews"/"interviewer" are other words; "interview" must stand alone.
        if after < text.endIndex, text[after].isLetter { return nil }

        let before = clean(String(text[..<index]), keepingEnd: true)
        var rest = Substring(text[after...])
        rest = rest.drop(while: { " :–—-|".contains($0) })
        if rest.lowercased().hasPrefix("for ") { rest = rest.dropFirst(4) }
        // "Interview with Dana", "Interview at Acme": a person or a place, not a role.
        let namesSomeoneElse = ["with ", "at ", "@ "].contains { rest.lowercased().hasPrefix($0) }
        let following = namesSomeoneElse ? nil : clean(String(rest), keepingEnd: false)
        for candidate in [before, following] {
            guard var role = candidate else { continue }
            if let company, role.lowercased().hasPrefix(company.lowercased()) {
                var tail = role.dropFirst(company.count).drop(while: { " :–—-|'’".contains($0) })
                if tail.hasPrefix("s ") { tail = tail.dropFirst(2) }  // "Acme's"
                role = String(tail)
            }
            for suffix in [" role", " position"] where role.lowercased().hasSuffix(suffix) {
                role = String(role.dropLast(suffix.count))
            }
            if role.lowercased().hasPrefix("the ") { role = String(role.dropFirst(4)) }
            let words = role.lowercased().split(separator: " ").map(String.init)
            if words.isEmpty || words.count > 6 || words.allSatisfy(interviewKinds.contains) { continue }
            // "Clearly names one": a job title ends in, or holds, a word that names a job.
            guard words.contains(where: { roleWords.contains($0.trimmingCharacters(in: .punctuationCharacters)) }) else { continue }
            return role
        }
        return nil
    }

    /// The part of the summary on one side of "interview", up to the next separator: the role
    /// is beside the word, the company or a name further away ("– Acme", "with Dana").
    private static func clean(_ part: String, keepingEnd: Bool) -> String? {
        let separators = [" – ", " — ", " - ", " | ", ": ", " / ", "(", ")", " at ", " with ", " @ ", ","]
        var text = part
        for separator in separators {
            if keepingEnd {
                if let range = text.range(of: separator, options: .backwards) { text = String(text[range.upperBound...]) }
            } else if let range = text.range(of: separator) {
                text = String(text[..<range.lowerBound])
            }
        }
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " :–—-|"))
        return trimmed.isEmpty ? nil : trimmed
    }
}
