extension [Interviewer] {
    /// These interviewers with `newCards` added: a card with an e-mail address of someone
    /// already here replaces their card (an updated card, not a second person); everyone keeps
    /// their place, so the main contact stays who it was.
    public func adding(_ newCards: [Interviewer]) -> [Interviewer] {
        var result = self
        for card in newCards {
            let addresses = Set(card.emails.map { $0.value.lowercased() })
            if let index = result.firstIndex(where: { !addresses.isDisjoint(with: $0.emails.map { $0.value.lowercased() }) }) {
                result[index] = card
            } else {
                result.append(card)
            }
        }
        return result
    }
}
