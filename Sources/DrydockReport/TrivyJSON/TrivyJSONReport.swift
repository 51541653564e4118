import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// Writes Trivy's JSON report schema (SchemaVersion 2) with Drydock's additions in added fields only.
///
/// Field names, order, nesting and meanings follow Trivy's Go types (`pkg/types`, `pkg/fanal/types`) so that
/// existing consumers (DefectDojo, dashboards, `jq` scripts) read it unchanged; empty fields are omitted where
/// Trivy omits them. `docs/formats.md` lists where each field comes from. Output is byte-identical for
/// identical inputs: `CreatedAt` (and the `ReportID` derived from it) are the only values that change
/// between two scans of the same image. ``TrivyJSONReportReader`` reads every field back, so a saved report
/// re-renders to the same bytes.
public struct TrivyJSONReport: Sendable {
    /// Include every package of every target under `Packages` (`--list-all-pkgs`).
    public var listAllPackages: Bool
    /// Drydock's version, written as `Drydock.Version` when given.
    public var toolVersion: String?

    public init(listAllPackages: Bool = false, toolVersion: String? = nil) {
        self.listAllPackages = listAllPackages
        self.toolVersion = toolVersion
    }

    /// The report as UTF-8 JSON bytes.
    public func render(_ report: ScanReport) -> [UInt8] {
        JSONWriter.write(document(report))
    }

    /// The report as a JSON value.
    public func document(_ report: ScanReport) -> JSONValue {
        let artifactID = ReportIdentity.artifactID(report.artifact)
        var root = JSONObjectBuilder()
        root.add("SchemaVersion", .int(2))
        root.add("ReportID", .string(ReportIdentity.reportID(createdAt: report.createdAt, artifact: report.artifact)))
        root.add("CreatedAt", .string(TrivyJSONReport.timestamp(report.createdAt, fractional: true)))
        root.add("ArtifactID", string: artifactID)
        root.add("ArtifactName", .string(report.artifact.name))
        root.add("ArtifactType", .string(report.artifact.type))
        root.add("Metadata", nonEmpty: metadata(report))
        let context = ResultContext(artifactID: artifactID, listAllPackages: listAllPackages)
        root.add("Results", nonEmpty: .array(report.targets.map { context.result($0) }))
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
        metadata.add("Reference", string: ReportIdentity.reference(artifact))
        if let config = artifact.imageConfigJSON, let parsed = try? JSONParser.parse(config) {
            metadata.add("ImageConfig", parsed)
        }
        metadata.add("Layers", nonEmpty: .array(artifact.layers.map(TrivyJSONReport.layer)))
        return metadata.value
    }

    /// Trivy's `Layer` object.
    static func layer(_ layer: LayerReference) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Digest", string: layer.digest)
        object.add("DiffID", string: layer.diffID)
        object.add("CreatedBy", string: layer.createdBy)
        return object.value
    }

    /// RFC 3339 UTC timestamp, as Trivy writes them: `2024-01-02T03:04:05Z`, and with `fractional` the
    /// milliseconds with trailing zeros dropped, as Go's `RFC3339Nano` does (`…05.12Z`, `…05Z`).
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
        if fractional, milliseconds != 0 {
            var digits = String(format: "%03d", milliseconds)
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }
}

/// Writes one `Results[]` entry; holds what every finding of the report needs (the artifact ID for
/// fingerprints).
struct ResultContext {
    var artifactID: String?
    var listAllPackages: Bool

    func result(_ target: DecidedTarget) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Target", .string(target.name))
        object.add("Class", .string(target.kind.rawValue))
        object.add("Type", string: target.type)
        if listAllPackages {
            object.add("Packages", nonEmpty: .array(target.packages.map { package($0, target: target) }))
        }
        let reported = target.reported
        func findings(_ kind: FindingKind) -> JSONValue {
            .array(reported.filter { $0.finding.kind == kind }.map { decided($0, target: target) })
        }
        object.add("Vulnerabilities", nonEmpty: findings(.vulnerability))
        if target.kind == .config {
            let failures = reported.compactMap(\.finding.misconfiguration).filter { $0.status == .fail }.count
            if failures + target.passedChecks > 0 {
                object.add(
                    "MisconfSummary",
                    .object([("Successes", .int(Int64(target.passedChecks))), ("Failures", .int(Int64(failures)))]))
            }
        }
        object.add("Misconfigurations", nonEmpty: findings(.misconfiguration))
        object.add("Secrets", nonEmpty: findings(.secret))
        object.add("Licenses", nonEmpty: findings(.license))
        object.add(
            "ExperimentalModifiedFindings",
            nonEmpty: .array(target.findings.compactMap { modifiedFinding($0, target: target) }))
        if let coverage = target.coverage {
            object.add("Coverage", TrivyJSONReport.coverage(coverage, checked: target.checkedPackageCount))
        }
        return object.value
    }

    /// Trivy's `PkgIdentifier`: the purl and a UID naming the package within the report.
    func identifier(_ package: Package, target: DecidedTarget) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("PURL", string: package.purl)
        object.add(
            "UID", .string(ReportIdentity.packageUID(package, target: target.name, path: pkgPath(package, target))))
        return object.value
    }

    /// Trivy's `PkgPath`: the file a language package was read from, when that file is not the target itself
    /// (a jar, a wheel's METADATA, a gemspec, a `package.json` under `node_modules` in an image); empty for
    /// OS packages and for lockfile targets.
    func pkgPath(_ package: Package, _ target: DecidedTarget) -> String? {
        guard target.kind == .languagePackages, let path = package.filePath, path != target.name else { return nil }
        return path
    }

    func package(_ package: Package, target: DecidedTarget) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("ID", .string(package.id))
        object.add("Name", .string(package.name))
        object.add("Identifier", identifier(package, target: target))
        let version = TrivyVersionFields(package.version, ecosystem: package.ecosystem)
        object.add("Version", .string(version.version))
        object.add("Release", string: version.release)
        if let epoch = version.epoch, epoch != 0 { object.add("Epoch", .int(Int64(epoch))) }
        object.add("Arch", string: package.architecture)
        if package.isDevelopment { object.add("Dev", .bool(true)) }
        if target.kind == .osPackages || package.sourceName != nil {
            object.add("SrcName", string: package.sourceName ?? package.name)
            let source = TrivyVersionFields(package.sourceVersion ?? package.version, ecosystem: package.ecosystem)
            object.add("SrcVersion", .string(source.version))
            object.add("SrcRelease", string: source.release)
            if let epoch = source.epoch, epoch != 0 { object.add("SrcEpoch", .int(Int64(epoch))) }
        }
        object.add("Licenses", strings: package.licenses)
        object.add("Modularitylabel", string: package.modularityLabel)
        if package.relationship == .indirect { object.add("Indirect", .bool(true)) }
        object.add("Relationship", string: package.relationship?.rawValue)
        object.add("DependsOn", strings: package.dependsOn)
        if let layer = package.layer { object.add("Layer", nonEmpty: TrivyJSONReport.layer(layer)) }
        object.add("FilePath", string: package.filePath)
        object.add("InstalledFiles", strings: package.installedFiles)
        object.add("Vendor", string: package.vendor)
        object.add("Ecosystem", .string(package.ecosystem.rawValue))
        return object.value
    }
}
