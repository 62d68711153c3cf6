import CZlib

/// gzip (RFC 1952) through the system's zlib: the `Content-Encoding: gzip` variant of a feed.
enum Gzip {
    /// What zlib reported when it could not compress; only a bug or a lack of memory gets here.
    struct Failure: Error, Equatable {
        var code: Int32
    }

    /// `bytes` as one gzip member, at zlib's highest level: a feed is compressed once per
    /// version and sent many times, so the time spent here pays back on every response.
    static func compress(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // Window bits 15 + 16: the largest window, with a gzip header and trailer, not zlib's.
        let started = deflateInit2_(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                    zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { throw Failure(code: started) }
        defer { deflateEnd(&stream) }

        // deflateBound is the most the output can take, header and trailer included, so one
        // call with Z_FINISH completes.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        var input = bytes
        let result = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw Failure(code: result) }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
