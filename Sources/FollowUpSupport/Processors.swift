import Foundation

/// The processors this process may run on: fewer than the machine has when it is pinned
/// (`taskset`) or confined by its container's CPU set, where more workers would only take
/// turns on the same processor. Rendering the feed and reading a large card file split their
/// work by it.
public enum Processors {
    public static let usable: Int = {
        // Linux states the affinity mask in /proc as hex digits, grouped by commas.
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let count = line.dropFirst("Cpus_allowed:".count).reduce(0) { count, digit in
                count + (digit.hexDigitValue ?? 0).nonzeroBitCount
            }
            if count > 0 { return count }
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }()
}
