import FollowUpPlanning
import VCardKit

/// Cards as a person checks them after scanning.
public enum CardReport {
    public static func text(_ cards: [LoadedCard]) -> String {
        cards.map { loaded in
            let card = loaded.card
            let interviewer = Interviewer(card: card)
            // The interviewer's name, e-mails and company: what the plan will use, cleaned as it
            // will use them (one line, an address without `mailto:`).
            var lines = ["\(loaded.file):\(card.line): \(interviewer.name)"]
            if let title = card.title { lines.append("  title:     \(title.singleLine)") }
            let company = card.organization.map(\.singleLine).filter { !$0.isEmpty }
            if !company.isEmpty { lines.append("  company:   \(company.joined(separator: ", "))") }
            for email in interviewer.emails {
                let mark = email.value == interviewer.preferredEmail ? " (used for e-mail)" : ""
                lines.append("  e-mail:    \(email.value)\(describe(email.types))\(mark)")
            }
            if interviewer.emails.isEmpty { lines.append("  e-mail:    none (no thank-you e-mail can be planned)") }
            for phone in card.phones {
                let mark = phone.value == interviewer.preferredPhone ? " (used for calls)" : ""
                lines.append("  phone:     \(phone.value)\(describe(phone.types))\(mark)")
            }
            if let zone = card.timeZoneText {
                lines.append("  time zone: \(zone)\(card.timeZone == nil ? " (not understood; the interview's zone is used)" : "")")
            }
            lines.append("  vCard:     \(card.version ?? "no VERSION (read as 2.1)")")
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    private static func describe(_ types: [String]) -> String {
        types.isEmpty ? "" : " [\(types.joined(separator: ", "))]"
    }
}
