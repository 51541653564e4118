import DrydockServer
import DrydockTestSupport
import Foundation
import Testing

@Suite struct HeapStatisticsTests {
    /// This process's resident memory in KiB (`VmRSS`).
    static func residentKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test(
        "freed memory below a block still in use is counted free, and a trim gives it back to the system",
        .disabled(if: Sanitizer.active != nil, "a sanitizer's allocator has neither figure"))
    func trimReturnsFreedMemory() throws {
        // 64 MiB in 4 KiB blocks (below malloc's mmap threshold, so in an arena), touched so they are resident.
        let count = 16_384
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(count)
        for _ in 0..<count {
            let block = try #require(malloc(4096))
            memset(block, 0xA5, 4096)
            blocks.append(block)
        }
        let pin = try #require(malloc(4096))  // above them: the arena's top cannot shrink past it
        defer { free(pin) }
        #expect(HeapStatistics.current().inUseBytes >= count * 4096)
        for block in blocks { free(block) }
        let freed = HeapStatistics.current()
        #expect(freed.freeBytes >= count * 4096 * 3 / 4, "the allocator should hold the freed blocks: \(freed)")
        let before = try Self.residentKiB()
        HeapStatistics.trim()
        let after = try Self.residentKiB()
        #expect(before - after >= 32 * 1024, "a trim released only \(before - after) KiB of 64 MiB freed")
    }
}
