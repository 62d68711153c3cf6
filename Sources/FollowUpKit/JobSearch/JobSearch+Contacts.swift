import ContactExport
import Foundation
import VCardKit

extension JobSearch {
    /// Every interviewer of the stored job search, ended interviews included, merged by
    /// e-mail address: what `followup contacts export` writes and `followup sync` pushes.
    public func contacts() throws(FollowUpError) -> [InterviewerContact] {
        InterviewerDirectory.contacts(of: try interviews(includingEnded: true))
    }

    /// The contacts as one .vcf text, in vCard `version`.
    public func contactBook(version: VCardWriter.Version) throws(FollowUpError) -> String {
        ContactBook.text(of: try contacts(), version: version)
    }

    /// Writes the contacts to `file` atomically, so an existing file is replaced whole or not at all.
    public func exportContacts(version: VCardWriter.Version, to file: URL) throws(FollowUpError) -> Int {
        let contacts = try contacts()
        try FileOutput.createFolder(file.deletingLastPathComponent())
        try FileOutput.replace([(ContactBook.text(of: contacts, version: version), file)])
        return contacts.count
    }
}
