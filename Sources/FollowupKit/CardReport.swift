import FollowUpPlanning
import VCardKit

/// Cards as a person checks them after scanning.
public enum CardReport {
    public static func text(_ cards: [LoadedCard]) -> String {
        cards.map { loaded in
            let card = loaded.card
            let interviewer = Interviewer(card: card)
            var lines = ["\(loaded.file):\(card.line): \(card.displayName)"]
            if let title = card.title { lines.append("  title:     \(title.singleLine)") }
            if !card.organization.isEmpty { lines.append("  company:   \(card.organization.filter { !$0.isEmpty }.joined(separator: ", "))") }
            for email in card.emails {
                let mark = email.value == interviewer.preferredEmail ? " (used for e-mail)" : ""
                lines.append("  e-mail:    \(email.value)\(describe(email.types))\(mark)")
            }
            if card.emails.isEmpty { lines.append("  e-mail:    none (no thank-you e-mail can be planned)") }
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
