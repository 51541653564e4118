/// Streams the entries of a tar archive (ustar, GNU long names, PAX headers) from a `ByteSource`.
///
/// Placeholder API: the implementation lands with the image work.
public final class TarReader {
    private let source: any ByteSource
    private let location: String

    /// Reads from `source`; `location` names the archive in errors.
    public init(source: any ByteSource, location: String) {
        self.source = source
        self.location = location
    }

    /// The next entry, or `nil` at the end of the archive. Unread content of the previous entry is skipped.
    public func next() throws(ImageError) -> TarEntry? {
        throw ImageError(code: .unsupported, reason: "tar reader not implemented", location: location)
    }

    /// The whole content of the current entry; throws `limitExceeded` when it is larger than `limit` bytes.
    public func readContent(limit: Int) throws(ImageError) -> [UInt8] {
        throw ImageError(code: .unsupported, reason: "tar reader not implemented", location: location)
    }
}
