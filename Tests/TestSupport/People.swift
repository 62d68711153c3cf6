import Foundation
import FollowUpPlanning

/// The people the tests interview with again and again, so that a test target need not build its
/// own Dana and Lee, and so that the values they are known by stay the same across targets.
extension Interviewer {
    /// Dana Díaz of Acme as her business card describes her: a work address, a Chicago phone and
    /// her given name for the greeting. The interviewer most plans, stores and syncs are made for;
    /// a test that needs her elsewhere changes one value with `with`.
    package static let dana = Interviewer.named("Dana Díaz", givenName: "Dana", organization: "Acme",
                                                email: "dana@acme.example", emailTypes: ["work"], phone: "+1 312 555 0142")

    /// Dana Díaz known by her name and address alone, as an invitation names her: enough for a
    /// thank-you and a check-in by e-mail, where a test of the store needs nothing more.
    package static let danaByAddress = Interviewer.named("Dana Díaz", email: "dana@acme.example")

    /// Lee Chen, Dana's colleague on the panel, known by name and address: the second
    /// interviewer, whose thank-you is planned beside Dana's.
    package static let lee = Interviewer.named("Lee Chen", email: "lee@acme.example")

    /// Priya Raman of another company (`beta.example`): someone met at a second interview, not
    /// on Dana's panel.
    package static let priya = Interviewer.named("Priya Raman", email: "priya@beta.example")

    /// An interviewer with the values a test names and nothing else: one e-mail address and one
    /// phone number at most, each with the vCard types given (none by default).
    package static func named(_ name: String, givenName: String? = nil, familyName: String? = nil, honorificPrefix: String? = nil,
                              organization: String? = nil, title: String? = nil,
                              email: String? = nil, emailTypes: [String] = [], phone: String? = nil, phoneTypes: [String] = [],
                              zone: TimeZone? = nil) -> Interviewer {
        Interviewer(name: name, givenName: givenName, familyName: familyName, honorificPrefix: honorificPrefix,
                    organization: organization, title: title,
                    emails: email.map { [ContactDetail(value: $0, types: emailTypes)] } ?? [],
                    phones: phone.map { [ContactDetail(value: $0, types: phoneTypes)] } ?? [],
                    timeZone: zone)
    }

    /// Someone on an Acme panel as the planning tests meet them: at Acme, with a work address made
    /// of the name unless `email` gives one (`priya.raman@acme.example`) and a phone number from
    /// the range kept for fiction (`+1 555 0100`).
    package static func ofAcme(_ name: String, givenName: String? = nil, familyName: String? = nil, honorificPrefix: String? = nil,
                               email: String? = nil, phone: String? = "+1 555 0100", zone: TimeZone? = nil) -> Interviewer {
        let address = email ?? name.lowercased().replacingOccurrences(of: " ", with: ".") + "@acme.example"
        return named(name, givenName: givenName, familyName: familyName, honorificPrefix: honorificPrefix, organization: "Acme",
                     email: address, emailTypes: ["work"], phone: phone, zone: zone)
    }

    /// A copy with `change` made: one of the people above with the one value a test needs
    /// otherwise (`.dana.with { $0.organization = "Acme Robotics" }`).
    package func with(_ change: (inout Interviewer) -> Void) -> Interviewer {
        var copy = self
        change(&copy)
        return copy
    }
}

extension TimeZone {
    /// The zone most interviews are planned in: the user's, and the interviewers' unless a card
    /// says otherwise.
    package static let chicago = TimeZone(identifier: "America/Chicago")!
    /// A zone an hour ahead of Chicago's, for an interviewer who calls from elsewhere.
    package static let newYork = TimeZone(identifier: "America/New_York")!
}
