import FollowUpPlanning
import Foundation

/// Who on an invitation the candidate met: the organizer and the attendees who are people,
/// less the candidate, anyone who declined, rooms and resources, groups and mailing lists, and
/// the no-reply addresses of scheduling services. Each person met gets a thank-you.
public struct InvitationPeople: Sendable, Hashable {
    /// Someone on the invitation, and whether the organizer sent it.
    public struct Person: Sendable, Hashable {
        public var name: String?
        public var email: String
        public var isOrganizer: Bool

        public init(name: String?, email: String, isOrganizer: Bool) {
            self.name = name
            self.email = email
            self.isOrganizer = isOrganizer
        }
    }

    /// Why someone on the invitation gets no thank-you.
    public enum Exclusion: String, Sendable, Hashable {
        case you = "you"
        case declined = "declined"
        case delegated = "delegated the invitation"
        case informationOnly = "invited for information only"
        case room = "a room"
        case resource = "a resource"
        case group = "a group or mailing list"
        case listAddress = "a mailing list, by its address"
        case listName = "a mailing list, by its name"
        case automated = "a scheduling service's or no-reply address"
        case noAddress = "no e-mail address in the invitation"
    }

    /// The people met, organizer first, then the attendees in the invitation's order.
    public var met: [Person]
    /// Someone on the invitation who gets no thank-you, and why.
    public struct LeftOut: Sendable, Hashable {
        public var name: String?
        public var email: String?
        public var why: Exclusion
    }

    /// Everyone else on the invitation, each with why they are left out.
    public var leftOut: [LeftOut]
    /// Whether one of the addresses on the invitation is one of the candidate's.
    public var includesYou: Bool
    /// Every attendee's address, as written: what the "which one is you" error lists.
    public var attendeeAddresses: [String]

    /// Sorts the organizer and attendees of `event`; `me` are the candidate's addresses.
    public init(_ event: InvitationEvent, me: [String]) {
        let mine = Set(me.map { $0.lowercased() })
        var met: [Person] = []
        var leftOut: [LeftOut] = []
        var seen = Set<String>()
        var includesYou = false
        // What the attendee entry says about the organizer too (Google lists the organizer as an
        // attendee, with their answer).
        let answers = Dictionary(event.attendees.compactMap { attendee in attendee.email.map { ($0.lowercased(), attendee) } },
                                 uniquingKeysWith: { first, _ in first })

        func consider(name: String?, email: String?, attendee: Attendee?, isOrganizer: Bool) {
            guard let email = email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
                if attendee?.kind ?? .individual == .individual { leftOut.append(LeftOut(name: name, email: nil, why: .noAddress)) }
                return
            }
            let key = email.lowercased()
            guard seen.insert(key).inserted else { return }
            if mine.contains(key) {
                includesYou = true
                leftOut.append(LeftOut(name: name, email: email, why: .you))
            } else if let why = Self.exclusion(name: name, email: email, attendee: attendee) {
                leftOut.append(LeftOut(name: name, email: email, why: why))
            } else {
                met.append(Person(name: name, email: email, isOrganizer: isOrganizer))
            }
        }

        if let organizer = event.organizer {
            consider(name: organizer.name, email: organizer.email,
                     attendee: organizer.email.flatMap { answers[$0.lowercased()] }, isOrganizer: true)
        }
        for attendee in event.attendees {
            consider(name: attendee.name, email: attendee.email, attendee: attendee, isOrganizer: false)
        }
        self.met = met
        self.leftOut = leftOut
        self.includesYou = includesYou
        attendeeAddresses = event.attendees.compactMap(\.email)
    }

    /// Why `email` (and the attendee entry, when there is one) is no one to thank; nil for a person met.
    static func exclusion(name: String? = nil, email: String, attendee: Attendee?) -> Exclusion? {
        if let attendee {
            switch attendee.kind {
            case .room: return .room
            case .resource: return .resource
            case .group: return .group
            case .individual, .unknown: break
            }
            switch attendee.participation {
            case .declined?: return .declined
            case .delegated?: return .delegated
            default: break
            }
            if attendee.role == .nonParticipant { return .informationOnly }
        }
        let domain = Self.domain(of: email)
        if domain.hasSuffix("resource.calendar.google.com") { return .room }
        if domain.hasSuffix("group.calendar.google.com") || domain.hasSuffix("group.v.calendar.google.com") { return .group }
        if isAutomated(email) { return .automated }
        // Google marks a mailing list `CUTYPE=INDIVIDUAL` like a person, so a list is known only
        // by what it is called.
        if isMailingList(address: email) { return .listAddress }
        if let name, isMailingList(name: name) { return .listName }
        return nil
    }

    /// Whether the address is a mailing list's: a domain whose first label says so (Mailman's
    /// `lists.ozlabs.org`, `lists.infradead.org`, `lists.linux-foundation.org`), or a list host
    /// (`googlegroups.com`, `groups.io`). A company's own list on its main domain (`team@acme.com`)
    /// cannot be told from a person and is thanked.
    public static func isMailingList(address email: String) -> Bool {
        let domain = domain(of: email)
        guard let first = domain.split(separator: ".").first, domain.contains(".") else { return false }
        return listDomainLabels.contains(String(first)) || listHosts.contains { domain == $0 || domain.hasSuffix("." + $0) }
    }

    /// Whether a name is a list's: one of its words is "list" or "mailinglist" ("amd-gfx list",
    /// "Mailing List"), or it begins or ends with "ML" ("ML mesa-dev"). A surname such as
    /// "Lister" or "Mlynar" is a longer word and never matches.
    public static func isMailingList(name: String) -> Bool {
        let words = name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard words.count >= 2 else { return false }
        return words.contains { $0 == "list" || $0 == "mailinglist" } || words.first == "ml" || words.last == "ml"
    }

    /// The first labels of list servers' domains.
    static let listDomainLabels: Set<String> = ["lists", "list", "mailman", "listserv", "ml"]
    /// Domains that host lists for others.
    static let listHosts: Set<String> = ["googlegroups.com", "groups.io", "freelists.org", "lists.sourceforge.net"]

    /// Whether the address is a machine's: a scheduling service's, or a no-reply address
    /// (`no-reply`, `noreply`, `do-not-reply`, `donotreply`, in any spelling, in the local part).
    public static func isAutomated(_ email: String) -> Bool {
        let address = email.lowercased()
        if automatedAddresses.contains(address) { return true }
        let parts = address.split(separator: "@", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let local = parts[0].filter { $0.isLetter || $0.isNumber }
        if local.contains("noreply") || local.contains("donotreply") || local.contains("mailerdaemon") { return true }
        return isSchedulingService(String(parts[1]))
    }

    /// Whether the domain is a scheduling service's, or one of its subdomains.
    static func isSchedulingService(_ domain: String) -> Bool {
        schedulingServiceDomains.contains(domain) || schedulingServiceDomains.contains { domain.hasSuffix("." + $0) }
    }

    /// Scheduling and applicant-tracking services that send invitations on a company's behalf.
    /// Their addresses are nobody to thank, and their domains never name the company. A company
    /// that is itself one of them is named with `--company`.
    public static let schedulingServiceDomains: Set<String> = [
        "calendly.com", "greenhouse.io", "greenhouse-mail.io", "lever.co", "hire.lever.co", "ashbyhq.com",
        "goodtime.io", "doodle.com", "acuityscheduling.com", "youcanbook.me", "smartrecruiters.com",
        "myworkday.com", "workablemail.com", "recruitee.com", "teamtailor-mail.com", "bamboohr.com",
        "calendar.google.com", "calendar-notification.google.com", "jobvite.com", "icims.com",
    ]

    /// Addresses that send invitations for a calendar service, with no no-reply in their name.
    public static let automatedAddresses: Set<String> = [
        "calendar-notification@google.com", "calendar-server@google.com", "notifications@calendly.com",
    ]

    /// Free-mail providers: a person's address there says nothing about their employer.
    public static let freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "icloud.com", "me.com", "mac.com",
        "aol.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com",
        "t-online.de", "freenet.de", "orange.fr", "free.fr", "laposte.net", "libero.it", "yandex.ru", "yandex.com",
        "mail.ru", "qq.com", "163.com", "126.com", "naver.com", "zoho.com", "fastmail.com", "tutanota.com", "hey.com",
    ]

    /// The domain of an address, lower-case; empty when it has none.
    static func domain(of email: String) -> String {
        guard let at = email.lastIndex(of: "@") else { return "" }
        return email[email.index(after: at)...].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". >"))
    }

    /// Whether a domain's addresses say nothing of the company: free mail, scheduling services.
    static func namesNoCompany(_ domain: String) -> Bool {
        let listed = freeMailDomains.contains(domain) || freeMailDomains.contains { domain.hasSuffix("." + $0) }
        return domain.isEmpty || listed || isSchedulingService(domain)
    }
}
