import Synchronization

/// Runs an operation with a time limit without waiting for it past the limit: the operation runs in its own
/// task (cancelled, not awaited, when the limit passes), so a store that hangs cannot hold a decision.
enum Deadline {
    enum Result<T: Sendable>: Sendable {
        case value(T)
        case failure(any Error)
        case timedOut
    }

    static func run<T: Sendable>(
        within limit: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async -> Result<T> {
        let resumed = Mutex(false)
        let tasks = Mutex<[Task<Void, Never>]>([])
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T>, Never>) in
            let finish: @Sendable (Result<T>) -> Void = { value in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            let work = Task {
                do {
                    finish(.value(try await operation()))
                } catch {
                    finish(.failure(error))
                }
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                finish(.timedOut)
            }
            tasks.withLock { $0 = [work, timer] }
        }
        for task in tasks.withLock({ $0 }) { task.cancel() }
        return result
    }
}
