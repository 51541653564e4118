import Crypto

/// The uncompressed stream of one layer: counts bytes against the size limit and, when asked, hashes
/// them with SHA-256 to check the layer's diffID.
final class LayerByteSource: ByteSource {
    private let base: any ByteSource
    private let limit: Int64
    private let location: String
    private var hasher: SHA256?
    private var scratch: UnsafeMutableRawBufferPointer?
    /// Uncompressed bytes read or skipped so far.
    private(set) var total: Int64 = 0

    init(base: any ByteSource, limit: Int64, hashing: Bool, location: String) {
        self.base = base
        self.limit = limit
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
            let n = try base.skip(count)
            try self.count(Int(n))
            return n
        }
        let buffer = scratchBuffer()
        var skipped: Int64 = 0
        while skipped < count {
            let want = Int(min(count - skipped, Int64(buffer.count)))
            let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if got == 0 { break }
            skipped += Int64(got)
        }
        return skipped
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

    private func count(_ n: Int) throws(ImageError) {
        total += Int64(n)
        if total > limit {
            throw ImageError(
                code: .limitExceeded,
                reason:
                    "layer decompresses to more than \(limit) bytes (the configured maximum layer size); decompression bomb?",
                location: location)
        }
    }

    private func scratchBuffer() -> UnsafeMutableRawBufferPointer {
        if let scratch { return scratch }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ByteSourceDefaults.scratchSize, alignment: 64)
        scratch = buffer
        return buffer
    }
}
