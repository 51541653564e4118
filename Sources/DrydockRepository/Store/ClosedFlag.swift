import Synchronization

/// Whether a store was closed: set once by its `close()`, read by every request, which a closed store refuses
/// with a storage error saying so (`store NAME: closed`) rather than a driver's error about its torn-down
/// connection.
final class ClosedFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// Whether ``set()`` was called.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Marks the store closed.
    func set() { value.store(true, ordering: .releasing) }
}
