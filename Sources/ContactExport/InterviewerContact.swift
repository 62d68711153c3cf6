import FollowUpPlanning
import FollowUpStore
import FollowUpSupport
import Foundation
import VCardKit

/// One person who interviewed the candidate, however many interviews they sat in: what an
/// address book keeps of them.
public struct InterviewerContact: Sendable, Hashable {
    /// Stays the same from one export to the next, so a phone or a server updates the card
    /// instead of adding a second one: derived from the first address the person was known by.
    public var uid: String
    /// The person as their most recent card describes them, with every address and number
    /// any of their cards gave.
    public var interviewer: Interviewer
    /// The interviews they took part in, oldest first.
    public var interviews: [Meeting]

    public struct Meeting: Sendable, Hashable {
        public var day: CalendarDay
        public var company: String?
        public var role: String?

        /// `2026-12-01, Acme Robotics, Backend Engineer`.
        public var line: String {
            ([day.description] + [company, role].compactMap { $0 }.filter { !$0.isEmpty }).joined(separator: ", ")
        }
    }

    /// The note a card carries: which interviews this person was at.
    public var note: String {
        "Interviewed you:\n" + interviews.map { "- " + $0.line }.joined(separator: "\n")
    }
}

/// Every interviewer of a job search, one contact each, merged by e-mail address.
public enum InterviewerDirectory {
    /// The contacts of `interviews`, in the order each person was first met. Two interviewers
    /// are the same person when they share an e-mail address (case aside); an interviewer
    /// without one is the same person as another with the same name at the same organisation.
    public static func contacts(of interviews: [StoredInterview]) -> [InterviewerContact] {
        var contacts: [InterviewerContact] = []
        var indexByKey: [String: Int] = [:]
        for stored in interviews.sorted(by: { ($0.interview.start, $0.id) < ($1.interview.start, $1.id) }) {
            let meeting = InterviewerContact.Meeting(day: stored.interview.day, company: stored.interview.companyName,
                                                     role: stored.interview.role?.singleLine)
            for interviewer in stored.interview.interviewers {
                let keys = Self.keys(of: interviewer)
                guard let primaryKey = keys.first else { continue }
                if let index = keys.lazy.compactMap({ indexByKey[$0] }).first {
                    contacts[index].interviewer = merged(contacts[index].interviewer, interviewer)
                    if contacts[index].interviews.last != meeting { contacts[index].interviews.append(meeting) }
                    for key in keys { indexByKey[key] = index }
                } else {
                    let uid = "urn:uuid:" + uuid(fromHex: FNV1a.hex128("followup-interviewer\u{1F}" + primaryKey))
                    contacts.append(InterviewerContact(uid: uid, interviewer: interviewer, interviews: [meeting]))
                    for key in keys { indexByKey[key] = contacts.count - 1 }
                }
            }
        }
        return contacts
    }

    /// What identifies a person: each e-mail address, else name and organisation.
    private static func keys(of interviewer: Interviewer) -> [String] {
        let emails = interviewer.emails.map { "mailto:" + $0.value.lowercased() }.filter { $0.count > 7 }
        if !emails.isEmpty { return emails }
        let name = interviewer.name.lowercased()
        guard !name.isEmpty else { return [] }
        return ["name:" + name + "\u{1F}" + (interviewer.organization ?? "").lowercased()]
    }

    /// The newer card's fields win; addresses and numbers of both are kept, each once.
    private static func merged(_ older: Interviewer, _ newer: Interviewer) -> Interviewer {
        var result = newer
        if !newer.hasNameParts {
            // The name's parts go together: a newer entry that has none takes all of the older one's.
            result.givenName = older.givenName
            result.familyName = older.familyName
            result.honorificPrefix = older.honorificPrefix
            result.additionalNames = older.additionalNames
            result.honorificSuffix = older.honorificSuffix
        }
        result.organization = newer.organization ?? older.organization
        result.title = newer.title ?? older.title
        result.timeZone = newer.timeZone ?? older.timeZone
        result.photo = newer.photo ?? older.photo
        for email in older.emails where !result.emails.contains(where: { $0.value.lowercased() == email.value.lowercased() }) {
            result.emails.append(email)
        }
        for phone in older.phones where !result.phones.contains(where: { digits($0.value) == digits(phone.value) }) {
            result.phones.append(phone)
        }
        return result
    }

    private static func digits(_ number: String) -> String { number.filter(\.isNumber) }

    /// 32 hex digits in the 8-4-4-4-12 form of a UUID.
    private static func uuid(fromHex hex: String) -> String {
        let characters = Array(hex)
        let cuts = [8, 4, 4, 4, 12]
        var parts: [String] = []
        var start = 0
        for length in cuts {
            parts.append(String(characters[start..<start + length]))
            start += length
        }
        return parts.joined(separator: "-")
    }
}

extension InterviewerContact {
    /// The contact as a vCard of `version`: FN, N, ORG, TITLE, EMAIL, TEL, TZ, the card's PHOTO,
    /// CATEGORIES:Interviewer, a NOTE naming the interviews, and the UID.
    public func card(version: VCardWriter.Version) -> VCard {
        let person = interviewer
        var properties: [VCardProperty] = [
            .verbatim("PRODID", "-//followup//followup//EN"),
            .text("UID", uid),
            .text("FN", person.name),
            .verbatim("N", nameValue),
        ]
        if version == .v4 { properties.append(.verbatim("KIND", "individual")) }
        if let organization = person.organization { properties.append(.structured("ORG", [organization])) }
        if let title = person.title { properties.append(.text("TITLE", title)) }
        for email in person.emails {
            let parameters = contactParameters(email, version: version, extra: version == .v3 ? ["internet"] : [])
            properties.append(.text("EMAIL", email.value, parameters: parameters))
        }
        for phone in person.phones {
            properties.append(.text("TEL", phone.value, parameters: contactParameters(phone, version: version, extra: [])))
        }
        if let zone = person.timeZone {
            // vCard 3.0's TZ is a UTC offset unless it says it is text; 4.0's is text.
            properties.append(.text("TZ", zone.identifier, parameters: version == .v3 ? [VCardParameter(name: "VALUE", value: "text")] : []))
        }
        if let photo = person.photo {
            // 3.0 (RFC 2426): inline base64 with its image type; 4.0 (RFC 6350): a data: URI.
            let base64 = photo.data.base64EncodedString()
            switch version {
            case .v3:
                let type = VCardPhoto(data: photo.data, mediaType: photo.mediaType).typeWord
                properties.append(.verbatim("PHOTO", base64, parameters: [VCardParameter(name: "ENCODING", value: "b"),
                                                                           VCardParameter(name: "TYPE", value: type)]))
            case .v4:
                properties.append(.verbatim("PHOTO", "data:\(photo.mediaType);base64,\(base64)"))
            }
        }
        properties.append(.text("CATEGORIES", "Interviewer"))
        properties.append(.text("NOTE", note))
        return VCard(version: version.rawValue, properties: properties)
    }

    /// N's five parts (family, given, additional, prefix, suffix) as the card, the spreadsheet or
    /// the invitation gave them; a person stored before the parts were kept, or whose card gave
    /// no family name, has the missing ones read from the name. A part that lists several
    /// ("Richter,James") keeps its commas as `N`'s list separators, each value escaped.
    var nameParts: [String] {
        var person = interviewer
        person.completeNameParts()
        return [person.familyName, person.givenName, person.additionalNames, person.honorificPrefix, person.honorificSuffix]
            .map { $0 ?? "" }
    }

    private var nameValue: String {
        nameParts.map { part in
            part.split(separator: ",", omittingEmptySubsequences: false)
                .map { VCardWriter.escaped($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: ",")
        }.joined(separator: ";")
    }

    /// TYPE (and PREF in 4.0) as each version spells them; 3.0 marks the preferred one with TYPE=pref.
    private func contactParameters(_ contact: ContactDetail, version: VCardWriter.Version, extra: [String]) -> [VCardParameter] {
        var types = extra + contact.types.filter { $0 != "pref" && $0 != "internet" }
        var parameters: [VCardParameter] = []
        switch version {
        case .v3:
            if contact.isPreferred { types.append("pref") }
        case .v4:
            if let preference = contact.preference { parameters.append(VCardParameter(name: "PREF", value: String(preference))) }
            else if contact.types.contains("pref") { parameters.append(VCardParameter(name: "PREF", value: "1")) }
        }
        if !types.isEmpty { parameters.insert(VCardParameter(name: "TYPE", values: types), at: 0) }
        return parameters
    }
}

/// Contacts as one .vcf file: what phones, Google Contacts and Outlook import.
public enum ContactBook {
    public static func text(of contacts: [InterviewerContact], version: VCardWriter.Version) -> String {
        VCardWriter(version: version).text(of: contacts.map { $0.card(version: version) })
    }
}
