import DrydockServer
import DrydockTestSupport
import Foundation
import Testing

@Suite struct HeapStatisticsTests {
    @Test(
        "blocks allocated count in use; freed below a block still in use, they count free",
        .disabled(if: Sanitizer.active != nil, "a sanitizer's allocator has neither figure"))
    func inUseAndFree() throws {
        // 64 MiB in 4 KiB blocks (below malloc's mmap threshold, so in an arena).
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
        let held = HeapStatistics.current()
        #expect(held.inUseBytes >= count * 4096, "\(held)")
        for block in blocks { free(block) }
        let freed = HeapStatistics.current()
        #expect(freed.freeBytes >= count * 4096 * 3 / 4, "the allocator should hold the freed blocks: \(freed)")
    }
}
