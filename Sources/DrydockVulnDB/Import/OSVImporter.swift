import DrydockModel
import Foundation

/// Imports OSV records (any ecosystem): one JSON object per document.
///
/// Recognised by content: an object with `schema_version`, or with both `id` and `affected`.
/// `ECOSYSTEM` and `SEMVER` ranges are kept; `GIT` ranges (commit hashes no package manager records)
/// are dropped and counted. The ecosystem string is kept whole as the namespace (`Debian:12`,
/// `AlmaLinux:9`, `PyPI`).
public struct OSVImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `osv`.
    public var format: String { "osv" }

    /// An object with `schema_version`, or with `id` and `affected`.
    public func recognizes(_ document: JSONValue) -> Bool {
        guard case .object = document else { return false }
        if document["schema_version"] != nil { return true }
        return document["id"] != nil && document["affected"] != nil
    }

    /// Parses one OSV record; a malformed record yields `skipped: 1` and a warning, not an error.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        do {
            return try record(document, file: file)
        } catch {
            return ImportedRecords(skipped: 1, warnings: ["\(file): skipped malformed OSV record: \(error.reason)"])
        }
    }

    /// The feed an OSV record comes from, by its ID prefix: used as the CVSS and severity source.
    public static func feedName(forID id: String) -> String {
        let prefixes: [(String, String)] = [
            ("GHSA-", "ghsa"), ("GO-", "go"), ("RUSTSEC-", "rustsec"), ("PYSEC-", "pypa"), ("ALSA-", "alma"),
            ("ALBA-", "alma"), ("ALEA-", "alma"), ("DSA-", "debian"), ("DLA-", "debian"), ("USN-", "ubuntu"),
            ("UBUNTU-CVE-", "ubuntu"), ("RLSA-", "rocky"), ("RXSA-", "rocky"), ("CVE-", "nvd"),
        ]
        for (prefix, name) in prefixes where id.hasPrefix(prefix) { return name }
        return "osv"
    }

    private func record(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        guard case .object = document else { throw malformed("the record is not a JSON object") }
        guard let id = try optionalString(document, "id"), !id.isEmpty else { throw malformed("`id` is missing") }
        let aliases = try stringArray(document, "aliases") + Self.distributionAliases(id: id, aliases: [])
        let feed = Self.feedName(forID: id)

        var references: [String] = []
        for reference in try array(document, "references") {
            if let url = reference["url"]?.stringValue { references.append(url) }
        }

        var cvss: [CVSSScore] = []
        var warnings: [String] = []
        for entry in try array(document, "severity") {
            guard let type = entry["type"]?.stringValue, let vector = entry["score"]?.stringValue else {
                throw malformed("a `severity` entry lacks `type` or `score`")
            }
            if type == "Ubuntu" { continue }  // Ubuntu's priority: `vendorRating(_:feed:)`
            if let score = Self.cvssScore(type: type, vector: vector, source: feed) {
                cvss.append(score)
            } else {
                warnings.append("\(file): \(id): ignored unparseable \(type) vector \"\(vector)\"")
            }
        }

        let summary = try optionalString(document, "summary")
        let keepsRows = Self.importsAffectedRows(document, id: id)
        var affected: [AffectedPackage] = []
        var skippedRanges = 0
        for (offset, entry) in try array(document, "affected").enumerated() where keepsRows {
            guard case .object = entry else { throw malformed("`affected[\(offset)]` is not an object") }
            guard let package = entry["package"], let ecosystem = try optionalString(package, "ecosystem"),
                let name = try optionalString(package, "name"), !ecosystem.isEmpty, !name.isEmpty
            else {
                // An entry without a package (a bare GIT repository) cannot match installed packages.
                skippedRanges += (entry["ranges"]?.arrayValue?.count ?? 0)
                continue
            }
            var ranges: [AffectedRange] = []
            for range in try array(entry, "ranges") {
                guard let type = range["type"]?.stringValue else { throw malformed("a range lacks `type`") }
                guard let kind = AffectedRange.Kind(rawValue: type) else {
                    skippedRanges += 1
                    continue
                }
                let events = try Self.events(range["events"], id: id)
                if events.isEmpty { continue }
                ranges.append(AffectedRange(kind: kind, events: events))
            }
            let versions = try stringArray(entry, "versions")
            if ranges.isEmpty && versions.isEmpty { continue }
            let severity =
                (entry["ecosystem_specific"]?["severity"]?.stringValue).flatMap(Severity.init(name:))
                ?? (entry["database_specific"]?["severity"]?.stringValue).flatMap(Severity.init(name:))
                ?? (entry["ecosystem_specific"]?["ubuntu_priority"]?.stringValue).flatMap(Self.ubuntuPriority)
            if let vector = entry["database_specific"]?["cvss"]?.stringValue,
                !cvss.contains(where: { $0.vector == vector }),
                let score = Self.cvssScore(type: nil, vector: vector, source: feed)
            {
                cvss.append(score)
            }
            let named = versions + ranges.flatMap(\.events).map(Self.eventVersion)
            affected.append(
                AffectedPackage(
                    advisoryID: id, namespace: ecosystem, packageName: name, ranges: ranges, versions: versions,
                    module: RPMModuleStreams.module(summary: summary, versions: named), severity: severity))
        }

        let vendorRating = Self.vendorRating(document, summary: summary, feed: feed)
        let (severity, severitySource) = SeverityResolver.resolve(
            recordSeverity: document["database_specific"]?["severity"]?.stringValue ?? vendorRating?.rawValue,
            ids: [id] + aliases, feed: feed, cvss: cvss, packageSeverities: affected.compactMap(\.severity))
        var advisory = Advisory(
            id: id, aliases: aliases, title: summary,
            description: try optionalString(document, "details"), severity: severity, cvss: cvss,
            references: references,
            published: try date(document, "published", id: id, file: file, warnings: &warnings),
            modified: try date(document, "modified", id: id, file: file, warnings: &warnings),
            withdrawn: try date(document, "withdrawn", id: id, file: file, warnings: &warnings), source: format)
        if let rating = document["database_specific"]?["severity"]?.stringValue.flatMap(Severity.init(name:))
            ?? vendorRating, let severitySource
        {
            advisory.vendorSeverity[severitySource] = rating
        }
        return ImportedRecords(
            advisories: [ImportedAdvisory(advisory: advisory, severitySource: severitySource, isPlaceholder: false)],
            affected: affected, records: 1, skippedRanges: skippedRanges, warnings: warnings)
    }

    /// The version an event names.
    static func eventVersion(_ event: RangeEvent) -> String {
        switch event {
        case .introduced(let value), .fixed(let value), .lastAffected(let value), .limit(let value): value
        }
    }

    /// A CVSS score for an OSV `severity` entry; `nil` for other types or unparseable vectors.
    static func cvssScore(type: String?, vector: String, source: String) -> CVSSScore? {
        guard let parsed = CVSSVector(vector) else { return nil }
        if let type {
            let expected: Int
            switch type {
            case "CVSS_V2": expected = 2
            case "CVSS_V3": expected = 3
            case "CVSS_V4": expected = 4
            default: return nil
            }
            guard parsed.version.major == expected else { return nil }
        }
        return CVSSScore(version: parsed.version.major, vector: vector, score: parsed.baseScore, source: source)
    }

    private static func events(_ value: JSONValue?, id: String) throws(VulnDBError) -> [RangeEvent] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue else { throw malformed("`events` is not an array") }
        var events: [RangeEvent] = []
        for event in list {
            guard let members = event.objectValue, let first = members.first, members.count == 1,
                let version = first.value.stringValue
            else { throw malformed("a range event is not a single-member object with a string version") }
            switch first.key {
            case "introduced": events.append(.introduced(version))
            case "fixed": events.append(.fixed(version))
            case "last_affected": events.append(.lastAffected(version))
            case "limit": events.append(.limit(version))
            default: throw malformed("unknown range event `\(first.key)`")
            }
        }
        return events
    }

    private func optionalString(_ object: JSONValue, _ key: String) throws(VulnDBError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw Self.malformed("`\(key)` is not a string") }
        return text
    }

    private func array(_ object: JSONValue, _ key: String) throws(VulnDBError) -> [JSONValue] {
        guard let value = object[key], !value.isNull else { return [] }
        guard let list = value.arrayValue else { throw Self.malformed("`\(key)` is not an array") }
        return list
    }

    private func stringArray(_ object: JSONValue, _ key: String) throws(VulnDBError) -> [String] {
        var strings: [String] = []
        for element in try array(object, key) {
            guard let text = element.stringValue else { throw Self.malformed("`\(key)` holds a non-string") }
            strings.append(text)
        }
        return strings
    }

    /// A time field; an unreadable one is dropped with a warning rather than costing the record
    /// (real feeds write Go's zero time as `1-01-01T00:00:00.000000Z`).
    private func date(
        _ object: JSONValue, _ key: String, id: String, file: String, warnings: inout [String]
    ) throws(VulnDBError) -> Date? {
        guard let text = try optionalString(object, key) else { return nil }
        if text.hasPrefix("0001-01-01") || text.hasPrefix("1-01-01") { return nil }
        guard let date = Timestamp.parse(text) else {
            warnings.append("\(file): \(id): ignored `\(key)` \"\(text)\": not an RFC 3339 time")
            return nil
        }
        return date
    }

    private func malformed(_ reason: String) -> VulnDBError { Self.malformed(reason) }

    private static func malformed(_ reason: String) -> VulnDBError {
        VulnDBError(code: .malformedInput, reason: reason, location: "")
    }
}
