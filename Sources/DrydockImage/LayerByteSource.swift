import Crypto

/// The uncompressed stream of one layer: counts bytes against the size and compression-ratio limits and,
/// when asked, hashes them with SHA-256 to check the layer's diffID.
final class LayerByteSource: ByteSource {
    /// Limits on one layer's decompressed stream.
    struct Limits {
        /// Most decompressed bytes.
        var maxSize: Int64
        /// Most decompressed bytes per compressed byte, once `ratioThreshold` bytes are out.
        var maxRatio: Int64
        /// Decompressed bytes before the ratio is checked.
        var ratioThreshold: Int64
    }

    /// Skips are done in steps of this size so limits are checked while a huge entry is passed over.
    private static let skipStep: Int64 = 16 << 20
    private let base: any ByteSource
    private let limits: Limits
    /// The compressed blob under the decompressor, for the ratio check; `nil` for an uncompressed layer.
    private let compressed: CountingByteSource?
    private let location: String
    private var hasher: SHA256?
    private var scratch: UnsafeMutableRawBufferPointer?
    /// Uncompressed bytes read or skipped so far.
    private(set) var total: Int64 = 0

    init(
        base: any ByteSource, limits: Limits, compressed: CountingByteSource?, hashing: Bool, location: String
    ) {
        self.base = base
        self.limits = limits
        self.compressed = compressed
        self.location = location
        self.hasher = hashing ? SHA256() : nil
    }

    deinit {
        scratch?.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let n = try base.read(into: buffer)
        try count(n)
        if n > 0 {
            hasher?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return n
    }

    func skip(_ count: Int64) throws(ImageError) -> Int64 {
        if hasher == nil {
            var skipped: Int64 = 0
            while skipped < count {
                let n = try base.skip(min(count - skipped, Self.skipStep))
                try self.count(Int(n))
                if n == 0 { break }
                skipped += n
            }
            return skipped
        }
        return try discardByReading(count, through: scratchBuffer())
    }

    /// Reads everything left, so the digest covers the whole layer.
    func drain() throws(ImageError) {
        let buffer = scratchBuffer()
        while try read(into: buffer) > 0 {}
    }

    /// `sha256:<hex>` of everything read so far (only when hashing).
    var digest: String? {
        hasher.map { "sha256:" + hexString($0.finalize()) }
    }

    /// `sha256:<hex>` of everything read so far followed by zeros up to the next multiple of `record` bytes
    /// (only when hashing): the digest of the layer as it was before a writer dropped its tar padding.
    func digest(zeroPaddedTo record: Int64) -> String? {
        guard var copy = hasher, record > 0 else { return nil }
        let missing = Int((record - total % record) % record)
        if missing > 0 {
            copy.update(data: [UInt8](repeating: 0, count: missing))
        }
        return "sha256:" + hexString(copy.finalize())
    }

    private func count(_ n: Int) throws(ImageError) {
        total += Int64(n)
        if total > limits.maxSize {
            throw ImageError(
                code: .limitExceeded,
                reason:
                    "layer decompresses to more than \(limits.maxSize) bytes (the maximum layer size, --max-layer-size); decompression bomb?",
                location: location)
        }
        if let compressed, total >= limits.ratioThreshold {
            let input = max(compressed.count, 1)
            if total / input > limits.maxRatio {
                throw ImageError(
                    code: .limitExceeded,
                    reason:
                        "layer decompresses to more than \(limits.maxRatio) times its compressed size (\(total) bytes from \(input); the maximum compression ratio, --max-compression-ratio); decompression bomb?",
                    location: location)
            }
        }
    }

    private func scratchBuffer() -> UnsafeMutableRawBufferPointer {
        if let scratch { return scratch }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ByteSourceDefaults.scratchSize, alignment: 64)
        scratch = buffer
        return buffer
    }
}

/// Passes bytes through and counts them: the compressed side of a layer, for the ratio limit.
final class CountingByteSource: ByteSource {
    private let base: any ByteSource
    /// Bytes read or skipped so far.
    private(set) var count: Int64 = 0

    init(base: any ByteSource) {
        self.base = base
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let n = try base.read(into: buffer)
        count += Int64(n)
        return n
    }

    func skip(_ count: Int64) throws(ImageError) -> Int64 {
        let n = try base.skip(count)
        self.count += n
        return n
    }
}
