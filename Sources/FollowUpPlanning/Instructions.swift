/// What the interviewers said about following up, and what the candidate wants to mention.
/// Rule 3 of docs/follow-up-guidance.md: the interviewer's instructions come before the default timings.
public struct Instructions: Sendable, Hashable {
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        case email, phone
    }

    /// "I'll decide by ...": the check-in waits until the first working day after it (rule 8).
    public var decisionBy: CalendarDay?
    /// "Call me on ...": the check-in is on that day (rule 3).
    public var followUpOn: CalendarDay?
    /// How the interviewer prefers to be contacted for the check-in (rule 9).
    public var preferredChannel: Channel?
    /// The interviewer asked not to be contacted: only the thank-you e-mails are planned.
    public var noFollowUp: Bool
    /// Specific things from the conversation, for the thank-yous (rule 5), as typed: a point
    /// written "priya=the migration" is only for the interviewer it names (`TalkingPoint`).
    public var talkingPoints: [String]
    /// One concrete qualification, for the thank-you (rule 5).
    public var strength: String?

    public init(decisionBy: CalendarDay? = nil, followUpOn: CalendarDay? = nil, preferredChannel: Channel? = nil,
                noFollowUp: Bool = false, talkingPoints: [String] = [], strength: String? = nil) {
        self.decisionBy = decisionBy
        self.followUpOn = followUpOn
        self.preferredChannel = preferredChannel
        self.noFollowUp = noFollowUp
        self.talkingPoints = talkingPoints
        self.strength = strength
    }
}
