import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to 127.0.0.1, for what an HTTP client library will not do: send half
/// a request, or nothing at all, and watch when the server hangs up.
///
/// Waiting blocks a thread of its own, never one of Swift's cooperative pool: the server under
/// test answers on that pool, and on two cores a blocked pool would starve it.
final class RawConnection: Sendable {
    enum Received: Equatable {
        case bytes([UInt8])
        /// The server closed the connection (or reset it).
        case closed
        /// Nothing arrived in time.
        case nothing
    }

    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw POSIXError(.EPIPE) }
    }

    /// What arrives within `timeout`: the first bytes, the end of the connection, or nothing.
    func receive(within timeout: Duration) async -> Received {
        await onThread { self.blockingReceive(within: timeout) }
    }

    /// Everything until the server closes the connection, within `timeout` in all; `nil` when
    /// the connection is still open after it.
    func receiveUntilClosed(within timeout: Duration) async -> [UInt8]? {
        await onThread { self.blockingReceiveUntilClosed(within: timeout) }
    }

    private func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    private func blockingReceive(within timeout: Duration) -> Received {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) == 1 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? .bytes(Array(buffer[0..<count])) : .closed
    }

    private func blockingReceiveUntilClosed(within timeout: Duration) -> [UInt8]? {
        let deadline = ContinuousClock.now + timeout
        var all: [UInt8] = []
        while ContinuousClock.now < deadline {
            switch blockingReceive(within: deadline - ContinuousClock.now) {
            case .bytes(let bytes): all += bytes
            case .closed: return all
            case .nothing: return nil
            }
        }
        return nil
    }
}
