import Foundation

/// A 64-bit little-endian ELF Go program of any size, laid out as the Go linker lays one out — headers, the
/// `.go.buildinfo` section near the start (Go 1.18+ inline strings), a huge `.text`, then `.shstrtab` and the
/// section table at the very end — whose bulk is zeros, so it can be written as a sparse file (or a sparse
/// layer tar) that costs no disk and no time to build. For tests that prove big programs are read by offset.
public struct SyntheticGoBinary: Sendable {
    /// Bytes at an offset; everything else is zero.
    public struct Piece: Sendable {
        public var offset: Int
        public var bytes: [UInt8]
    }

    /// The file's size.
    public var size: Int
    /// The non-zero parts, in offset order.
    public var pieces: [Piece]

    /// The `go version -m` modules written: the main module and its dependencies.
    public static let mainModule = "example.com/bigapp"
    /// Dependencies as (path, version).
    public static let dependencies = [("golang.org/x/net", "v0.17.0"), ("github.com/google/uuid", "v1.3.0")]

    /// A program of `size` bytes (at least 64 KiB) built with `goVersion`.
    public init(size: Int, goVersion: String = "go1.21.3") {
        let size = max(size, 64 * 1024)
        self.size = size
        var info = "path\t\(Self.mainModule)\nmod\t\(Self.mainModule)\tv1.2.3\th1:abc=\n"
        for (path, version) in Self.dependencies { info += "dep\t\(path)\t\(version)\th1:def=\n" }
        info += "build\tGOOS=linux\n"
        let start: [UInt8] = [
            0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6,
        ]
        let end: [UInt8] = [
            0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2,
        ]
        let moduleInfo = start + Array(info.utf8) + end
        var buildInfo: [UInt8] = [0xff] + Array(" Go buildinf:".utf8) + [8, 2] + [UInt8](repeating: 0, count: 16)
        buildInfo += Self.uvarint(goVersion.utf8.count) + Array(goVersion.utf8)
        buildInfo += Self.uvarint(moduleInfo.count) + moduleInfo

        let buildInfoOffset = 0x1000
        let textOffset = 0x2000
        let names = Array("\0.text\0.go.buildinfo\0.shstrtab\0".utf8)
        let tableSize = 4 * 64
        let namesOffset = size - tableSize - names.count
        let textSize = namesOffset - textOffset
        var table = [UInt8](repeating: 0, count: 64)  // the null section
        table += Self.section(name: 1, type: 1, flags: 6, address: 0x40_2000, offset: textOffset, size: textSize)
        table += Self.section(
            name: 7, type: 1, flags: 3, address: 0x40_1000, offset: buildInfoOffset, size: buildInfo.count)
        table += Self.section(name: 21, type: 3, flags: 0, address: 0, offset: namesOffset, size: names.count)

        var header: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 8)
        // type, machine, version, entry; phoff, shoff, flags; ehsize, phentsize, phnum, shentsize, shnum, shstrndx
        header += Self.le(2, 2) + Self.le(0x3e, 2) + Self.le(1, 4) + Self.le(0x40_2000, 8)
        header += Self.le(0, 8) + Self.le(size - tableSize, 8) + Self.le(0, 4)
        header += Self.le(64, 2) + Self.le(56, 2) + Self.le(0, 2) + Self.le(64, 2) + Self.le(4, 2) + Self.le(3, 2)
        pieces = [
            Piece(offset: 0, bytes: header), Piece(offset: buildInfoOffset, bytes: buildInfo),
            Piece(offset: namesOffset, bytes: names + table),
        ]
    }

    /// The package IDs Drydock reports for it (`name@version`), sorted.
    public static var expectedPackageIDs: [String] {
        (dependencies.map { "\($0.0)@\($0.1)" } + ["\(mainModule)@v1.2.3", "stdlib@v1.21.3"]).sorted()
    }

    /// Writes the program to `url` as a sparse file: only the pieces take disk space.
    public func write(to url: URL, mode: Int = 0o755) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: mode])
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(size))
        for piece in pieces {
            try handle.seek(toOffset: UInt64(piece.offset))
            try handle.write(contentsOf: piece.bytes)
        }
    }

    /// Writes an uncompressed layer tar holding the program at `path` (mode 0755) to `url`, sparse like the
    /// program itself.
    public func writeLayerTar(to url: URL, path: String) throws {
        var header = [UInt8](repeating: 0, count: 512)
        func field(_ offset: Int, _ text: String) {
            for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
        }
        field(0, path)
        field(100, "0000755\0")
        field(108, "0000000\0")
        field(116, "0000000\0")
        field(124, String(String(size, radix: 8).paddingLeft(to: 11)) + "\0")
        field(136, "00000000000\0")
        field(156, "0")
        field(257, "ustar\0")
        field(263, "00")
        field(148, "        ")
        let checksum = header.reduce(0) { $0 + Int($1) }
        field(148, String(checksum, radix: 8).paddingLeft(to: 6) + "\0 ")
        let padded = (size + 511) / 512 * 512
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: header)
        for piece in pieces {
            try handle.seek(toOffset: UInt64(512 + piece.offset))
            try handle.write(contentsOf: piece.bytes)
        }
        try handle.truncate(atOffset: UInt64(512 + padded + 1024))
    }

    private static func section(name: Int, type: Int, flags: Int, address: Int, offset: Int, size: Int) -> [UInt8] {
        le(name, 4) + le(type, 4) + le(flags, 8) + le(address, 8) + le(offset, 8) + le(size, 8) + le(0, 4) + le(0, 4)
            + le(16, 8) + le(0, 8)
    }

    private static func le(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    private static func uvarint(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }
}

extension String {
    fileprivate func paddingLeft(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
