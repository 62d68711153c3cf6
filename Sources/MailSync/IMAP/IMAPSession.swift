import CCurl
import Foundation

/// One logged-in conversation with an IMAP server, through libcurl: curl connects, checks the
/// certificate against the system's trust store (and the host name), upgrades with STARTTLS,
/// logs in, selects folders and uploads APPENDs; this type says what to ask and reads the
/// replies (`IMAPReply`). Like GRDB's `Database`, it owns its C handle and is used from one
/// task at a time.
final class IMAPSession {
    let server: MailServer
    let handle: UnsafeMutableRawPointer
    /// Every line the server sent during the last request, literals included: curl hands the
    /// untagged replies of a custom command (and a FETCH's literals) only to its header callback.
    private let transcript = ByteCollector(limit: MailLimits.maximumReplyBytes)
    /// What curl hands its write callback (a LIST's or SEARCH's lines again): not read, but
    /// bounded, and never written to standard output.
    private let body = ByteCollector(limit: MailLimits.maximumReplyBytes)
    /// curl's words for a failure; curl keeps the pointer, so the memory is this session's own.
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// A session of `streaming(...)`: curl connected, secured and logged in, and the commands
    /// are written and their replies read on that connection (`IMAPSession+Stream.swift`).
    var streamedFolder: String?
    var nextTag = 1
    /// Commands sent and not yet answered, oldest first: their replies come in this order.
    var outstanding: [(tag: String, command: String)] = []
    /// Replies read while waiting for a later one, by tag.
    var answered: [String: (command: String, bytes: [UInt8])] = [:]
    /// Bytes read past the end of the last reply.
    var unread: [UInt8] = []

    init(server: MailServer, user: String, password: String?) throws(MailSyncError) {
        Self.initializeOnce
        guard let handle = curl_easy_init() else { throw .connection(server.account, reason: "libcurl could not start") }
        self.server = server
        self.handle = handle
        try set(CURLOPT_PROTOCOLS_STR, string: "imap,imaps")
        try set(CURLOPT_USERNAME, string: user)
        if let password { try set(CURLOPT_PASSWORD, string: password) }
        try set(CURLOPT_CONNECTTIMEOUT, MailLimits.connectTimeoutSeconds)
        // A server that stops sending in the middle of a reply: give up after this long below 1 byte/s.
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, MailLimits.stallTimeoutSeconds)
        try set(CURLOPT_TIMEOUT, MailLimits.requestTimeoutSeconds)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let authorities = server.certificateAuthorities { try set(CURLOPT_CAINFO, string: authorities) }
        // imap:// upgrades with STARTTLS, required unless the account is allowed in the clear.
        if !server.usesImplicitTLS {
            try set(CURLOPT_USE_SSL, Int(server.requiresTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
        }
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_HEADERFUNCTION, function: ByteCollector.append)
        try set(CURLOPT_HEADERDATA, pointer: Unmanaged.passUnretained(transcript).toOpaque())
        try set(CURLOPT_WRITEFUNCTION, function: ByteCollector.append)
        try set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(body).toOpaque())
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    private static let initializeOnce: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    // MARK: Requests

    /// Sends `command` (without its tag) with `folder` selected first when given, and returns
    /// the server's replies to it.
    func run(_ command: String, in folder: String? = nil) throws(MailSyncError) -> IMAPReply {
        try perform(url: server.url(folder: folder), customRequest: command, waitingFor: command)
        return try IMAPReply(parsing: transcript.bytes, account: server.account)
    }

    /// Appends `message` to `folder`; the new message's UID when the server says it (UIDPLUS).
    func append(_ message: [UInt8], to folder: String) throws(MailSyncError) -> UInt32? {
        let upload = ByteSource(message)
        try set(CURLOPT_UPLOAD, 1)
        try set(CURLOPT_INFILESIZE_LARGE, size: curl_off_t(message.count))
        try set(CURLOPT_READFUNCTION, reader: ByteSource.read)
        try set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(upload).toOpaque())
        defer {
            _ = followup_curl_set_long(handle, CURLOPT_UPLOAD, 0)
            _ = followup_curl_set_pointer(handle, CURLOPT_READDATA, nil)
        }
        try withExtendedLifetime(upload) { () throws(MailSyncError) in
            try perform(url: server.url(folder: folder), customRequest: nil, waitingFor: "APPEND to \(folder)")
        }
        return try IMAPReply(parsing: transcript.bytes, account: server.account).appendedUID
    }

    private func perform(url: String, customRequest: String?, waitingFor what: String) throws(MailSyncError) {
        transcript.reset()
        body.reset()
        errorBuffer.pointee = 0
        try set(CURLOPT_URL, string: url)
        if let customRequest {
            try set(CURLOPT_CUSTOMREQUEST, string: customRequest)
        } else {
            _ = followup_curl_set_pointer(handle, CURLOPT_CUSTOMREQUEST, nil)
        }
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { throw failure(code, waitingFor: what) }
    }

    func failure(_ code: CURLcode, waitingFor what: String) -> MailSyncError {
        let account = server.account
        if transcript.exceeded || body.exceeded {
            return .tooLarge(account, what: what, limit: transcript.exceeded ? transcript.limit : body.limit)
        }
        let detail = String(cString: errorBuffer).nonEmptyText ?? String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_LOGIN_DENIED:
            return .loginDenied(account)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return .certificate(account, reason: detail)
        case CURLE_USE_SSL_FAILED:
            return .noTLS(account)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(account, waitingFor: what)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_SSL_CONNECT_ERROR, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
             CURLE_GOT_NOTHING, CURLE_WEIRD_SERVER_REPLY:
            return .connection(account, reason: detail)
        default:
            // A NO or BAD to the command: the server's own words are in its tagged reply.
            let said = IMAPReply.lastTaggedText(in: transcript.bytes)
            return .refused(account, command: what, reply: said ?? detail)
        }
    }

    // MARK: Options

    func set(_ option: CURLoption, _ value: Int) throws(MailSyncError) {
        try check(followup_curl_set_long(handle, option, value), option)
    }

    private func set(_ option: CURLoption, string value: String) throws(MailSyncError) {
        try check(followup_curl_set_string(handle, option, value), option)
    }

    private func set(_ option: CURLoption, size value: curl_off_t) throws(MailSyncError) {
        try check(followup_curl_set_size(handle, option, value), option)
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(MailSyncError) {
        try check(followup_curl_set_pointer(handle, option, value), option)
    }

    private func set(_ option: CURLoption, function: curl_write_callback) throws(MailSyncError) {
        try check(followup_curl_set_write_function(handle, option, function), option)
    }

    private func set(_ option: CURLoption, reader: curl_read_callback) throws(MailSyncError) {
        try check(followup_curl_set_read_function(handle, option, reader), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(MailSyncError) {
        guard code == CURLE_OK else {
            throw .connection(server.account, reason: "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))")
        }
    }
}

/// Bytes curl hands over, kept up to a limit: past it the transfer is stopped (returning less
/// than was given makes curl fail the request) instead of growing without end.
final class ByteCollector {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var exceeded = false

    init(limit: Int) {
        self.limit = limit
    }

    func reset() {
        bytes.removeAll(keepingCapacity: bytes.count < 1 << 20)
        exceeded = false
    }

    static let append: curl_write_callback = { pointer, size, count, context in
        guard let context, let pointer else { return 0 }
        let collector = Unmanaged<ByteCollector>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard collector.bytes.count + length <= collector.limit else {
            collector.exceeded = true
            return 0
        }
        pointer.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            collector.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        }
        return length
    }
}

/// A message being uploaded: curl asks for it a piece at a time.
final class ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    static let read: curl_read_callback = { buffer, size, count, context in
        guard let context, let buffer else { return 0 }
        let source = Unmanaged<ByteSource>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, source.bytes.count - source.offset)
        source.bytes.withUnsafeBufferPointer { all in
            buffer.withMemoryRebound(to: UInt8.self, capacity: length) { target in
                target.update(from: all.baseAddress! + source.offset, count: length)
            }
        }
        source.offset += length
        return length
    }
}

extension String {
    fileprivate var nonEmptyText: String? { isEmpty ? nil : self }
}
