import DrydockImage
import Foundation

/// Targets for image archives and their layers: tar, gzip and zstd framing, manifests, indexes and configs.
enum ImageTargets {
    /// The most a target reads of one entry or stream: enough to reach every parser path, small enough that a
    /// header claiming gigabytes costs nothing.
    static let contentLimit = 1 << 20

    static let all: [FuzzTarget] = [tar, gzip, zstd, layer, imageConfig, imageArchive]

    /// A layer's tar stream: headers (ustar, GNU, PAX, base-256 sizes, long names) and entry contents.
    static let tar = FuzzTarget(
        "tar", "tar headers and entries (ustar, GNU long names, PAX, base-256 sizes)",
        seeds: ["**/*.tar", "**/*.tar.gz"]
    ) { bytes in
        FuzzOutcome.of { try readTar(MemoryByteSource(bytes, chunkLimit: 4096), location: "fuzz.tar") }
    }

    /// gzip framing: members, headers, trailers, concatenation.
    static let gzip = FuzzTarget("gzip", "gzip members and trailers", seeds: ["**/*.gz", "**/*.tgz"]) { bytes in
        FuzzOutcome.of {
            let source = try GzipByteSource(base: MemoryByteSource(bytes), location: "fuzz.gz")
            return counted(try drain(source), "byte")
        }
    }

    /// zstd framing (through the system's libzstd): frames, skippable frames.
    static let zstd = FuzzTarget("zstd", "zstd frames and skippable frames", seeds: ["**/*.zst"]) { bytes in
        FuzzOutcome.of {
            let source = try ZstdByteSource(base: MemoryByteSource(bytes), location: "fuzz.zst")
            return counted(try drain(source), "byte")
        }
    }

    /// A layer as a scan reads it: compression sniffed from the first bytes, then the tar inside.
    static let layer = FuzzTarget(
        "layer", "a layer blob: compression detected, then the tar inside", seeds: ["**/*.tar.gz", "**/*.tar"]
    ) { bytes in
        FuzzOutcome.of {
            let (source, compression) = try Compression.decompressing(MemoryByteSource(bytes), location: "fuzz")
            return compression.rawValue + ", " + (try readTar(source, location: "fuzz layer"))
        }
    }

    /// An image config document (`architecture`, `os`, `rootfs.diff_ids`, `history`).
    static let imageConfig = FuzzTarget("image-config", "an OCI or Docker image config JSON") { bytes in
        FuzzOutcome.of {
            let config = try ImageConfig.parse(bytes, location: "config.json")
            return "\(counted(config.diffIDs.count, "layer")), \(counted(config.history.count, "history entry"))"
        }
    }

    /// A whole `docker save` or OCI archive: `manifest.json`, `index.json`, nested indexes, platform choice,
    /// manifests, configs and layers (read through the archive, diffIDs verified). The bytes are written to one
    /// temporary file per process, since archives are opened by path.
    static let imageArchive = FuzzTarget(
        "image-archive", "a docker-archive or OCI archive tar: manifests, indexes, configs and layers",
        seeds: ["fixtures/images/*.tar.gz", "fixtures/images/*.tar"]
    ) { bytes in
        let path = scratchFile.path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            return .rejected("cannot write \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return FuzzOutcome.of {
            var options = ImageArchive.Options()
            options.maxLayerSize = 64 << 20
            options.maxDocumentSize = 1 << 20
            let archive = try ImageArchive.open(path, options: options)
            var entries = 0
            try archive.forEachLayer { _, reader in
                while try reader.next() != nil { entries += 1 }
            }
            return "\(counted(archive.image.layers.count, "layer")), \(counted(entries, "entry"))"
        }
    }

    /// Reads every entry of a tar stream and up to `contentLimit` bytes of each.
    static func readTar(_ source: any ByteSource, location: String) throws -> String {
        let reader = TarReader(source: source, location: location)
        var entries = 0
        var bytes = 0
        while let entry = try reader.next() {
            entries += 1
            if entry.kind == .file, entry.size <= contentLimit {
                bytes += try reader.readContent(limit: contentLimit).count
            }
        }
        return "\(counted(entries, "entry")), \(counted(bytes, "content byte"))"
    }

    /// Reads `source` to its end or to `contentLimit` bytes, whichever is first.
    static func drain(_ source: any ByteSource) throws -> Int {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var total = 0
        while total < contentLimit {
            let got = try buffer.withUnsafeMutableBytes { raw throws(ImageError) in try source.read(into: raw) }
            if got == 0 { break }
            total += got
        }
        return total
    }
}

/// The file `image-archive` writes its input to (one per process), removed after each input.
let scratchFile = ScratchFile()

/// A temporary file path unique to this process.
final class ScratchFile: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "/drydock-fuzz-\(ProcessInfo.processInfo.processIdentifier).tar"
    }
}
