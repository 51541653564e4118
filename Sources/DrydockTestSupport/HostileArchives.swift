import Foundation

/// Hostile layers and images built byte by byte (what `tar` refuses to write), and zstd helpers that
/// drive the system `zstd` program.
public enum HostileArchives {
    /// One tar entry, written exactly as given: no path cleaning, sizes as declared.
    public struct Entry: Sendable {
        /// The name field (up to 100 bytes).
        public var name: String
        /// The type flag: `0` file, `1` hardlink, `2` symlink, `5` directory.
        public var type: Character
        /// The content written after the header (padded to 512 bytes).
        public var content: [UInt8]
        /// The link target.
        public var linkName: String
        /// The size field as 11 octal digits; `nil` writes `content.count`.
        public var sizeField: String?
        /// Write a wrong header checksum.
        public var badChecksum: Bool

        /// An entry; by default a regular file holding `content`.
        public init(
            _ name: String, type: Character = "0", content: [UInt8] = [], linkName: String = "",
            sizeField: String? = nil, badChecksum: Bool = false
        ) {
            self.name = name
            self.type = type
            self.content = content
            self.linkName = linkName
            self.sizeField = sizeField
            self.badChecksum = badChecksum
        }

        /// A regular file holding `text`.
        public static func file(_ name: String, _ text: String) -> Entry { Entry(name, content: Array(text.utf8)) }
        /// A symbolic link to `target`.
        public static func symlink(_ name: String, _ target: String) -> Entry {
            Entry(name, type: "2", linkName: target)
        }
        /// A hard link to `target`.
        public static func hardlink(_ name: String, _ target: String) -> Entry {
            Entry(name, type: "1", linkName: target)
        }
    }

    /// How a built layer is compressed.
    public enum LayerCompression: String, Sendable, CaseIterable {
        /// Plain tar.
        case none
        /// `gzip -n`.
        case gzip
        /// `zstd` (one frame).
        case zstd
    }

    /// A ustar header for `entry`, with a correct checksum unless `badChecksum`.
    public static func header(_ entry: Entry) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, _ offset: Int, _ length: Int) {
            for (i, byte) in text.utf8.prefix(length).enumerated() { block[offset + i] = byte }
        }
        put(entry.name, 0, 100)
        put(entry.type == "5" ? "0000755" : "0000644", 100, 8)
        put("0000000", 108, 8)
        put("0000000", 116, 8)
        let octal = String(entry.content.count, radix: 8)
        put(entry.sizeField ?? String(repeating: "0", count: max(0, 11 - octal.count)) + octal, 124, 12)
        put("00000000000", 136, 12)
        block[156] = entry.type.asciiValue ?? 0x30
        put(entry.linkName, 157, 100)
        put("ustar\u{0}00", 257, 8)
        for i in 148..<156 { block[i] = 0x20 }
        var sum = block.reduce(0) { $0 + Int($1) }
        if entry.badChecksum { sum += 1 }
        let digits = String(sum, radix: 8)
        put(String(repeating: "0", count: 6 - digits.count) + digits, 148, 6)
        block[154] = 0
        block[155] = 0x20
        return block
    }

    /// A tar of `entries`, each header followed by its padded content, then the end marker unless `end` is
    /// `false` (a cut archive).
    public static func tar(_ entries: [Entry], end: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += header(entry)
            bytes += entry.content
            bytes += [UInt8](repeating: 0, count: (512 - entry.content.count % 512) % 512)
        }
        if end { bytes += [UInt8](repeating: 0, count: 1024) }
        return bytes
    }

    /// Whether the `zstd` program is on `PATH`.
    public static var zstdAvailable: Bool { ProcessRunner.which("zstd") != nil }

    /// Compresses `file` with `zstd` (extra `arguments` such as `-19`) into `<file>.zst`; returns its URL.
    @discardableResult
    public static func zstd(_ file: URL, arguments: [String] = []) throws -> URL {
        let output = URL(fileURLWithPath: file.path + ".zst")
        _ = try ImageFixtures.run("zstd", ["-q", "-f", "--no-progress"] + arguments + [file.path, "-o", output.path])
        return output
    }

    /// `bytes` compressed by the `zstd` program.
    public static func zstd(_ bytes: [UInt8], arguments: [String] = []) throws -> [UInt8] {
        let file = try ImageFixtures.temporaryDirectory(prefix: "drydock-zstd").appendingPathComponent("data")
        try Data(bytes).write(to: file)
        return try ImageFixtures.bytes(try zstd(file, arguments: arguments))
    }

    /// A zstd skippable frame (magic `0x184D2A50 + variant`, little-endian length, then `payload`): what
    /// `zstd:chunked` uses for its table of contents.
    public static func skippableFrame(_ payload: [UInt8], variant: UInt8 = 0) -> [UInt8] {
        let magic = UInt32(0x184D_2A50) + UInt32(variant & 0x0f)
        let size = UInt32(payload.count)
        return (0..<4).map { UInt8(truncatingIfNeeded: magic >> (8 * $0)) }
            + (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * $0)) } + payload
    }

    /// Runs `script` with `/bin/sh -c` (for pipelines that stream gigabytes without holding them).
    public static func shell(_ script: String) throws {
        _ = try ImageFixtures.run("/bin/sh", ["-c", script])
    }

    /// A compressed layer: one file entry declaring `size` bytes of zeros, streamed through `compression`
    /// (a decompression bomb when `size` is large). `-19`-style `arguments` go to the compressor.
    public static func zeroBomb(size: Int64, compression: LayerCompression) throws -> URL {
        let work = try ImageFixtures.temporaryDirectory(prefix: "drydock-bomb")
        let head = work.appendingPathComponent("head")
        let octal = String(size, radix: 8)
        let entry = Entry("zeros.bin", sizeField: String(repeating: "0", count: max(0, 11 - octal.count)) + octal)
        try Data(header(entry)).write(to: head)
        let output = work.appendingPathComponent("layer")
        let compressor: String
        switch compression {
        case .none: compressor = "cat"
        case .gzip: compressor = "gzip -9 -n"
        case .zstd: compressor = "zstd -q -c -3"
        }
        try shell(
            "{ cat '\(head.path)'; head -c \(size) /dev/zero; head -c 1024 /dev/zero; } | \(compressor) > '\(output.path)'"
        )
        return output
    }

    /// A zstd-compressed layer of the `prefix` entries then `count` empty files (`d<k>/f<n>`), generated
    /// and compressed as a stream.
    public static func manyEntries(_ count: Int, prefix: [Entry] = []) throws -> URL {
        let work = try ImageFixtures.temporaryDirectory(prefix: "drydock-many")
        let output = work.appendingPathComponent("layer.tar.zst")
        let head = work.appendingPathComponent("head.tar")
        try Data(tar(prefix, end: false)).write(to: head)
        let script = """
            import sys
            out = sys.stdout.buffer
            out.write(open("\(head.path)", "rb").read())
            def header(name):
                b = bytearray(512)
                b[0:len(name)] = name
                b[100:108] = b"0000644\\0"; b[108:116] = b"0000000\\0"; b[116:124] = b"0000000\\0"
                b[124:136] = b"00000000000\\0"; b[136:148] = b"00000000000\\0"; b[156] = 0x30
                b[257:265] = b"ustar\\x0000"; b[148:156] = b" " * 8
                b[148:156] = b"%06o\\0 " % sum(b)
                return bytes(b)
            chunk = []
            for i in range(\(count)):
                chunk.append(header(b"d%d/f%d" % (i // 1000, i)))
                if len(chunk) == 4096:
                    out.write(b"".join(chunk)); chunk = []
            out.write(b"".join(chunk) + bytes(1024))
            """
        let py = work.appendingPathComponent("gen.py")
        try Data(script.utf8).write(to: py)
        try shell("python3 '\(py.path)' | zstd -q -c -1 > '\(output.path)'")
        return output
    }

    /// A legacy `docker save` tarball of one image whose layers are the given uncompressed tar `layers`,
    /// each compressed with `compression`; the config's diffIDs match the layers.
    public static func dockerArchive(
        layers: [[UInt8]], compression: LayerCompression = .none, repoTag: String = "hostile/image:1.0"
    ) throws -> URL {
        let work = try ImageFixtures.temporaryDirectory(prefix: "drydock-hostile")
        var files: [URL] = []
        for (index, layer) in layers.enumerated() {
            let file = work.appendingPathComponent("layer\(index).tar")
            try Data(layer).write(to: file)
            files.append(file)
        }
        return try dockerArchive(layerFiles: files, compression: compression, repoTag: repoTag)
    }

    /// A legacy `docker save` tarball of the uncompressed tar files `layerFiles`, each compressed with
    /// `compression` (`zstd` through the system program); diffIDs match.
    public static func dockerArchive(
        layerFiles: [URL], compression: LayerCompression, repoTag: String = "hostile/image:1.0"
    ) throws -> URL {
        try dockerArchive(
            blobs: layerFiles.map { file in
                let blob: URL
                switch compression {
                case .none: blob = file
                case .gzip: blob = try ImageFixtures.gzip(file)
                case .zstd: blob = try zstd(file)
                }
                return (blob, try ImageFixtures.sha256(file))
            }, repoTag: repoTag)
    }

    /// A legacy `docker save` tarball whose layers are the given blobs (already compressed or not), with
    /// the diffIDs given (`nil` writes a config without diffIDs, so nothing is verified).
    public static func dockerArchive(blobs: [(blob: URL, diffID: String?)], repoTag: String = "hostile/image:1.0")
        throws -> URL
    {
        let work = try ImageFixtures.temporaryDirectory(prefix: "drydock-hostile-image")
        let stage = work.appendingPathComponent("stage", isDirectory: true)
        var paths: [String] = []
        for (index, layer) in blobs.enumerated() {
            let dir = stage.appendingPathComponent("layer\(index)", isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: layer.blob, to: dir.appendingPathComponent("layer.tar"))
            paths.append("layer\(index)/layer.tar")
        }
        var config: [String: Any] = ["architecture": "amd64", "os": "linux", "config": [String: Any]()]
        let diffIDs = blobs.compactMap(\.diffID)
        if diffIDs.count == blobs.count {
            config["rootfs"] = ["type": "layers", "diff_ids": diffIDs]
        }
        try ImageFixtures.json(config).write(to: stage.appendingPathComponent("config.json"))
        let manifest: [[String: Any]] = [["Config": "config.json", "RepoTags": [repoTag], "Layers": paths]]
        try ImageFixtures.json(manifest).write(to: stage.appendingPathComponent("manifest.json"))
        let output = work.appendingPathComponent("image.tar")
        try ImageFixtures.tar(directory: stage, output: output)
        return output
    }
}
