import CDrydockZlib

/// How large a document is once gzip-compressed, as GitHub measures an upload.
enum SARIFCompression {
    /// The gzip size of `bytes` (zlib's deflate at the default level, plus gzip's 18 header and trailer
    /// bytes in place of zlib's 6); the uncompressed size when zlib fails.
    static func gzipSize(_ bytes: [UInt8]) -> Int {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(bytes.count), Z_DEFAULT_COMPRESSION)
            }
        }
        return status == Z_OK ? Int(length) + 12 : bytes.count
    }
}
