import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The bulk of a sync, the envelopes of thousands of messages, on a connection curl opened,
/// secured and logged in (`CURLOPT_CONNECT_ONLY`): the FETCH is written and its reply read
/// with `curl_easy_send` and `curl_easy_recv`. Through curl's own command path a reply is
/// handed to its header callback, which Debian 12's libcurl 7.88.1 (with the fix of
/// CVE-2023-38039) counts against 300 KiB at a cost that grows with the square of the reply's
/// lines: about 25 messages' envelopes a request, where this reads 2,000.
extension IMAPSession {
    /// A session for `stream(_:in:)`: connected and logged in now, so a wrong password or an
    /// untrusted certificate fails here, as it does for any request.
    static func streaming(server: MailServer, user: String, password: String?) throws(MailSyncError) -> IMAPSession {
        let session = try IMAPSession(server: server, user: user, password: password)
        try session.set(CURLOPT_CONNECT_ONLY, 1)
        try session.open()
        return session
    }

    private func open() throws(MailSyncError) {
        let code = followup_curl_set_string(handle, CURLOPT_URL, server.url())
        guard code == CURLE_OK else { throw failure(code, waitingFor: "the connection") }
        let connected = curl_easy_perform(handle)
        guard connected == CURLE_OK else { throw failure(connected, waitingFor: "the connection") }
    }

    /// Sends `command` with `folder` examined first (read-only: nothing read here changes a
    /// flag), and returns the replies up to the command's own tagged one.
    func stream(_ command: String, in folder: String) throws(MailSyncError) -> IMAPReply {
        try receive(try send(command, in: folder))
    }

    /// Sends `command` without waiting for its reply, so the server works on it while this
    /// process reads the one before (commands are answered in the order they are sent). Returns
    /// its tag, for `receive`.
    func send(_ command: String, in folder: String) throws(MailSyncError) -> String {
        if streamedFolder != folder {
            _ = try receive(try send(command: "EXAMINE \(MailSync.quoted(folder))"))
            streamedFolder = folder
        }
        return try send(command: command)
    }

    private func send(command: String) throws(MailSyncError) -> String {
        let tag = "s\(nextTag)"
        nextTag += 1
        try write(Array("\(tag) \(command)\r\n".utf8), waitingFor: command)
        outstanding.append((tag, command))
        return tag
    }

    /// Ends the session as IMAP asks (curl does so for its own requests when it cleans up).
    func logOut() {
        _ = try? receive(try send(command: "LOGOUT"))
    }

    /// The reply to the command sent with `tag`; the replies before it are read and kept.
    func receive(_ tag: String) throws(MailSyncError) -> IMAPReply {
        while answered[tag] == nil {
            guard !outstanding.isEmpty else { throw .connection(server.account, reason: "no command \(tag) was sent") }
            let first = outstanding.removeFirst()
            answered[first.tag] = (first.command, try readReply(tag: Array(first.tag.utf8), waitingFor: first.command))
        }
        let (command, bytes) = answered.removeValue(forKey: tag) ?? ("", [])
        let reply = try IMAPReply(parsing: bytes, account: server.account)
        guard case .tagged = reply.responses.last?.kind, reply.responses.last?.values.first?.atom?.uppercased() == "OK" else {
            throw .refused(server.account, command: command, reply: IMAPReply.lastTaggedText(in: bytes) ?? "no answer")
        }
        return reply
    }

    private func write(_ bytes: [UInt8], waitingFor what: String) throws(MailSyncError) {
        var offset = 0
        let deadline = Date().addingTimeInterval(TimeInterval(MailLimits.stallTimeoutSeconds))
        while offset < bytes.count {
            var sent = 0
            let code = bytes[offset...].withUnsafeBytes { buffer in curl_easy_send(handle, buffer.baseAddress, buffer.count, &sent) }
            if code == CURLE_AGAIN {
                try wait(forWriting: true, until: deadline, waitingFor: what)
                continue
            }
            guard code == CURLE_OK else { throw failure(code, waitingFor: what) }
            offset += sent
        }
    }

    /// Reads until the line tagged `tag`, stepping over literals by their length so a message's
    /// text can never end the reply early. Bounded in bytes and in time without a byte.
    private func readReply(tag: [UInt8], waitingFor what: String) throws(MailSyncError) -> [UInt8] {
        var bytes = unread
        unread = []
        var scanned = 0
        if let end = Self.endOfTaggedLine(tag, in: bytes, scanned: &scanned) { return split(&bytes, at: end) }
        var chunk = [UInt8](repeating: 0, count: 256 << 10)
        let started = Date()
        var lastByte = Date()
        while true {
            var received = 0
            let code = chunk.withUnsafeMutableBytes { buffer in curl_easy_recv(handle, buffer.baseAddress, buffer.count, &received) }
            if code == CURLE_AGAIN {
                guard Date().timeIntervalSince(started) < TimeInterval(MailLimits.requestTimeoutSeconds) else {
                    throw .timedOut(server.account, waitingFor: what)
                }
                try wait(forWriting: false, until: lastByte.addingTimeInterval(TimeInterval(MailLimits.stallTimeoutSeconds)), waitingFor: what)
                continue
            }
            guard code == CURLE_OK else { throw failure(code, waitingFor: what) }
            guard received > 0 else { throw .connection(server.account, reason: "the server closed the connection while sending \(what)") }
            lastByte = Date()
            bytes.append(contentsOf: chunk[0..<received])
            guard bytes.count <= MailLimits.maximumReplyBytes else {
                throw .tooLarge(server.account, what: what, limit: MailLimits.maximumReplyBytes)
            }
            if let end = Self.endOfTaggedLine(tag, in: bytes, scanned: &scanned) { return split(&bytes, at: end) }
        }
    }

    /// The bytes before `end`; what follows is kept for the next reply.
    private func split(_ bytes: inout [UInt8], at end: Int) -> [UInt8] {
        unread = Array(bytes[end...])
        bytes.removeSubrange(end...)
        return bytes
    }

    /// Where the complete line starting with `tag` and a space ends (past its newline), if one
    /// follows `scanned`, which moves past every complete line (and literal) looked at.
    static func endOfTaggedLine(_ tag: [UInt8], in bytes: [UInt8], scanned: inout Int) -> Int? {
        while let end = bytes[scanned...].firstIndex(of: 10) {
            let line = bytes[scanned..<end]
            if line.starts(with: tag), line.count > tag.count, line[line.startIndex + tag.count] == 32 { return end + 1 }
            var next = end + 1
            // A line ending in {N} or {N+} is followed by N bytes that are not lines.
            var content = line
            if content.last == 13 { content = content.dropLast() }
            if content.last == UInt8(ascii: "}"), let open = content.lastIndex(of: UInt8(ascii: "{")) {
                let digits = content[(open + 1)..<(content.endIndex - 1)].filter { $0 != UInt8(ascii: "+") }
                if let length = Int(String(decoding: digits, as: UTF8.self)) {
                    guard length <= bytes.count - next else { return nil }
                    next += length
                    // The literal ends mid-line: the rest of that line is scanned as a line.
                }
            }
            scanned = next
        }
        return nil
    }

    private func wait(forWriting: Bool, until deadline: Date, waitingFor what: String) throws(MailSyncError) {
        var socket = curl_socket_t(-1)
        guard followup_curl_get_socket(handle, &socket) == CURLE_OK, socket >= 0 else {
            throw .connection(server.account, reason: "the connection is gone")
        }
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { throw .timedOut(server.account, waitingFor: what) }
        var descriptor = pollfd(fd: socket, events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
        _ = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000))
    }
}
