import CDrydockZlib
import Foundation

/// Streaming gzip through zlib for DB artifacts: a ``GzipFile/Writer`` compresses into an
/// ``AtomicFile`` chunk by chunk, ``GzipFile/decompress(_:to:limit:)`` inflates one file into another,
/// so a DB bundle is never held whole in memory.
public enum GzipFile {
    /// Whether the file at `path` starts with the gzip magic bytes.
    public static func isGzip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 2)).map { [UInt8]($0) } ?? []
        return magic == [0x1f, 0x8b]
    }

    /// Compresses bytes written to it and appends the gzip stream to an ``AtomicFile``.
    /// Used by one caller at a time; call `finish()` once, after the last `write`.
    public final class Writer {
        private let stream: UnsafeMutablePointer<z_stream>
        private let output: AtomicFile
        private var out = [UInt8](repeating: 0, count: 1 << 16)
        private var open = true

        /// A writer appending to `output` at compression `level` (zlib's 0...9).
        public init(output: AtomicFile, level: Int32 = 6) throws(VulnDBError) {
            self.output = output
            stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            let status = deflateInit2_(
                stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deallocate()
                throw VulnDBError(
                    code: .ioFailure, reason: "cannot start gzip compression (zlib \(status))",
                    location: output.destination)
            }
        }

        deinit {
            if open { deflateEnd(stream) }
            stream.deinitialize(count: 1)
            stream.deallocate()
        }

        /// Compresses `bytes` into the output.
        public func write(_ bytes: some Collection<UInt8>) throws(VulnDBError) {
            try run(Array(bytes), flush: Z_NO_FLUSH)
        }

        /// Ends the gzip stream (trailer included); the writer cannot be used afterwards.
        public func finish() throws(VulnDBError) {
            try run([], flush: Z_FINISH)
            deflateEnd(stream)
            open = false
        }

        private func run(_ input: [UInt8], flush: Int32) throws(VulnDBError) {
            var input = input
            let count = input.count
            let result: (status: Int32, chunks: [[UInt8]]) = input.withUnsafeMutableBytes { inBuffer in
                stream.pointee.next_in = inBuffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(count)
                var chunks: [[UInt8]] = []
                while true {
                    let (status, produced) = out.withUnsafeMutableBytes { outBuffer -> (Int32, Int) in
                        stream.pointee.next_out = outBuffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                        stream.pointee.avail_out = UInt32(outBuffer.count)
                        let status = deflate(stream, flush)
                        return (status, outBuffer.count - Int(stream.pointee.avail_out))
                    }
                    if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR { return (status, chunks) }
                    if produced > 0 { chunks.append(Array(out.prefix(produced))) }
                    let done = flush == Z_FINISH ? status == Z_STREAM_END : stream.pointee.avail_in == 0
                    if done || (status == Z_BUF_ERROR && produced == 0) { return (Z_OK, chunks) }
                }
            }
            stream.pointee.next_in = nil
            for chunk in result.chunks { try output.write(chunk) }
            guard result.status == Z_OK else {
                throw VulnDBError(
                    code: .ioFailure, reason: "gzip compression failed (zlib \(result.status))",
                    location: output.destination)
            }
        }
    }

    /// Inflates the gzip file at `source` into `destination` (not committed); refuses output beyond
    /// `limit` bytes and streams that are damaged or end early.
    public static func decompress(_ source: String, to destination: AtomicFile, limit: Int64) throws(VulnDBError) {
        guard let handle = FileHandle(forReadingAtPath: source) else {
            throw VulnDBError(code: .notFound, reason: "cannot open the compressed bundle", location: source)
        }
        defer { try? handle.close() }
        func damaged(_ why: String) -> VulnDBError {
            VulnDBError(code: .verificationFailed, reason: "the gzip bundle is damaged: \(why)", location: source)
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw damaged("cannot start zlib")
        }
        var out = [UInt8](repeating: 0, count: 1 << 16)
        var total: Int64 = 0
        var ended = false
        while !ended {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw VulnDBError(code: .ioFailure, reason: "cannot read", location: source, underlying: "\(error)")
            }
            if chunk.isEmpty { throw damaged("the stream ends early (truncated?)") }
            var input = [UInt8](chunk)
            let count = input.count
            var pieces: [[UInt8]] = []
            let status: Int32 = input.withUnsafeMutableBytes { inBuffer in
                stream.pointee.next_in = inBuffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(count)
                while true {
                    let (status, produced) = out.withUnsafeMutableBytes { outBuffer -> (Int32, Int) in
                        stream.pointee.next_out = outBuffer.baseAddress?.assumingMemoryBound(to: Bytef.self)
                        stream.pointee.avail_out = UInt32(outBuffer.count)
                        let status = inflate(stream, Z_NO_FLUSH)
                        return (status, outBuffer.count - Int(stream.pointee.avail_out))
                    }
                    if produced > 0 { pieces.append(Array(out.prefix(produced))) }
                    if status == Z_STREAM_END { return status }
                    if status == Z_BUF_ERROR || (status == Z_OK && stream.pointee.avail_in == 0 && produced == 0) {
                        return Z_OK
                    }
                    if status != Z_OK { return status }
                }
            }
            stream.pointee.next_in = nil
            for piece in pieces {
                total += Int64(piece.count)
                if total > limit { throw damaged("it inflates beyond \(limit) bytes") }
                try destination.write(piece)
            }
            switch status {
            case Z_STREAM_END: ended = true
            case Z_OK: continue
            default: throw damaged("zlib error \(status)")
            }
        }
    }
}
