import Foundation
import FollowUpPlanning
import GRDB

extension InterviewStore {
    /// Follows the events of one invitation file, all in one transaction: an event no stored
    /// interview has is added; a newer copy of a stored one moves it and plans it again (its
    /// follow-ups keep their ids and calendar UIDs, done ones stay done); an older or the same
    /// copy changes nothing; a cancellation ends the interview (rule 15) and its open
    /// follow-ups leave the feed. A cancellation of an event that is not stored is an error,
    /// and an error anywhere leaves the store as it was.
    @discardableResult
    public func follow(_ updates: [InvitationUpdate], now: Date,
                       afterChange: ((StoreSnapshot) throws -> Void)? = nil) throws(StoreError) -> [InvitationOutcome] {
        try write(afterChange) { db in
            var outcomes: [InvitationOutcome] = []
            for update in updates {
                outcomes.append(try Self.follow(db, update, now: now))
            }
            return outcomes
        }
    }

    /// The stored interview planned from the event `uid` (and occurrence `recurrenceID`), if any.
    public func interview(invitationUID uid: String, recurrenceID: String? = nil) throws(StoreError) -> StoredInterview? {
        try read { db in try Self.find(db, uid: uid, recurrenceID: recurrenceID) }
    }

    private static func follow(_ db: Database, _ update: InvitationUpdate, now: Date) throws -> InvitationOutcome {
        guard let revision = update.revision,
              let stored = try find(db, uid: revision.uid, recurrenceID: revision.recurrenceID) else {
            switch update.change {
            case .schedule(let interview, let settings):
                let (id, plan) = try insert(db, interview, settings: settings, invitation: update.revision, now: now)
                var added = try resolveInterview(db, id)
                added.planWarnings = plan.warnings
                added.planNotices = plan.notices
                return .added(added)
            case .cancel:
                throw StoreError.cancelledEventNotStored(uid: update.revision?.uid)
            }
        }
        let previous = stored.invitation ?? revision
        if previous.isNewer(than: revision) { return .unchanged(stored, .olderRevision) }
        switch update.change {
        case .cancel:
            guard stored.isOpen else { return .unchanged(stored, .ended) }
            return .cancelled(try end(db, stored, outcome: .cancelled, invitation: revision, now: now))
        case .schedule(let fresh, let settings):
            guard revision.isNewer(than: previous) else { return .unchanged(stored, .sameRevision) }
            guard stored.isOpen else { return .unchanged(stored, .ended) }
            let (interview, kept) = merge(stored, fresh, settings: settings, given: update.given)
            let updated = try Self.update(db, stored, to: interview, settings: kept, invitation: revision, now: now,
                                          event: "updated from the invitation (\(revision))")
            return .updated(updated, previous: previous)
        }
    }

    /// The interview a newer copy describes: its time, zone, place and people from the copy;
    /// what the user set (company, role, instructions, scheduling, main contact) kept unless
    /// the command named it again.
    static func merge(_ stored: StoredInterview, _ fresh: Interview, settings: Planner.Settings,
                      given: InvitationUpdate.Given) -> (Interview, Planner.Settings) {
        var interview = stored.interview
        interview.start = fresh.start
        interview.timeZone = fresh.timeZone
        interview.location = fresh.location
        interview.videoLink = fresh.videoLink
        interview.interviewers = fresh.interviewers
        if given.contains(.company) || interview.company == nil { interview.company = fresh.company }
        if given.contains(.role) || interview.role == nil { interview.role = fresh.role }
        if given.contains(.instructions) { interview.instructions = fresh.instructions }
        // A call link that appears makes it a video interview; otherwise the stored form stays.
        if given.contains(.format) || (fresh.videoLink != nil && stored.interview.videoLink == nil) { interview.format = fresh.format }
        interview.mainContact = fresh.mainContact
        if !given.contains(.mainContact), stored.interview.interviewers.indices.contains(stored.interview.mainContact) {
            // The main contact stays the same person while they are still on the invitation.
            let contact = stored.interview.interviewers[stored.interview.mainContact]
            if let index = fresh.interviewers.firstIndex(where: { samePerson($0, contact) }) { interview.mainContact = index }
        }
        return (interview, given.contains(.schedule) ? settings : stored.settings)
    }

    private static func samePerson(_ one: Interviewer, _ other: Interviewer) -> Bool {
        if let first = one.preferredEmail?.lowercased(), let second = other.preferredEmail?.lowercased() { return first == second }
        return one.name.lowercased() == other.name.lowercased()
    }

    /// The stored interview of the event: the same UID and occurrence; for one occurrence of a
    /// series, else the series planned on that very occurrence.
    static func find(_ db: Database, uid: String, recurrenceID: String?) throws -> StoredInterview? {
        let rows = try InterviewRow.filter(Column("invitationUid") == uid).order(Column("createdAt"), Column("id")).fetchAll(db)
        if let row = rows.first(where: { $0.invitationRecurrenceId == recurrenceID }) { return try stored(row, db) }
        guard let recurrenceID else { return nil }
        guard let series = rows.first(where: {
            $0.invitationRecurrenceId == nil && InvitationRevision.utcText(Date(timeIntervalSince1970: $0.start)) == recurrenceID
        }) else {
            return nil
        }
        return try stored(series, db)
    }

    private static func end(_ db: Database, _ stored: StoredInterview, outcome: Outcome, invitation: InvitationRevision,
                            now: Date) throws -> StoredInterview {
        guard var row = try InterviewRow.fetchOne(db, id: stored.id) else { throw StoreError.missing(.interview, id: stored.id) }
        row.invitation = invitation
        try row.update(db)
        return try cancel(db, stored, outcome: outcome, now: now)
    }
}

extension InterviewRow {
    /// The invitation revision kept in the row's four invitation columns.
    var invitation: InvitationRevision? {
        get {
            guard let uid = invitationUid else { return nil }
            return InvitationRevision(uid: uid, recurrenceID: invitationRecurrenceId, sequence: invitationSequence ?? 0,
                                      stamp: invitationStamp.map(Date.init(timeIntervalSince1970:)))
        }
        set {
            invitationUid = newValue?.uid
            invitationRecurrenceId = newValue?.recurrenceID
            invitationSequence = newValue?.sequence
            invitationStamp = newValue?.stamp?.timeIntervalSince1970
        }
    }
}
