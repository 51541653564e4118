import Crypto
import Foundation

/// `metadata.json` beside a DB file: what a scan reads to state the DB's digest and age without
/// opening it, and what an update compares to decide whether to download.
///
/// ```json
/// {"schemaVersion": 2, "builtAt": "2026-11-23T12:00:00Z", "nextUpdate": "2026-11-24T12:00:00Z",
///  "digest": "sha256:…", "drydockVersion": "0.1.0",
///  "sources": [{"name": "osv/PyPI", "format": "osv", "timestamp": "…", "sha256": "…", "records": 120}]}
/// ```
public struct DatabaseMetadata: Sendable, Hashable, Codable {
    /// One feed that went into the DB.
    public struct Source: Sendable, Hashable, Codable {
        /// The input's name (a path for `db build`, `osv/PyPI` or `alpine/v3.19` for `db update`).
        public var name: String
        /// Formats found (`osv`, `alpine-secdb,osv`).
        public var format: String
        /// The feed's own newest time (record `modified`, NVD/KEV/EPSS timestamps), when known.
        public var timestamp: Date?
        /// SHA-256 (hex) over the input's files.
        public var sha256: String
        /// Records imported.
        public var records: Int

        /// Creates a source entry.
        public init(name: String, format: String, timestamp: Date?, sha256: String, records: Int) {
            self.name = name
            self.format = format
            self.timestamp = timestamp
            self.sha256 = sha256
            self.records = records
        }
    }

    /// The DB's schema version.
    public var schemaVersion: Int
    /// When the DB was built.
    public var builtAt: Date
    /// When a newer DB should be looked for.
    public var nextUpdate: Date
    /// `sha256:<hex>` of the DB file.
    public var digest: String
    /// The Drydock version that built it.
    public var drydockVersion: String
    /// Every input, in build order.
    public var sources: [Source]
    /// `true` when `db update` made the DB from the public feeds; a DB made with `db build` is the
    /// user's own and is never replaced by a scan's automatic update.
    public var updatedFromFeeds: Bool?
    /// The feed shards `db update` fetched (`osv/PyPI`, `alpine/v3.20`, `debian`; see
    /// ``DatabaseShards``), or `nil` for a DB made otherwise.
    public var shards: [String]?

    /// Creates metadata.
    public init(
        schemaVersion: Int, builtAt: Date, nextUpdate: Date, digest: String, drydockVersion: String, sources: [Source],
        updatedFromFeeds: Bool? = nil
    ) {
        self.updatedFromFeeds = updatedFromFeeds
        self.schemaVersion = schemaVersion
        self.builtAt = builtAt
        self.nextUpdate = nextUpdate
        self.digest = digest
        self.drydockVersion = drydockVersion
        self.sources = sources
    }

    /// `metadata.json` in the DB file's directory.
    public static func path(forDatabase database: String) -> String {
        (((database as NSString).deletingLastPathComponent) as NSString).appendingPathComponent("metadata.json")
    }

    /// The JSON text, keys sorted, times RFC 3339.
    public func encoded() throws(VulnDBError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        do {
            return Array(try encoder.encode(self)) + [0x0A]
        } catch {
            throw VulnDBError(code: .ioFailure, reason: "cannot encode metadata", location: "", underlying: "\(error)")
        }
    }

    /// Parses `metadata.json` text.
    public static func decode(_ bytes: [UInt8], location: String) throws(VulnDBError) -> DatabaseMetadata {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
            }
            return date
        }
        do {
            return try decoder.decode(DatabaseMetadata.self, from: Data(bytes))
        } catch {
            throw VulnDBError(
                code: .malformedInput, reason: "metadata.json is not valid DB metadata", location: location,
                underlying: "\(error)")
        }
    }

    /// Reads the `metadata.json` beside `database`, or `nil` when there is none.
    public static func read(forDatabase database: String) throws(VulnDBError) -> DatabaseMetadata? {
        let path = path(forDatabase: database)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try decode(Array(data), location: path)
    }

    /// Writes the metadata beside `database` atomically (temporary file, then rename).
    public func write(forDatabase database: String) throws(VulnDBError) {
        try stage(forDatabase: database).commit()
    }

    /// Writes the metadata to a temporary file beside `database`'s `metadata.json`, to be renamed into place by
    /// `commit()` (abandoned when released uncommitted). Staged before a new DB is renamed into place, so
    /// running out of space fails before anything is replaced.
    func stage(forDatabase database: String) throws(VulnDBError) -> AtomicFile {
        let file = try AtomicFile(destination: Self.path(forDatabase: database))
        try file.write(try encoded())
        return file
    }

    /// `sha256:<hex>` of a file, read in 1 MiB chunks.
    public static func digest(ofFile path: String) throws(VulnDBError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw VulnDBError(code: .notFound, reason: "cannot open the file to hash it", location: path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw VulnDBError(
                    code: .ioFailure, reason: "cannot read the file", location: path, underlying: "\(error)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Metadata for a DB just built from `summary`: digest of the file, next update after `interval`.
    public static func make(
        for summary: BuildSummary, builtAt: Date, updateInterval: TimeInterval = 24 * 3600,
        drydockVersion: String, names: [String]? = nil, fromFeeds: Bool = false
    ) throws(VulnDBError) -> DatabaseMetadata {
        let sources = summary.sources.enumerated().map { offset, info in
            Source(
                name: names.flatMap { offset < $0.count ? $0[offset] : nil } ?? info.path, format: info.format,
                timestamp: info.newestModified, sha256: info.sha256, records: info.records)
        }
        return DatabaseMetadata(
            schemaVersion: DatabaseSchema.version, builtAt: builtAt, nextUpdate: builtAt + updateInterval,
            digest: try digest(ofFile: summary.output), drydockVersion: drydockVersion, sources: sources,
            updatedFromFeeds: fromFeeds)
    }
}
