import Synchronization

/// Collects response chunks into one array, up to a limit; shared between a transport's body callback
/// and its caller.
public final class ByteCollector: Sendable {
    private let storage = Mutex<[UInt8]>([])
    private let limit: Int

    /// A collector that throws `NetworkError` `tooLarge` past `limit` bytes.
    public init(limit: Int) {
        self.limit = limit
    }

    /// Appends `chunk`; throws past the limit.
    public func append(_ chunk: ArraySlice<UInt8>) throws(NetworkError) {
        let overflow = storage.withLock { bytes -> Bool in
            if bytes.count + chunk.count > limit { return true }
            bytes.append(contentsOf: chunk)
            return false
        }
        if overflow {
            throw NetworkError(
                code: .tooLarge, reason: "response is larger than the \(limit)-byte limit", location: "")
        }
    }

    /// Everything collected so far.
    public var bytes: [UInt8] { storage.withLock { $0 } }

    /// How many bytes were collected so far.
    public var count: Int { storage.withLock { $0.count } }
}

/// A value behind a lock, in a class so escaping `@Sendable` closures can share it.
final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        try mutex.withLock { (value: inout Value) throws(E) -> R in try body(&value) }
    }
}
