import ICalendar
import FollowUpSupport
import Foundation

/// Reads invitations: an .ics file, or a whole e-mail (.eml) whose `text/calendar` or
/// `application/ics` part holds one.
///
/// Lenient where products are sloppy (each repair is an `InvitationWarning`), strict where a
/// guess would plan the wrong time: a file with no calendar, a VEVENT without DTSTART, or a TZID
/// nothing defines is an `InvitationError` naming the file and line.
public enum InvitationReader {
    /// Reads the file at `url`, an .ics or an e-mail, whatever its extension. `fallbackZone`
    /// stands in for a TZID that neither the file nor any zone table defines (`--tz`); without
    /// it such a TZID is an error.
    public static func read(contentsOf url: URL, fallbackZone: TimeZone? = nil) throws(InvitationError) -> Invitation {
        let file = url.path
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(file, atMost: InputLimits.invitationFileBytes)
        } catch .tooLarge(let size, let limit) {
            throw InvitationError(file: file, reason: BoundedFile.Failure.tooLarge(size: size, limit: limit).reason(for: "an invitation"))
        } catch {
            // Foundation's words for why the file cannot be read, as before.
            do {
                _ = try Data(contentsOf: url)
            } catch {
                throw InvitationError(file: file, reason: "cannot read the file (\(error.localizedDescription))")
            }
            throw InvitationError(file: file, reason: "cannot read the file (\(error.reason(for: "an invitation")))")
        }
        return try read(bytes, file: file, fallbackZone: fallbackZone)
    }

    /// Reads `bytes`, an .ics or an e-mail; `file` names them in warnings and errors.
    public static func read(_ bytes: [UInt8], file: String, fallbackZone: TimeZone? = nil) throws(InvitationError) -> Invitation {
        guard MailReader.looksLikeMail(bytes) else {
            return try readCalendar(bytes, file: file, charset: nil, fallbackZone: fallbackZone)
        }
        let message = MailReader.message(bytes)
        guard let part = MailReader.calendarPart(in: message) else {
            throw InvitationError(file: file, reason: "the e-mail has no calendar part (text/calendar, application/ics or an .ics attachment)",
                                  fix: "save the invitation's .ics attachment, or the e-mail the calendar sent")
        }
        let description = "\(part.mediaType) part \(part.position)"
        var body = part.decodedBody
        let charset = part.contentType.parameter("charset")
        if let charset, !charset.lowercased().hasPrefix("utf"), String(validating: body, as: UTF8.self) == nil,
           let text = Charsets.decode(body, from: charset) {
            body = Array(text.utf8)
        }
        // Lines of the calendar part are not lines of the e-mail: errors name the part.
        var invitation = try readCalendar(body, file: "\(file) (\(description))", charset: charset, fallbackZone: fallbackZone)
        invitation.file = file
        invitation.part = description
        // The calendar's own METHOD wins; the part's `method=` stands in when it has none.
        if invitation.method == nil, let method = part.contentType.parameter("method")?.trimmingWhitespace().uppercased(),
           !method.isEmpty {
            invitation.method = method
            if method == "CANCEL" {
                for index in invitation.events.indices { invitation.events[index].isCancelled = true }
            }
        }
        return invitation
    }

    private static func readCalendar(_ bytes: [UInt8], file: String, charset: String?,
                                     fallbackZone: TimeZone?) throws(InvitationError) -> Invitation {
        var lines = ContentLineReader()
        let contentLines = lines.lines(of: bytes, charset: charset)
        var treeWarnings: [InvitationWarning] = []
        let roots = ComponentTreeBuilder.build(contentLines) { message, line in
            treeWarnings.append(InvitationWarning(line: line, message: message))
        }
        var interpreter = CalendarInterpreter(file: file, fallbackZone: fallbackZone)
        let warnings = (lines.warnings.map { InvitationWarning(line: $0.line, message: $0.message) } + treeWarnings).sorted { $0.line < $1.line }
        return try interpreter.invitation(from: roots, warnings: warnings)
    }
}
