import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an account's password comes from: never the store, the command line or a log.
///
/// In order: the account's password file (refused unless only its owner can read it), the
/// `machine` entry of `~/.netrc` for the server's host (the file curl and git read), then
/// `FOLLOWUP_PASSWORD`.
public enum Credentials {
    public static func password(user: String?, host: String, passwordFile: String?,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws(SyncError) -> String? {
        if let passwordFile { return try read(passwordFile: passwordFile) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        if let entry = netrcEntry(host: host, user: user, path: home + "/.netrc") { return entry }
        if let password = environment["FOLLOWUP_PASSWORD"], !password.isEmpty { return password }
        return nil
    }

    /// The first line of `path`, once the file is shown to be a regular file of the user's
    /// that only they can read.
    ///
    /// The checks are made on the file opened, not on its name, so nothing can be swapped in
    /// between: a symbolic link is refused (it may lead to someone else's file), and so is a
    /// file of the kernel such as `/proc/self/environ`, which calls itself regular, belongs to
    /// the user, but has no size and holds other secrets.
    public static func read(passwordFile path: String) throws(SyncError) -> String {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .passwordFile(path: path, reason: "it is a symbolic link; give the file itself") }
            throw .passwordFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .passwordFile(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .passwordFile(path: path, reason: "it is not a regular file") }
        guard status.st_uid == geteuid() else { throw .passwordFile(path: path, reason: "it belongs to another user") }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw .passwordFile(path: path, reason: "others can read or change it (mode \(String(mode, radix: 8))); run 'chmod 600 \(path)'")
        }
        guard status.st_size > 0 else {
            throw .passwordFile(path: path, reason: "it is empty, or a file of the system (such as one in /proc) rather than one on disk")
        }
        // A password is one line: the first 64 KiB are plenty, and a huge file is not read whole.
        let data = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readData(ofLength: min(Int(status.st_size), 64 << 10))
        let text = String(decoding: data, as: UTF8.self)
        let password = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard !password.isEmpty else { throw .passwordFile(path: path, reason: "its first line is empty") }
        return password
    }

    /// The password of `~/.netrc`'s entry for `host` (and `user`, when the entry names a
    /// login), else of its `default` entry. A .netrc others can read is ignored, as curl warns.
    static func netrcEntry(host: String, user: String?, path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).map(String.init)
        var entries: [(machine: String?, login: String?, password: String?)] = []
        var index = 0
        while index < words.count {
            switch words[index] {
            case "machine" where index + 1 < words.count:
                entries.append((words[index + 1], nil, nil)); index += 2
            case "default":
                entries.append((nil, nil, nil)); index += 1
            case "login" where index + 1 < words.count && !entries.isEmpty:
                entries[entries.count - 1].login = words[index + 1]; index += 2
            case "password" where index + 1 < words.count && !entries.isEmpty:
                entries[entries.count - 1].password = words[index + 1]; index += 2
            default:
                index += 1
            }
        }
        let matching = entries.filter { entry in
            (entry.machine == nil || entry.machine?.lowercased() == host.lowercased())
                && (user == nil || entry.login == nil || entry.login == user)
        }
        return (matching.first(where: { $0.machine != nil }) ?? matching.first)?.password
    }
}
