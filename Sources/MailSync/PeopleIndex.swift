import FollowUpPlanning
import FollowUpStore
import Foundation

/// The people of the open interviews by e-mail address, and what a message from or to one of
/// them means for their follow-ups.
struct PeopleIndex {
    struct Person {
        var interview: StoredInterview
        var interviewer: Interviewer
        var isMainContact: Bool
    }

    /// The working days a replied-to check-in waits, at least.
    static let daysAfterReply = 5

    private var byAddress: [String: [Person]] = [:]
    private let me: Set<String>
    /// Follow-ups this sync already marked or moved, so a second message does not count twice.
    private var settled: Set<String> = []

    init(interviews: [StoredInterview], me: Set<String>) {
        self.me = me
        for stored in interviews where stored.isOpen {
            for (index, interviewer) in stored.interview.interviewers.enumerated() {
                let person = Person(interview: stored, interviewer: interviewer, isMainContact: index == stored.interview.mainContact)
                for email in Set(interviewer.emails.map { $0.value.lowercased() }) {
                    byAddress[email, default: []].append(person)
                }
            }
        }
    }

    /// A message in the inbox from someone met, after the interview: a reply. One from the main
    /// contact moves the check-in to the first working day `daysAfterReply` days after it, never
    /// earlier than it was: nobody who just wrote gets chased.
    mutating func reply(in headers: MessageHeaders, findings: inout InterviewStore.MailFindings, now: Date) {
        guard let from = headers.from.first, !me.contains(from.address), let date = headers.date,
              let messageID = headers.messageID ?? headers.date.map({ "date-\(Int($0.timeIntervalSince1970))-\(from.address)" })
        else { return }
        for person in byAddress[from.address] ?? [] where date > person.interview.interview.start {
            let name = person.interviewer.name.isEmpty ? from.name : person.interviewer.name
            findings.replies.append(InterviewReply(interviewID: person.interview.id, address: from.address, name: name, sentAt: date,
                                                   messageID: messageID))
            guard person.isMainContact else { continue }
            let zone = person.interview.interview.timeZone
            let week = person.interview.settings.workWeek
            let earliest = week.firstWorkingDay(onOrAfter: CalendarDay(date, in: zone).adding(days: Self.daysAfterReply))
            for followUp in person.interview.followUps where Self.isCheckIn(followUp) && followUp.status == .planned
                && !settled.contains(followUp.id) && followUp.timing.day < earliest {
                settled.insert(followUp.id)
                findings.moved.append((followUp.id, earliest,
                                       "\(name ?? from.address) replied on \(MailSyncReport.day(date)): \(followUp.summary) moved to \(earliest)"))
            }
        }
    }

    /// A message the user sent to someone met, after the interview: their thank-you is done;
    /// one to the main contact once the check-in e-mail is due does the check-in. Calls cannot
    /// be seen, and are left alone.
    mutating func sent(_ headers: MessageHeaders, findings: inout InterviewStore.MailFindings) {
        guard let date = headers.date else { return }
        for recipient in headers.recipients {
            for person in byAddress[recipient.address] ?? [] where date > person.interview.interview.start {
                let zone = person.interview.interview.timeZone
                var thanked = false
                for followUp in person.interview.followUps where followUp.action == .thankYouEmail && followUp.status == .planned
                    && followUp.address.lowercased() == recipient.address && !settled.contains(followUp.id) {
                    settled.insert(followUp.id)
                    thanked = true
                    findings.done.append((followUp.id, date, "done (sent \(MailSyncReport.day(date))): \(followUp.summary)"))
                }
                guard person.isMainContact, !thanked else { continue }
                for followUp in person.interview.followUps where followUp.action == .checkInEmail && followUp.status == .planned
                    && !settled.contains(followUp.id) && CalendarDay(date, in: zone) >= followUp.timing.day {
                    settled.insert(followUp.id)
                    findings.done.append((followUp.id, date, "done (sent \(MailSyncReport.day(date))): \(followUp.summary)"))
                }
            }
        }
    }

    private static func isCheckIn(_ followUp: FollowUp) -> Bool {
        followUp.action == .checkInEmail || followUp.action == .checkInCall
    }
}
