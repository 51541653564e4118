/// A feed format that is not one JSON document per file (OVAL XML, advisory YAML): the importer gets the
/// file's content, decompressed where the file is compressed, and returns values with no I/O.
///
/// Recognised by content: ``recognizes(head:)`` sees the first bytes of the (decompressed) content.
public protocol AdvisoryFileImporter: Sendable {
    /// The format's name as `db info` shows it (`oval`, `wolfi-advisories`).
    var format: String { get }

    /// Whether content starting with `head` (at most ``FeedFile/headLength`` bytes) is in this format.
    func recognizes(head: [UInt8]) -> Bool

    /// Turns one file into advisories and affected packages.
    func parse(_ file: FeedFile) throws(VulnDBError) -> ImportedRecords
}

/// One input file's content as read from disk, decompressed on demand.
public struct FeedFile: Sendable {
    /// How many leading bytes ``AdvisoryFileImporter/recognizes(head:)`` sees.
    public static let headLength = 4096
    /// The most a compressed file may expand to when read whole (streaming readers have no limit).
    public static let decompressedLimit = 1 << 31

    /// The path, for messages.
    public let path: String
    /// The bytes on disk.
    public let bytes: [UInt8]

    /// A file's content.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Whether the bytes are bzip2-compressed.
    public var isBzip2: Bool { Bzip2Reader.isBzip2(bytes) }

    /// The first ``headLength`` bytes of the content, decompressed.
    public func head() throws(VulnDBError) -> [UInt8] {
        guard isBzip2 else { return Array(bytes.prefix(Self.headLength)) }
        let reader = Bzip2Reader(bytes, file: path)
        var head = [UInt8](repeating: 0, count: Self.headLength)
        var filled = 0
        while filled < head.count {
            let count = try head.withUnsafeMutableBufferPointer { (buffer) throws(VulnDBError) -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return try reader.read(into: base + filled, capacity: buffer.count - filled)
            }
            if count == 0 { break }
            filled += count
        }
        return Array(head[0..<filled])
    }

    /// The whole content, decompressed.
    public func content() throws(VulnDBError) -> [UInt8] {
        guard isBzip2 else { return bytes }
        return try Bzip2Reader(bytes, file: path).readAll(limit: Self.decompressedLimit)
    }
}

extension AdvisoryImporters {
    /// The importers for formats that are not one JSON document per file, tried in order on every file
    /// that no JSON importer took.
    public static let files: [any AdvisoryFileImporter] = [OVALImporter(), WolfiAdvisoryImporter()]
}
