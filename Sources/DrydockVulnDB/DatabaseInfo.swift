import Foundation

/// What `drydock db info` shows about a DB file: its schema, age, inputs and coverage.
public struct DatabaseInfo: Sendable, Hashable {
    /// The DB file.
    public var path: String
    /// The schema version the file records.
    public var schemaVersion: Int
    /// When the DB was built.
    public var builtAt: Date?
    /// The Drydock version that built it.
    public var drydockVersion: String?
    /// The inputs it was built from, in the order given to `db build`.
    public var sources: [SourceInfo]
    /// Per namespace: advisories and affected-package rows, sorted by namespace.
    public var namespaces: [NamespaceCount]
    /// Advisory rows in all.
    public var advisoryCount: Int
    /// Alias rows in all.
    public var aliasCount: Int
    /// Affected-package rows in all.
    public var affectedCount: Int

    /// Creates an info value.
    public init(
        path: String, schemaVersion: Int, builtAt: Date?, drydockVersion: String?, sources: [SourceInfo],
        namespaces: [NamespaceCount], advisoryCount: Int, aliasCount: Int, affectedCount: Int
    ) {
        self.path = path
        self.schemaVersion = schemaVersion
        self.builtAt = builtAt
        self.drydockVersion = drydockVersion
        self.sources = sources
        self.namespaces = namespaces
        self.advisoryCount = advisoryCount
        self.aliasCount = aliasCount
        self.affectedCount = affectedCount
    }
}

/// One input of a DB build, as the `sources` table records it.
public struct SourceInfo: Sendable, Hashable, Codable {
    /// The path as given to `db build`.
    public var path: String
    /// The formats found, comma-separated and sorted (`alpine-secdb,osv`).
    public var format: String
    /// Files read (directories are walked recursively; hidden entries are skipped).
    public var files: Int
    /// Records imported (OSV: advisories; Alpine secdb: secfixes entries).
    public var records: Int
    /// Malformed records skipped with a warning.
    public var skipped: Int
    /// Files in a directory whose format no importer recognised.
    public var unknownFiles: Int
    /// Ranges dropped (OSV `GIT` ranges).
    public var skippedRanges: Int
    /// The newest `modified` time among the source's records, when they carry one.
    public var newestModified: Date?
    /// SHA-256 (hex) over the source's files: each file's relative path and content digest, in path order.
    public var sha256: String

    /// Creates a source record.
    public init(
        path: String, format: String, files: Int, records: Int, skipped: Int, unknownFiles: Int,
        skippedRanges: Int, newestModified: Date?, sha256: String
    ) {
        self.path = path
        self.format = format
        self.files = files
        self.records = records
        self.skipped = skipped
        self.unknownFiles = unknownFiles
        self.skippedRanges = skippedRanges
        self.newestModified = newestModified
        self.sha256 = sha256
    }
}

/// How much of one namespace the DB covers.
public struct NamespaceCount: Sendable, Hashable, Codable {
    /// The namespace (`Alpine:v3.10`, `PyPI`).
    public var namespace: String
    /// Distinct advisories with an affected package in it.
    public var advisories: Int
    /// Affected-package rows in it.
    public var affectedPackages: Int

    /// Creates a count.
    public init(namespace: String, advisories: Int, affectedPackages: Int) {
        self.namespace = namespace
        self.advisories = advisories
        self.affectedPackages = affectedPackages
    }
}

/// What `drydock db build` reports when it finishes.
public struct BuildSummary: Sendable, Hashable {
    /// The DB file written.
    public var output: String
    /// One entry per input, in the order given.
    public var sources: [SourceInfo]
    /// Advisory rows written.
    public var advisoryCount: Int
    /// Affected-package rows written.
    public var affectedCount: Int
    /// Skipped records, dropped ranges, duplicate IDs: one line each, naming the file.
    public var warnings: [String]

    /// Creates a summary.
    public init(output: String, sources: [SourceInfo], advisoryCount: Int, affectedCount: Int, warnings: [String]) {
        self.output = output
        self.sources = sources
        self.advisoryCount = advisoryCount
        self.affectedCount = affectedCount
        self.warnings = warnings
    }
}
