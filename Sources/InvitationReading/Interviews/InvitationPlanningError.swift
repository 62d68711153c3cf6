import FollowUpPlanning

/// Why an invitation gives no interview to plan: what is missing and where. The words of the
/// command line that would fix it (which option to give) are the caller's to add.
public enum InvitationPlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The invitation holds nothing to plan (only cancellations, every occurrence past).
    case nothingToPlan(file: String, reason: String)
    /// The invitation lists attendees and none is known to be the candidate.
    case noAttendeeIsYou(file: String, attendees: [String])
    /// Nobody on the invitation is a person the candidate met, and no card names one.
    case nobodyToThank(file: String, event: String)
    /// Neither the context, a card nor the addresses of the people met name the company.
    case companyUnknown(file: String, event: String, domains: [String])
    /// The main contact asked for names nobody, or several people.
    case input(InputError)

    public var description: String {
        switch self {
        case .nothingToPlan(let file, let reason):
            "\(file): nothing to plan: \(reason)"
        case .noAttendeeIsYou(let file, let attendees):
            "\(file): none of the attendees is known to be you (\(attendees.joined(separator: ", ")))"
        case .nobodyToThank(let file, let event):
            "\(file): \(event) lists no one you met (only you, rooms, groups, no-reply addresses or people who declined)"
        case .companyUnknown(let file, let event, let domains) where domains.count > 1:
            "\(file): cannot tell the company of \(event): the people you met write from \(domains.joined(separator: ", "))"
        case .companyUnknown(let file, let event, _):
            "\(file): cannot tell the company of \(event) from the invitation"
        case .input(let error):
            error.description
        }
    }
}
