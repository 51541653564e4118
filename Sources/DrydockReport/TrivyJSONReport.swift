import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// Writes Trivy's JSON report schema (SchemaVersion 2) with Drydock's additions in added fields only.
///
/// Field names, nesting and meanings follow Trivy so that existing consumers read it unchanged;
/// empty fields are omitted as Trivy omits them. Output is byte-identical for identical inputs
/// apart from `CreatedAt`.
public struct TrivyJSONReport: Sendable {
    /// Include every package of every target under `Packages` (`--list-all-pkgs`).
    public var listAllPackages: Bool

    public init(listAllPackages: Bool = false) {
        self.listAllPackages = listAllPackages
    }

    /// The report as UTF-8 JSON bytes.
    public func render(_ report: ScanReport) -> [UInt8] {
        JSONWriter.write(document(report))
    }

    /// The report as a JSON value.
    public func document(_ report: ScanReport) -> JSONValue {
        var root = JSONObjectBuilder()
        root.add("SchemaVersion", .int(2))
        root.add("CreatedAt", .string(TrivyJSONReport.timestamp(report.createdAt, fractional: true)))
        root.add("ArtifactName", .string(report.artifact.name))
        root.add("ArtifactType", .string(report.artifact.type))
        root.add("Metadata", metadata(report))
        root.add("Results", .array(report.targets.map(result)))
        root.add("Drydock", drydock(report))
        return root.value
    }

    private func metadata(_ report: ScanReport) -> JSONValue {
        var metadata = JSONObjectBuilder()
        if let os = report.operatingSystem {
            var osObject = JSONObjectBuilder()
            osObject.add("Family", .string(os.family.rawValue))
            osObject.add("Name", .string(os.version))
            if report.coverage?.support?.isEndOfLife == true { osObject.add("EOSL", .bool(true)) }
            if os.extendedSupport { osObject.add("extended", .bool(true)) }
            metadata.add("OS", osObject.value)
        }
        let artifact = report.artifact
        metadata.add("ImageID", string: artifact.imageID)
        metadata.add("DiffIDs", strings: artifact.diffIDs)
        metadata.add("RepoTags", strings: artifact.repoTags)
        metadata.add("RepoDigests", strings: artifact.repoDigests)
        if let config = artifact.imageConfigJSON, let parsed = try? JSONParser.parse(config) {
            metadata.add("ImageConfig", parsed)
        }
        metadata.add("Layers", nonEmpty: .array(artifact.layers.map(layer)))
        return metadata.value
    }

    private func layer(_ layer: LayerReference) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Digest", string: layer.digest)
        object.add("DiffID", string: layer.diffID)
        object.add("CreatedBy", string: layer.createdBy)
        return object.value
    }

    private func result(_ target: DecidedTarget) -> JSONValue {
        var object = JSONObjectBuilder()
        let inventoryTarget = target.match.target
        object.add("Target", .string(inventoryTarget.name))
        object.add("Class", .string(inventoryTarget.kind.rawValue))
        object.add("Type", .string(inventoryTarget.type))
        if listAllPackages {
            object.add("Packages", nonEmpty: .array(inventoryTarget.packages.map(package)))
        }
        object.add("Vulnerabilities", nonEmpty: .array(target.reported.map(vulnerability)))
        object.add("Coverage", coverage(target.match.coverage))
        return object.value
    }

    private func coverage(_ coverage: TargetCoverage) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Complete", .bool(coverage.isComplete))
        object.add("Namespaces", strings: coverage.namespaces)
        object.add("UncoveredNamespaces", strings: coverage.uncoveredNamespaces)
        object.add(
            "Unmatchable",
            nonEmpty: .array(
                coverage.unmatchable.map {
                    .object([
                        ("PkgID", .string($0.packageID)), ("Reason", .string($0.reason)),
                        ("Kind", .string($0.kind.rawValue)),
                    ])
                }))
        if coverage.uncoveredPackageCount > 0 {
            object.add("UncoveredPackages", .int(Int64(coverage.uncoveredPackageCount)))
        }
        return object.value
    }

    private func identifier(_ package: Package) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("PURL", string: package.purl)
        return object.value
    }

    private func package(_ package: Package) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("ID", .string(package.id))
        object.add("Name", .string(package.name))
        object.add("Identifier", nonEmpty: identifier(package))
        let version = TrivyVersionFields(package.version, ecosystem: package.ecosystem)
        object.add("Version", .string(version.version))
        object.add("Release", string: version.release)
        if let epoch = version.epoch { object.add("Epoch", .int(Int64(epoch))) }
        object.add("Arch", string: package.architecture)
        object.add("SrcName", string: package.sourceName ?? package.name)
        let source = TrivyVersionFields(package.sourceVersion ?? package.version, ecosystem: package.ecosystem)
        object.add("SrcVersion", .string(source.version))
        object.add("SrcRelease", string: source.release)
        if let epoch = source.epoch { object.add("SrcEpoch", .int(Int64(epoch))) }
        object.add("Licenses", strings: package.licenses)
        object.add("Modularitylabel", string: package.modularityLabel)
        object.add("Relationship", string: package.relationship?.rawValue)
        object.add("DependsOn", strings: package.dependsOn)
        if let layer = package.layer { object.add("Layer", nonEmpty: self.layer(layer)) }
        object.add("FilePath", string: package.filePath)
        object.add("InstalledFiles", strings: package.installedFiles)
        return object.value
    }

    private func vulnerability(_ finding: VulnerabilityFinding) -> JSONValue {
        let advisory = finding.advisory
        var object = JSONObjectBuilder()
        object.add("VulnerabilityID", .string(finding.vulnerabilityID))
        object.add("VendorIDs", strings: finding.allIDs.filter { $0 != finding.vulnerabilityID })
        object.add("PkgID", .string(finding.package.id))
        object.add("PkgName", .string(finding.package.name))
        object.add("PkgIdentifier", nonEmpty: identifier(finding.package))
        object.add("InstalledVersion", .string(finding.package.version))
        object.add("FixedVersion", string: finding.fixedVersion)
        object.add("Status", .string(finding.status.rawValue))
        if let layer = finding.package.layer { object.add("Layer", nonEmpty: self.layer(layer)) }
        object.add("SeveritySource", string: finding.severitySource)
        if !advisory.vendorSeverity.isEmpty {
            object.add(
                "VendorSeverity",
                .object(advisory.vendorSeverity.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.rawValue)) })
            )
        }
        object.add("PrimaryURL", string: TrivyJSONReport.primaryURL(for: finding))
        object.add("DataSource", DataSourceInfo(namespace: finding.namespace, source: advisory.source).json)
        object.add("Title", string: advisory.title)
        object.add("Description", string: advisory.description)
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("CVSS", nonEmpty: TrivyJSONReport.cvss(advisory.cvss))
        object.add("CweIDs", strings: advisory.cweIDs)
        object.add("References", strings: advisory.references)
        if let epss = advisory.epss {
            object.add("EPSS", .object([("Score", .double(epss.score)), ("Percentile", .double(epss.percentile))]))
        }
        if let kev = advisory.knownExploited {
            object.add("KnownExploited", .object([("DateAdded", .string(kev.dateAdded))]))
        }
        if let published = advisory.published {
            object.add("PublishedDate", .string(TrivyJSONReport.timestamp(published, fractional: false)))
        }
        if let modified = advisory.modified {
            object.add("LastModifiedDate", .string(TrivyJSONReport.timestamp(modified, fractional: false)))
        }
        return object.value
    }

    private func drydock(_ report: ScanReport) -> JSONValue {
        var object = JSONObjectBuilder()
        if let database = report.database {
            var db = JSONObjectBuilder()
            db.add("SchemaVersion", .int(Int64(database.schemaVersion)))
            if let builtAt = database.builtAt {
                db.add("BuiltAt", .string(TrivyJSONReport.timestamp(builtAt, fractional: false)))
                db.add("AgeSeconds", .int(Int64(max(0, report.createdAt.timeIntervalSince(builtAt)).rounded())))
            }
            if let nextUpdate = database.nextUpdate {
                db.add("NextUpdate", .string(TrivyJSONReport.timestamp(nextUpdate, fractional: false)))
            }
            db.add("Digest", string: database.digest)
            object.add("Database", db.value)
        }
        object.add(
            "Verdict",
            .object([
                ("Passed", .bool(report.verdict.passed)),
                ("FailingFindings", .int(Int64(report.verdict.failingCount))),
                ("ExitCode", .int(Int64(report.verdict.exitCode))),
            ]))
        object.add("GateFailures", strings: report.verdict.coverageFailures)
        if let coverage = report.coverage { object.add("Coverage", CoverageSection.json(coverage)) }
        object.add("Warnings", strings: report.warnings.map(\.description))
        let kinds = WarningSummary(report.warnings).counts.sorted { $0.key.rawValue < $1.key.rawValue }
        object.add("WarningKinds", nonEmpty: .object(kinds.map { ($0.key.rawValue, .int(Int64($0.value))) }))
        return object.value
    }

    /// CVSS entries grouped by source, as Trivy's `CVSS` map.
    static func cvss(_ scores: [CVSSScore]) -> JSONValue {
        var bySource: [String: JSONObjectBuilder] = [:]
        for score in scores {
            var entry = bySource[score.source] ?? JSONObjectBuilder()
            let prefix = score.version == 2 ? "V2" : score.version == 3 ? "V3" : "V40"
            entry.add("\(prefix)Vector", .string(score.vector))
            if let value = score.score { entry.add("\(prefix)Score", .double(value)) }
            bySource[score.source] = entry
        }
        return .object(bySource.keys.sorted().compactMap { key in bySource[key].map { (key, $0.value) } })
    }

    /// The page users open first for a finding.
    static func primaryURL(for finding: VulnerabilityFinding) -> String? {
        let id = finding.vulnerabilityID
        if id.hasPrefix("CVE-") { return "https://nvd.nist.gov/vuln/detail/\(id)" }
        if id.hasPrefix("GHSA-") { return "https://github.com/advisories/\(id)" }
        if finding.advisory.source == "osv" { return "https://osv.dev/vulnerability/\(id)" }
        return finding.advisory.references.first
    }

    /// RFC 3339 UTC timestamp, as Trivy writes them (`2024-01-02T03:04:05Z`, or `…05.123Z` with `fractional`).
    ///
    /// Formatted by hand: a report writes several dates per finding, and creating an
    /// `ISO8601DateFormatter` for each was most of the time of a scan with many findings.
    static func timestamp(_ date: Date, fractional: Bool) -> String {
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (quotient, remainder) = total.quotientAndRemainder(dividingBy: 1000)
        var seconds = time_t(remainder < 0 ? quotient - 1 : quotient)
        let milliseconds = Int(remainder < 0 ? remainder + 1000 : remainder)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        if fractional { text += String(format: ".%03d", milliseconds) }
        return text + "Z"
    }
}
