import CDrydockMalloc

/// What the C allocator (glibc's malloc) holds for the process, from `mallinfo2`.
///
/// Resident memory alone cannot tell a leak from fragmentation: memory the program freed but the allocator
/// keeps (in one of its per-thread arenas, between blocks still in use) counts as resident too. ``inUseBytes``
/// is what the program holds; ``freeBytes`` is what the allocator keeps without using (`/metrics` reports both).
public struct HeapStatistics: Sendable, Equatable {
    /// Bytes in blocks the program has allocated and not freed (in the arenas and in separate mappings).
    public var inUseBytes: Int
    /// Bytes the allocator holds free inside its arenas, not returned to the system.
    public var freeBytes: Int

    /// The allocator's figures now. Walks every arena under its lock: for a metrics scrape or a timer,
    /// not for every request.
    public static func current() -> HeapStatistics {
        let info = mallinfo2()
        return HeapStatistics(inUseBytes: Int(info.uordblks) + Int(info.hblkhd), freeBytes: Int(info.fordblks))
    }
}
