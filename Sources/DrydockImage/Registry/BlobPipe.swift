import Foundation

/// A bounded pipe from an async download (the writer) to a blocking `ByteSource` reader, so layer bytes
/// reach the analyzers while they download.
///
/// The writer suspends (without blocking a thread) while `capacity` bytes are waiting; the reader blocks
/// its thread on a condition variable, so it must run outside the Swift concurrency pool (see
/// `BlockingWork`). The writer ends the stream with `finish()` or `fail(_:)`; the reader can `cancel()`,
/// which makes the writer's next `write` throw.
final class BlobPipe: ByteSource, @unchecked Sendable {
    // @unchecked Sendable: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var chunks: [ArraySlice<UInt8>] = []
    private var head = 0
    private var buffered = 0
    private var finished = false
    private var failure: ImageError?
    private var cancelled = false
    private var waitingWriter: CheckedContinuation<Void, any Error>?
    private let capacity: Int
    private let location: String

    init(capacity: Int = 4 << 20, location: String) {
        self.capacity = capacity
        self.location = location
    }

    /// Appends a chunk; suspends while the pipe is full; throws `CancellationError` once the reader
    /// cancelled.
    func write(_ chunk: ArraySlice<UInt8>) async throws {
        if chunk.isEmpty { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            if cancelled {
                condition.unlock()
                continuation.resume(throwing: CancellationError())
                return
            }
            chunks.append(chunk)
            buffered += chunk.count
            condition.broadcast()
            if buffered < capacity {
                condition.unlock()
                continuation.resume()
            } else {
                waitingWriter = continuation
                condition.unlock()
            }
        }
    }

    /// Ends the stream normally.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the stream with an error the reader will throw.
    func fail(_ error: ImageError) {
        condition.lock()
        if failure == nil { failure = error }
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the writer: its pending and later writes throw.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks = []
        head = 0
        buffered = 0
        let writer = waitingWriter
        waitingWriter = nil
        condition.broadcast()
        condition.unlock()
        writer?.resume(throwing: CancellationError())
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        if buffer.isEmpty { return 0 }
        condition.lock()
        while head >= chunks.count && !finished {
            condition.wait()
        }
        if head >= chunks.count {
            let failure = self.failure
            condition.unlock()
            if let failure { throw failure }
            return 0
        }
        var chunk = chunks[head]
        let n = min(buffer.count, chunk.count)
        chunk.withUnsafeBytes { raw in
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[0..<n]))
        }
        chunk = chunk.dropFirst(n)
        if chunk.isEmpty {
            chunks[head] = []
            head += 1
            if head > 64 {
                chunks.removeFirst(head)
                head = 0
            }
        } else {
            chunks[head] = chunk
        }
        buffered -= n
        var writer: CheckedContinuation<Void, any Error>?
        if buffered < capacity / 2, let waiting = waitingWriter {
            writer = waiting
            waitingWriter = nil
        }
        condition.unlock()
        writer?.resume()
        return n
    }
}

/// Runs blocking work (a synchronous catalog reading `BlobPipe`s) on a thread of its own, so it never
/// ties up the Swift concurrency pool that the downloads run on.
public enum BlockingWork {
    /// Runs `work` on a new thread and returns its result.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
