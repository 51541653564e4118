import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

@Suite("gzip decompression through zlib")
struct GzipByteSourceTests {
    static func payload(_ seed: Int, count: Int) -> [UInt8] {
        var state = UInt32(truncatingIfNeeded: seed) &* 2_654_435_761 &+ 1
        return (0..<count).map { i in
            state = state &* 1_103_515_245 &+ 12345
            // Mostly text-like, compressible but not trivially.
            return i % 3 == 0 ? UInt8(truncatingIfNeeded: state >> 24) : UInt8(ascii: "a") + UInt8(i % 26)
        }
    }

    static func gzipFile(_ bytes: [UInt8]) throws -> URL {
        let url = try ImageFixtures.temporaryDirectory().appendingPathComponent("data")
        try Data(bytes).write(to: url)
        return try ImageFixtures.gzip(url)
    }

    static func decompress(_ url: URL) throws(ImageError) -> [UInt8] {
        let (source, compression) = try Compression.decompressing(
            try FileByteSource(path: url.path), location: url.path)
        #expect(compression == .gzip)
        return try source.readAll(limit: 1 << 30, location: url.path)
    }

    @Test("decompresses what gzip wrote")
    func roundTrip() throws {
        let data = Self.payload(1, count: 900_000)
        #expect(try Self.decompress(try Self.gzipFile(data)) == data)
    }

    @Test("concatenated members decompress to the concatenation; trailing zeros are ignored")
    func concatenated() throws {
        let a = Self.payload(2, count: 300_000)
        let b = Self.payload(3, count: 1000)
        let joined = try ImageFixtures.bytes(try Self.gzipFile(a)) + ImageFixtures.bytes(try Self.gzipFile(b))
        let url = try ImageFixtures.temporaryDirectory().appendingPathComponent("joined.gz")
        try Data(joined + [0, 0, 0, 0]).write(to: url)
        #expect(try Self.decompress(url) == a + b)
        // The system gzip agrees.
        let oracle = try ImageFixtures.run("gzip", ["-dc", url.path])
        #expect([UInt8](oracle) == a + b)
    }

    @Test("corrupt data is corruptCompression with an offset")
    func corrupt() throws {
        let url = try Self.gzipFile(Self.payload(4, count: 200_000))
        let size = try ImageFixtures.bytes(url).count
        let bad = try ImageFixtures.corruptedCopy(of: url, at: Array(stride(from: size / 2, to: size / 2 + 64, by: 1)))
        let error = try #require(throws: ImageError.self) { try Self.decompress(bad) }
        #expect(error.code == .corruptCompression)
        #expect(error.reason.contains("offset"))
    }

    @Test("a cut stream is truncated: gzip stream ends early after N bytes")
    func truncated() throws {
        let url = try Self.gzipFile(Self.payload(5, count: 200_000))
        let size = try ImageFixtures.bytes(url).count
        let cut = try ImageFixtures.truncatedCopy(of: url, length: size / 2)
        let error = try #require(throws: ImageError.self) { try Self.decompress(cut) }
        #expect(error.code == .truncated)
        #expect(error.reason.contains("gzip stream ends early after \(size / 2) bytes"))
    }

    @Test(
        "compression is detected from magic bytes",
        arguments: [
            ([0x1f, 0x8b, 0x08, 0x00], Compression.gzip), ([0x28, 0xb5, 0x2f, 0xfd], .zstd),
            ([0x50, 0x2a, 0x4d, 0x18], .zstd), ([0x5e, 0x2a, 0x4d, 0x18], .zstd), ([0x60, 0x2a, 0x4d, 0x18], .none),
            ([0x28, 0xb5, 0x2f], .none), ([0x65, 0x74, 0x63, 0x2f], .none), ([0x1f], .none), ([], .none),
        ] as [([UInt8], Compression)])
    func detect(prefix: [UInt8], expected: Compression) {
        #expect(Compression.detect(prefix) == expected)
    }

    @Test("skip decompresses and drops bytes")
    func skip() throws {
        let data = Self.payload(6, count: 600_000)
        let url = try Self.gzipFile(data)
        let gzip = try GzipByteSource(base: try FileByteSource(path: url.path), location: url.path)
        #expect(try gzip.skip(500_000) == 500_000)
        #expect(try gzip.readAll(limit: 1 << 20, location: "x") == Array(data[500_000...]))
    }
}
