import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

/// Layers built byte by byte to attack the reader: every one must end in a clean `ImageError` or a
/// correct read — never a crash, a hang, or a path outside the layer.
@Suite("Hostile archives")
struct HostileArchiveTests {
    typealias Entry = HostileArchives.Entry

    /// Reads every entry (skipping content the way the catalog does) of a layer image built from `tar`.
    static func entries(of tar: [UInt8], options: ImageArchive.Options = .init()) throws -> [TarEntry] {
        let url = try HostileArchives.dockerArchive(layers: [tar])
        return try entries(ofImage: url, options: options)
    }

    static func entries(ofImage url: URL, options: ImageArchive.Options = .init()) throws -> [TarEntry] {
        let archive = try ImageArchive.open(url.path, options: options)
        var result: [TarEntry] = []
        try archive.forEachLayer { _, reader in
            while let entry = try reader.next() { result.append(entry) }
        }
        return result
    }

    @Test(
        "names that climb out of the layer or are absolute stay inside it",
        arguments: [
            ("../../../../etc/passwd", "etc/passwd"), ("/etc/shadow", "etc/shadow"), ("a/../../../b", "b"),
            ("./x/./../../y/z", "y/z"), ("..", ""), ("//usr//lib/../bin", "usr/bin"),
        ])
    func climbingNames(name: String, expected: String) throws {
        let found = try Self.entries(of: HostileArchives.tar([Entry(name, content: Array("x".utf8))]))
        let paths = found.map(\.path)
        #expect(paths.allSatisfy { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") }, "\(paths)")
        if !expected.isEmpty {
            #expect(paths == [expected])
        }
    }

    @Test("symlinks and hardlinks pointing outside are read as entries, their targets reported as written")
    func outsideLinks() throws {
        let tar = HostileArchives.tar([
            .symlink("etc/os-release", "../../../../../../etc/os-release"),
            .symlink("etc/abs", "/proc/self/environ"),
            .hardlink("etc/passwd", "../../../etc/passwd"),
            .symlink("loop/a", "b"), .symlink("loop/b", "a"),
        ])
        let found = try Self.entries(of: tar)
        #expect(found.map(\.path) == ["etc/os-release", "etc/abs", "etc/passwd", "loop/a", "loop/b"])
        #expect(found.first?.linkTarget == "../../../../../../etc/os-release")
        #expect(found.allSatisfy { $0.kind != .file })
    }

    @Test("a header with a bad checksum is malformedArchive naming the offset")
    func badChecksum() throws {
        let tar = HostileArchives.tar([.file("etc/ok", "1"), Entry("etc/bad", content: [1], badChecksum: true)])
        let error = try #require(throws: ImageError.self) { try Self.entries(of: tar) }
        #expect(error.code == .malformedArchive)
        #expect(error.reason.contains("bad tar header checksum at offset 1024"))
    }

    @Test(
        "sizes that are not numbers, or overflow, are malformedArchive",
        arguments: ["-0000000001", "99999999999", "0x000000010", "\u{FF}\u{FF}\u{FF}\u{FF}"])
    func badSizes(field: String) throws {
        let tar = HostileArchives.tar([Entry("etc/x", sizeField: field)])
        let error = try #require(throws: ImageError.self) { try Self.entries(of: tar) }
        #expect(error.code == .malformedArchive, "\(error)")
    }

    @Test("a base-256 size that is negative or beyond Int64 is malformedArchive", arguments: [0xff, 0x80])
    func base256Sizes(first: UInt8) throws {
        var block = HostileArchives.header(Entry("etc/x"))
        block[124] = first
        for i in 125..<136 { block[i] = 0xff }
        // Recompute the checksum over the edited header.
        for i in 148..<156 { block[i] = 0x20 }
        let sum = String(block.reduce(0) { $0 + Int($1) }, radix: 8)
        for (i, byte) in (String(repeating: "0", count: 6 - sum.count) + sum).utf8.enumerated() {
            block[148 + i] = byte
        }
        block[154] = 0
        let error = try #require(throws: ImageError.self) {
            try Self.entries(of: block + [UInt8](repeating: 0, count: 1024))
        }
        #expect([.malformedArchive, .truncated].contains(error.code), "\(error)")
    }

    @Test("a file declaring gigabytes that are not there is truncated at once, not a hang")
    func hugeUnbackedFile() throws {
        // 8 GiB declared, 1 KiB present.
        let tar =
            HostileArchives.header(Entry("var/huge.img", sizeField: "100000000000"))
            + [UInt8](repeating: 7, count: 1024)
        for compression in HostileArchives.LayerCompression.allCases {
            let url = try HostileArchives.dockerArchive(layers: [tar], compression: compression)
            let start = Date()
            let error = try #require(throws: ImageError.self) { try Self.entries(ofImage: url) }
            #expect(error.code == .truncated, "\(compression): \(error)")
            #expect(error.reason.contains("huge.img"), "\(error)")
            #expect(Date().timeIntervalSince(start) < 10)
        }
    }

    @Test("a gzip or zstd bomb stops at the layer size limit, naming the limit and the layer")
    func sizeBomb() throws {
        for compression in [HostileArchives.LayerCompression.gzip, .zstd] {
            let bomb = try HostileArchives.zeroBomb(size: 64 << 20, compression: compression)
            let url = try HostileArchives.dockerArchive(blobs: [(bomb, nil)])
            let error = try #require(throws: ImageError.self) {
                try Self.entries(ofImage: url, options: .init(maxLayerSize: 8 << 20))
            }
            #expect(error.code == .limitExceeded)
            #expect(error.reason.contains("more than 8388608 bytes (the maximum layer size, --max-layer-size)"))
            #expect(error.location.contains("layer 0"))
        }
    }

    @Test("a bomb past the ratio threshold stops at the ratio limit")
    func ratioBomb() throws {
        let bomb = try HostileArchives.zeroBomb(size: 64 << 20, compression: .zstd)
        let url = try HostileArchives.dockerArchive(blobs: [(bomb, nil)])
        let options = ImageArchive.Options(maxCompressionRatio: 100, compressionRatioThreshold: 16 << 20)
        let error = try #require(throws: ImageError.self) { try Self.entries(ofImage: url, options: options) }
        #expect(error.code == .limitExceeded)
        #expect(error.reason.contains("more than 100 times its compressed size"))
        #expect(error.reason.contains("--max-compression-ratio"))
        // Under the threshold, or with a generous ratio, the same layer reads.
        let relaxed = ImageArchive.Options(maxCompressionRatio: 1 << 40, compressionRatioThreshold: 16 << 20)
        #expect(try Self.entries(ofImage: url, options: relaxed).map(\.path) == ["zeros.bin"])
    }

    @Test("an uncompressed layer is never held to the ratio limit")
    func plainLayerHasNoRatio() throws {
        let tar = HostileArchives.tar([Entry("big", content: [UInt8](repeating: 0, count: 3 << 20))])
        let options = ImageArchive.Options(maxCompressionRatio: 1, compressionRatioThreshold: 1)
        #expect(try Self.entries(of: tar, options: options).map(\.path) == ["big"])
    }

    @Test("a realistic gzip layer passes the default limits")
    func defaultsAreGenerous() throws {
        let bomb = try HostileArchives.zeroBomb(size: 256 << 20, compression: .gzip)
        let url = try HostileArchives.dockerArchive(blobs: [(bomb, nil)])
        #expect(try Self.entries(ofImage: url).map(\.path) == ["zeros.bin"])
    }
}
