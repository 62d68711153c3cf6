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
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InvitationError(file: file, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try read([UInt8](data), file: file, fallbackZone: fallbackZone)
    }

    /// Reads `bytes`, an .ics or an e-mail; `file` names them in warnings and errors.
    public static func read(_ bytes: [UInt8], file: String, fallbackZone: TimeZone? = nil) throws(InvitationError) -> Invitation {
        throw InvitationError(file: file, reason: "reading invitations is not implemented yet")
    }
}
