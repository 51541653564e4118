import Logging
import ServiceLifecycle

/// Returns the allocator's free memory to the system at a fixed interval while the server runs.
///
/// glibc's malloc gives each busy thread its own arena and hands memory back only from an arena's top, so a
/// long-running server whose threads free memory between blocks still in use keeps growing in resident
/// memory although it holds no more: an hour-long soak grew by 26 MiB that way. Trimming once a minute
/// (a few milliseconds) keeps resident memory near what is in use.
public struct HeapTrimmer: Service {
    /// Time between trims.
    public var interval: Duration
    public let logger: Logger

    public init(interval: Duration, logger: Logger) {
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { return }
                let before = HeapStatistics.current()
                HeapStatistics.trim()
                logger.trace(
                    "heap trimmed",
                    metadata: ["in-use": "\(before.inUseBytes)", "free-before": "\(before.freeBytes)"])
            }
        }
    }
}
