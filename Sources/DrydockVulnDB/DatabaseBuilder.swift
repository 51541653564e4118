import DrydockModel
import Foundation
import GRDB

/// Builds a DB file from advisory feeds: the library side of `drydock db build --output FILE SOURCE...`.
public enum DatabaseBuilder {
    /// Imports every source and writes the DB to `output`, replacing it atomically.
    ///
    /// Each source is a file or a directory (walked recursively, hidden entries skipped); formats are
    /// detected by content. Malformed records and unknown files inside directories are skipped and
    /// counted; a missing source or an explicitly named file in no known format fails the build.
    /// The DB is written to a temporary file next to `output` and renamed over it only on success.
    /// Building twice from the same inputs gives the same content apart from `built_at`.
    /// With `writeMetadata`, `metadata.json` (``DatabaseMetadata``) is written beside `output`: `metadata` makes it
    /// (by default from `sourceNames`, which replaces the source paths there, `osv/PyPI` instead of a cache path),
    /// from a summary whose `output` is still the new DB's temporary file. It is staged before the DB's rename and
    /// renamed into place after it, so a full disk fails the build before anything is replaced.
    public static func build(
        output: String, sources: [String], builtAt: Date, drydockVersion: String = "dev",
        importers: [any AdvisoryImporter] = AdvisoryImporters.all, writeMetadata: Bool = true,
        sourceNames: [String]? = nil, metadata: ((BuildSummary) throws(VulnDBError) -> DatabaseMetadata)? = nil,
        progress: (@Sendable (BuildProgress) -> Void)? = nil
    ) throws(VulnDBError) -> BuildSummary {
        let loader = SourceLoader(importers: importers)
        var infos: [SourceInfo] = []
        var warnings: [String] = []
        var merged = MergedAdvisories()
        for (index, source) in sources.enumerated() {
            progress?(BuildProgress(stage: .loading, completed: index, total: sources.count, current: source))
            let loaded = try loader.load(source)
            infos.append(loaded.info)
            warnings += loaded.warnings
            for (format, result) in loaded.results { merged.add(result, format: format, warnings: &warnings) }
        }
        merged.applyEnrichments()
        let rows = merged.rows()
        progress?(
            BuildProgress(
                stage: .writing, completed: sources.count, total: sources.count,
                current: "\(rows.advisories.count) advisories"))
        let temporary = temporaryPath(for: output)
        var summary = BuildSummary(
            output: temporary, sources: infos, advisoryCount: rows.advisories.count,
            affectedCount: rows.affected.count, warnings: warnings)
        removeStaleTemporaries(for: output)
        do throws(VulnDBError) {
            try? FileManager.default.removeItem(atPath: temporary)
            try DatabaseWriter.write(
                path: temporary, builtAt: builtAt, drydockVersion: drydockVersion, sources: infos, rows: rows)
            var staged: AtomicFile?
            if writeMetadata {
                let made: DatabaseMetadata
                if let metadata {
                    made = try metadata(summary)
                } else {
                    made = try DatabaseMetadata.make(
                        for: summary, builtAt: builtAt, drydockVersion: drydockVersion, names: sourceNames)
                }
                staged = try made.stage(forDatabase: output)
            }
            guard rename(temporary, output) == 0 else {
                let reason = ErrnoDescription.describe(errno)
                throw VulnDBError(
                    code: .ioFailure, reason: "cannot move the new DB into place", location: output,
                    underlying: reason)
            }
            try staged?.commit()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        summary.output = output
        return summary
    }

    /// Removes the temporary DB and metadata files a killed build left beside `output` (`.NAME.tmp-PID` whose
    /// process no longer runs): never read by anyone, they only take the disk space the next build needs.
    static func removeStaleTemporaries(for output: String) {
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        let prefixes = [URL(fileURLWithPath: output).lastPathComponent, "metadata.json"].map { ".\($0).tmp-" }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }),
                let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// `DIR/.NAME.tmp-PID` next to `output`, so the final rename stays on one file system.
    static func temporaryPath(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        let directory = url.deletingLastPathComponent().path
        return (directory as NSString).appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    }
}

/// Advisories and affected packages from all sources, merged by ID.
struct MergedAdvisories {
    /// One `affected` row: the package (with its vendor status and rating) and its columns encoded.
    struct AffectedRow {
        var package: AffectedPackage
        var nameKey: String
        var ranges: String
        var versions: String
        var vendorIDs: String
        var goImports: String
        var withdrawn: Bool
    }

    struct Rows {
        var advisories: [ImportedAdvisory]
        var affected: [AffectedRow]
        /// Which feed formats filled each namespace (the documents that gave its rows), sorted.
        var namespaceFeeds: [(namespace: String, format: String)] = []
    }

    private var advisories: [String: ImportedAdvisory] = [:]
    private var affected: [AffectedPackage] = []
    private var namespaceFeeds: Set<NamespaceFeed> = []
    private var enrichments: [String: [ImportedEnrichment]] = [:]
    /// Enrichment records that matched no advisory (NVD, EPSS and KEV cover every CVE).
    private(set) var unusedEnrichments = 0

    /// Adds one document's records. A full record replaces a placeholder with the same ID; of two
    /// full records with one ID the later `modified` wins (the first on a tie), with a warning.
    mutating func add(_ records: ImportedRecords, format: String, warnings: inout [String]) {
        for item in records.affected {
            namespaceFeeds.insert(NamespaceFeed(namespace: item.namespace, format: format))
        }
        for var incoming in records.advisories {
            let id = incoming.advisory.id
            guard var existing = advisories[id] else {
                advisories[id] = incoming
                continue
            }
            let aliases =
                existing.advisory.aliases
                + incoming.advisory.aliases.filter {
                    !existing.advisory.aliases.contains($0)
                }
            let ratings = existing.advisory.vendorSeverity.merging(incoming.advisory.vendorSeverity) { old, _ in old }
            if existing.isPlaceholder && !incoming.isPlaceholder {
                if incoming.advisory.title == nil { incoming.advisory.title = existing.advisory.title }
                existing = incoming
            } else if !existing.isPlaceholder && !incoming.isPlaceholder {
                warnings.append("advisory \(id) appears in more than one record; keeping the most recently modified")
                let newer = (incoming.advisory.modified ?? .distantPast) > (existing.advisory.modified ?? .distantPast)
                if newer { existing = incoming }
            }
            existing.advisory.aliases = aliases
            existing.advisory.vendorSeverity = ratings.merging(existing.advisory.vendorSeverity) { _, new in new }
            advisories[id] = existing
        }
        affected += records.affected
        for enrichment in records.enrichments { enrichments[enrichment.cveID, default: []].append(enrichment) }
    }

    /// Applies NVD/EPSS/KEV enrichment by ID and alias, then re-chooses severities by
    /// ``SeverityPrecedence`` where a rating was added.
    mutating func applyEnrichments() {
        guard !enrichments.isEmpty else { return }
        var used: Set<String> = []
        for (id, var item) in advisories {
            let keys = [id] + item.advisory.aliases
            var changed = false
            for key in keys {
                for enrichment in enrichments[key] ?? [] {
                    enrichment.apply(to: &item.advisory)
                    used.insert(key)
                    changed = true
                }
            }
            guard changed else { continue }
            var ratings = item.advisory.vendorSeverity
            // A rating the record itself gave (step 1 of the import-time resolver) counts as its source's.
            if let severity = item.advisory.severity, let source = item.severitySource, ratings[source] == nil,
                !item.advisory.cvss.contains(where: { $0.source == source })
            {
                ratings[source] = severity
            }
            if let chosen = SeverityPrecedence.choose(vendorSeverity: ratings, cvss: item.advisory.cvss) {
                item.advisory.severity = chosen.0
                item.severitySource = chosen.1
            }
            advisories[id] = item
        }
        unusedEnrichments = enrichments.keys.filter { !used.contains($0) }.count
    }

    /// Rows sorted for writing: advisories by ID, affected packages by lookup key; exact duplicates dropped.
    func rows() -> Rows {
        let sortedAdvisories = advisories.values.sorted { $0.advisory.id < $1.advisory.id }
        let rows = affected.map { item in
            AffectedRow(
                package: item, nameKey: PackageNameKey.make(name: item.packageName, namespace: item.namespace),
                ranges: StoredCoding.encode(ranges: item.ranges), versions: JSONWriter.stringArray(item.versions),
                vendorIDs: JSONWriter.stringArray(item.vendorIDs),
                goImports: StoredCoding.encode(goImports: item.goImports),
                withdrawn: advisories[item.advisoryID]?.advisory.withdrawn != nil)
        }
        // Sort indices, not the rows: swapping rows of seven strings costs more than comparing them.
        let order = rows.indices.sorted { left, right in
            let lhs = rows[left]
            let rhs = rows[right]
            if lhs.package.namespace != rhs.package.namespace { return lhs.package.namespace < rhs.package.namespace }
            if lhs.nameKey != rhs.nameKey { return lhs.nameKey < rhs.nameKey }
            if lhs.package.advisoryID != rhs.package.advisoryID {
                return lhs.package.advisoryID < rhs.package.advisoryID
            }
            if lhs.package.packageName != rhs.package.packageName {
                return lhs.package.packageName < rhs.package.packageName
            }
            if lhs.ranges != rhs.ranges { return lhs.ranges < rhs.ranges }
            if lhs.versions != rhs.versions { return lhs.versions < rhs.versions }
            if lhs.package.module != rhs.package.module {
                return (lhs.package.module ?? "") < (rhs.package.module ?? "")
            }
            if lhs.vendorIDs != rhs.vendorIDs { return lhs.vendorIDs < rhs.vendorIDs }
            if lhs.goImports != rhs.goImports { return lhs.goImports < rhs.goImports }
            if lhs.package.status != rhs.package.status {
                return (lhs.package.status?.rawValue ?? "") < (rhs.package.status?.rawValue ?? "")
            }
            return (lhs.package.severity?.rawValue ?? "") < (rhs.package.severity?.rawValue ?? "")
        }
        var unique: [AffectedRow] = []
        unique.reserveCapacity(rows.count)
        for index in order {
            let row = rows[index]
            if let last = unique.last, last.package == row.package { continue }
            unique.append(row)
        }
        let feeds = namespaceFeeds.sorted { ($0.namespace, $0.format) < ($1.namespace, $1.format) }
        return Rows(
            advisories: sortedAdvisories, affected: unique, namespaceFeeds: feeds.map { ($0.namespace, $0.format) })
    }
}

/// One (namespace, feed format) pair of the `namespace_feeds` table.
private struct NamespaceFeed: Hashable {
    var namespace: String
    var format: String
}

/// Where a DB build is, for progress bars: sources loaded so far out of all, then the write.
public struct BuildProgress: Sendable, Hashable {
    /// A build's stages.
    public enum Stage: Sendable, Hashable {
        /// Reading and parsing source `completed` (0-based) of `total`: `current` is its path.
        case loading
        /// Every source is loaded; the DB file is being written (`current` says how many advisories).
        case writing
    }

    /// The stage.
    public var stage: Stage
    /// Sources fully loaded.
    public var completed: Int
    /// Sources in all.
    public var total: Int
    /// The source being loaded, or what is being written.
    public var current: String

    /// A progress report from its parts.
    public init(stage: Stage, completed: Int, total: Int, current: String) {
        self.stage = stage
        self.completed = completed
        self.total = total
        self.current = current
    }
}
