import FollowUpSupport
import Foundation
import NIOCore
import Synchronization

/// One way of sending a feed: its bytes, ready to be sent by every response that shares them,
/// and the entity tag that names them.
struct FeedRepresentation: Sendable {
    /// Shared by every response until the file changes: a `ByteBuffer` is copied on write,
    /// and a response only reads it.
    var body: ByteBuffer
    var entityTag: EntityTag
}

/// What the server knows of one version of a feed file.
struct CachedFeed: Sendable {
    var version: FileVersion
    var modificationDate: Date
    var identity: FeedRepresentation
    /// Made on the first request that accepts gzip, then kept with the version.
    var gzip: FeedRepresentation?

    init(_ snapshot: FeedSnapshot) {
        version = snapshot.version
        modificationDate = snapshot.modificationDate
        identity = FeedRepresentation(body: ByteBuffer(bytes: snapshot.bytes), entityTag: .strong(forContent: snapshot.bytes))
    }
}

/// The feeds as last read, one entry per file name, each valid for one ``FileVersion``.
///
/// A request costs a `stat(2)` of the path; only a new version is read (and hashed, and
/// compressed when asked for). So a conditional GET, what every subscribed calendar sends
/// on each poll, touches no file content, and a full response shares one buffer with every
/// other response of that version.
final class FeedCache: Sendable {
    /// How often the file content was read and hashed, and how often a gzip variant was made:
    /// what tests check to see the cache at work.
    struct Statistics: Equatable, Sendable {
        var contentReads = 0
        var compressions = 0
    }

    private let entries = Mutex<[String: CachedFeed]>([:])
    private let counts = Mutex(Statistics())

    var statistics: Statistics { counts.withLock { $0 } }

    /// The feed at `path` (keyed by `name`) as it is now: from the cache when the file's
    /// version is the cached one, read anew otherwise.
    func feed(named name: String, path: String) throws(FeedSnapshot.ReadError) -> CachedFeed {
        let version = try FileVersion.current(path: path)
        if let cached = entries.withLock({ $0[name] }), cached.version == version {
            return cached
        }
        // Read outside the lock: a slow disk holds up only this request. The entry is keyed by
        // the version of the file actually read (fstat of the open descriptor), which may be
        // newer than the one just seen if the feed was replaced in between.
        let feed = CachedFeed(try FeedSnapshot.load(path: path))
        counts.withLock { $0.contentReads += 1 }
        entries.withLock { $0[name] = feed }
        return feed
    }

    /// The gzip variant of `feed`, made once per version.
    func gzipVariant(of feed: CachedFeed, named name: String) throws(Gzip.Failure) -> FeedRepresentation {
        if let gzip = feed.gzip { return gzip }
        if let cached = entries.withLock({ $0[name] }), cached.version == feed.version, let gzip = cached.gzip {
            return gzip
        }
        let compressed = try Gzip.compress(Array(feed.identity.body.readableBytesView))
        var tag = feed.identity.entityTag
        // Another representation needs another strong tag (RFC 9110 §8.8.3).
        tag.opaque += "-gzip"
        let variant = FeedRepresentation(body: ByteBuffer(bytes: compressed), entityTag: tag)
        counts.withLock { $0.compressions += 1 }
        entries.withLock { entries in
            if entries[name]?.version == feed.version { entries[name]?.gzip = variant }
        }
        return variant
    }
}
