import Synchronization

/// Collects response chunks into one array, up to a limit; shared between a transport's body callback
/// and its caller.
public final class ByteCollector: Sendable {
    private let storage = Mutex<[UInt8]>([])
    private let limit: Int
    private let location: String
    private let what: String

    /// A collector that throws `NetworkError` `tooLarge` past `limit` bytes, naming `what` it collects
    /// (`the response`, `manifest 1.0 of …`) and its `location` (the URL).
    public init(limit: Int, location: String = "", what: String = "the response") {
        self.limit = limit
        self.location = location
        self.what = what
    }

    /// Appends `chunk`; throws past the limit.
    public func append(_ chunk: ArraySlice<UInt8>) throws(NetworkError) {
        let overflow = storage.withLock { bytes -> Bool in
            if bytes.count + chunk.count > limit { return true }
            bytes.append(contentsOf: chunk)
            return false
        }
        if overflow { throw Self.tooLarge(what, limit: limit, location: location) }
    }

    /// The error for a body past its limit: `what` is larger than `limit` bytes.
    public static func tooLarge(_ what: String, limit: Int, location: String) -> NetworkError {
        let size = limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return NetworkError(
            code: .tooLarge, reason: "\(what) is larger than the \(size) Drydock reads (stopped after \(limit) bytes)",
            location: location)
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
