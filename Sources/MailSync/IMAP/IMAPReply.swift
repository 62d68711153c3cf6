/// What a server answered to one request, read into the parts a sync needs.
struct IMAPReply: Sendable {
    var responses: [IMAPResponse]

    init(parsing bytes: [UInt8], account: String) throws(MailSyncError) {
        var parser = IMAPReplyParser(bytes)
        do {
            responses = try parser.responses()
        } catch {
            guard case .malformed(let reason) = error else { throw .malformedReply(account, reason: "\(error)") }
            throw .malformedReply(account, reason: reason)
        }
    }

    private var untagged: some Sequence<[IMAPValue]> {
        responses.lazy.filter { $0.kind == .untagged }.map(\.values)
    }

    /// The code of every status response (`UIDVALIDITY 3`, `APPENDUID 3 9`), split in words.
    private var codes: [[String]] {
        responses.compactMap { response in
            guard response.values.count > 1, let code = response.values[1].atom, code.hasPrefix("["), code.hasSuffix("]") else { return nil }
            return code.dropFirst().dropLast().split(separator: " ").map(String.init)
        }
    }

    /// The UID a message appended got (`[APPENDUID validity uid]`, RFC 4315).
    var appendedUID: UInt32? {
        codes.last { $0.first?.uppercased() == "APPENDUID" && $0.count == 3 }.flatMap { UInt32($0[2]) }
    }

    /// The selected folder's UIDVALIDITY (from SELECT's code or a STATUS reply).
    var uidValidity: UInt32? {
        if let code = codes.last(where: { $0.first?.uppercased() == "UIDVALIDITY" && $0.count == 2 }) { return UInt32(code[1]) }
        return statusItem("UIDVALIDITY")
    }

    var uidNext: UInt32? {
        if let code = codes.last(where: { $0.first?.uppercased() == "UIDNEXT" && $0.count == 2 }) { return UInt32(code[1]) }
        return statusItem("UIDNEXT")
    }

    /// A number of `* STATUS folder (NAME n ...)`.
    private func statusItem(_ name: String) -> UInt32? {
        for values in untagged where values.first?.atom?.uppercased() == "STATUS" {
            guard let items = values.last?.list else { continue }
            var index = 0
            while index + 1 < items.count {
                if items[index].atom?.uppercased() == name { return items[index + 1].number }
                index += 2
            }
        }
        return nil
    }

    /// The UIDs of `* SEARCH` (and of ESEARCH's `ALL` set, when the server answers that way).
    var searchUIDs: [UInt32] {
        var uids: [UInt32] = []
        for values in untagged where values.first?.atom?.uppercased() == "SEARCH" {
            uids += values.dropFirst().compactMap(\.number)
        }
        return uids
    }

    /// The folders of `* LIST (flags) "sep" name`.
    var folders: [MailFolder] {
        untagged.compactMap { values in
            guard values.count >= 4, values[0].atom?.uppercased() == "LIST", let flags = values[1].list,
                  let name = values[3].text
            else { return nil }
            return MailFolder(name: name, flags: Set(flags.compactMap { $0.atom?.lowercased() }))
        }
    }

    /// Each `* n FETCH (...)`, as its items.
    var fetched: [FetchedMessage] {
        untagged.compactMap { values in
            guard values.count >= 3, values[1].atom?.uppercased() == "FETCH", let items = values[2].list else { return nil }
            return FetchedMessage(items: items)
        }
    }

    /// The text of the last tagged reply in `bytes` (what a NO or BAD said), if any parses.
    static func lastTaggedText(in bytes: [UInt8]) -> String? {
        var parser = IMAPReplyParser(bytes)
        guard let responses = try? parser.responses() else { return nil }
        guard let last = responses.last(where: { if case .tagged = $0.kind { true } else { false } }) else { return nil }
        let word = last.values.first?.atom ?? ""
        return "\(word) \(last.text)".trimmingSpaces
    }
}

/// A folder as LIST names it, with its flags lowercased (`\drafts`, `\sent`, `\noselect`).
struct MailFolder: Sendable, Hashable {
    var name: String
    var flags: Set<String>
}

/// The items of one FETCH response.
struct FetchedMessage: Sendable {
    /// An item's name in capitals, without a new string when the server sent it so.
    private static func upper(_ name: String) -> String {
        name.utf8.contains { $0 >= 97 && $0 <= 122 } ? name.uppercased() : name
    }

    var uid: UInt32?
    var flags: Set<String> = []
    var size: Int?
    var bodyStructure: IMAPValue?
    var envelope: IMAPValue?
    /// The first `BODY[...]` section's bytes (the header fields asked for).
    var section: [UInt8]?

    init(items: [IMAPValue]) {
        var index = 0
        while index + 1 < items.count {
            let key = items[index].atom.map(Self.upper) ?? ""
            let value = items[index + 1]
            switch key {
            case "UID": uid = value.number
            case "FLAGS": flags = Set((value.list ?? []).compactMap { $0.atom?.lowercased() })
            case "RFC822.SIZE": size = value.number.map(Int.init)
            case "BODYSTRUCTURE": bodyStructure = value
            case "ENVELOPE": envelope = value
            default:
                if key.hasPrefix("BODY[") { section = value.bytes }
            }
            index += 2
        }
    }
}
