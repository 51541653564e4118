import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

/// The background inflating thread of `GzipByteSource`: chunk boundaries, errors after data, early drop.
@Suite("gzip decompression on a thread of its own")
struct GzipPipelineTests {
    @Test(
        "odd-sized reads and skips across many chunks give back exactly the original bytes",
        arguments: [1, 777, 65_536])
    func chunkBoundaries(readSize: Int) throws {
        let data = GzipByteSourceTests.payload(7, count: 3_000_000)
        let url = try GzipByteSourceTests.gzipFile(data)
        let gzip = try GzipByteSource(base: try FileByteSource(path: url.path), location: url.path)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: readSize)
        var turn = 0
        while true {
            turn += 1
            if turn % 5 == 0 {
                let skipped = try gzip.skip(100_003)
                out += data[out.count..<(out.count + Int(skipped))]
                if skipped == 0 { break }
                continue
            }
            let got = try buffer.withUnsafeMutableBytes { try gzip.read(into: $0) }
            if got == 0 { break }
            out += buffer[0..<got]
            if readSize == 1 && out.count > 300_000 {
                // One-byte reads are slow; skip the rest in one go and check the count.
                let rest = try gzip.skip(Int64.max)
                #expect(Int64(out.count) + rest == Int64(data.count))
                #expect(out == Array(data[0..<out.count]))
                return
            }
        }
        #expect(out.count == data.count)
        #expect(out == data)
        #expect(gzip.decompressedOffset == Int64(data.count))
    }

    @Test("a stream cut part way hands out every byte before the cut, then throws truncated")
    func errorAfterData() throws {
        let data = GzipByteSourceTests.payload(8, count: 2_000_000)
        let url = try GzipByteSourceTests.gzipFile(data)
        let size = try ImageFixtures.bytes(url).count
        let cut = try ImageFixtures.truncatedCopy(of: url, length: size * 3 / 4)
        let gzip = try GzipByteSource(base: try FileByteSource(path: cut.path), location: cut.path)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 100_000)
        let error = try #require(throws: ImageError.self) {
            while true {
                let got = try buffer.withUnsafeMutableBytes { try gzip.read(into: $0) }
                if got == 0 { break }
                out += buffer[0..<got]
            }
        }
        #expect(error.code == .truncated)
        // Three quarters of the compressed bytes hold well over half of the data, all of it correct.
        #expect(out.count > data.count / 2)
        #expect(out == Array(data[0..<out.count]))
    }

    @Test("dropping a source part way stops its thread; the base can be read again afterwards")
    func dropEarly() throws {
        let data = GzipByteSourceTests.payload(9, count: 4_000_000)
        let url = try GzipByteSourceTests.gzipFile(data)
        let base = try FileByteSource(path: url.path)
        do {
            let gzip = try GzipByteSource(base: base, location: url.path)
            var buffer = [UInt8](repeating: 0, count: 1000)
            _ = try buffer.withUnsafeMutableBytes { try gzip.read(into: $0) }
            #expect(buffer == Array(data[0..<1000]))
        }
        // The thread has stopped, so the position it left is stable; reading on from it works.
        let position = base.position
        let rest = try base.readAll(limit: 1 << 30, location: url.path)
        #expect(Int(position) + rest.count == (try ImageFixtures.bytes(url)).count)
        #expect(base.position == position + Int64(rest.count))
    }
}
