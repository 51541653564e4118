import DrydockMatch
import DrydockModel
import DrydockPolicy

extension TrivyJSONReport {
    /// CVSS entries grouped by source, as Trivy's `CVSS` map: vectors first, then scores
    /// (`V2Vector`, `V3Vector`, `V40Vector`, `V2Score`, `V3Score`, `V40Score`).
    static func cvss(_ scores: [CVSSScore]) -> JSONValue {
        var bySource: [String: [CVSSScore]] = [:]
        for score in scores { bySource[score.source, default: []].append(score) }
        return .object(
            bySource.keys.sorted().map { source in
                let entries = bySource[source] ?? []
                var object = JSONObjectBuilder()
                for (version, prefix) in [(2, "V2"), (3, "V3"), (4, "V40")] {
                    if let entry = entries.first(where: { $0.version == version }) {
                        object.add("\(prefix)Vector", .string(entry.vector))
                    }
                }
                for (version, prefix) in [(2, "V2"), (3, "V3"), (4, "V40")] {
                    if let score = entries.first(where: { $0.version == version })?.score {
                        object.add("\(prefix)Score", .double(score))
                    }
                }
                return (source, object.value)
            })
    }

    /// The page users open first for a finding.
    static func primaryURL(for finding: VulnerabilityFinding) -> String? {
        let id = finding.vulnerabilityID
        if id.hasPrefix("CVE-") { return "https://nvd.nist.gov/vuln/detail/\(id)" }
        if id.hasPrefix("GHSA-") { return "https://github.com/advisories/\(id)" }
        if finding.advisory.source == "osv" { return "https://osv.dev/vulnerability/\(id)" }
        return finding.advisory.references.first
    }

    /// Trivy's check `Type` for a file type: `Dockerfile Security Check`, `Kubernetes Security Check`.
    static func checkType(fileType: String) -> String {
        let names: [String: String] = [
            "dockerfile": "Dockerfile", "kubernetes": "Kubernetes", "helm": "Helm", "terraform": "Terraform",
            "terraformplan-json": "Terraform Plan JSON", "cloudformation": "CloudFormation", "yaml": "YAML",
            "json": "JSON", "azure-arm": "Azure ARM", "ansible": "Ansible",
        ]
        let name = names[fileType] ?? fileType.prefix(1).uppercased() + fileType.dropFirst()
        return "\(name) Security Check"
    }

    /// Trivy's `Code` object. Every line field is written, as Trivy writes them; `Highlighted` repeats the
    /// content for secrets (Trivy does not colour secret lines) and is left out for configuration files (Trivy
    /// puts terminal colour codes there, which no consumer of the JSON wants).
    static func code(_ snippet: CodeSnippet, highlight: Bool) -> JSONValue {
        guard !snippet.isEmpty else { return .object([("Lines", .null)]) }
        let lines: [JSONValue] = snippet.lines.map { line in
            var object = JSONObjectBuilder()
            object.add("Number", .int(Int64(line.number)))
            object.add("Content", .string(line.content))
            object.add("IsCause", .bool(line.isCause))
            object.add("Annotation", .string(line.annotation))
            object.add("Truncated", .bool(line.truncated))
            if highlight { object.add("Highlighted", string: line.content) }
            object.add("FirstCause", .bool(line.firstCause))
            object.add("LastCause", .bool(line.lastCause))
            return object.value
        }
        return .object([("Lines", .array(lines))])
    }

    /// A target's `Coverage` object (Drydock's addition).
    static func coverage(_ coverage: TargetCoverage, checked: Int) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Complete", .bool(coverage.isComplete))
        if checked > 0 { object.add("CheckedPackages", .int(Int64(checked))) }
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

    /// The `Drydock` object: the DB, the verdict, coverage and warnings.
    func drydock(_ report: ScanReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Version", string: toolVersion)
        if let database = report.database {
            var db = JSONObjectBuilder()
            db.add("SchemaVersion", .int(Int64(database.schemaVersion)))
            if let builtAt = database.builtAt {
                db.add("BuiltAt", .string(TrivyJSONReport.timestamp(builtAt, fractional: false)))
                // From the times as written (milliseconds, whole seconds), so a report read back gives the same age.
                let created = Int64((report.createdAt.timeIntervalSince1970 * 1000).rounded())
                let built = Int64((builtAt.timeIntervalSince1970 * 1000).rounded())
                let builtSeconds = built >= 0 ? built / 1000 : (built - 999) / 1000
                db.add("AgeSeconds", .int(max(0, created - builtSeconds * 1000 + 500) / 1000))
            }
            if let nextUpdate = database.nextUpdate {
                db.add("NextUpdate", .string(TrivyJSONReport.timestamp(nextUpdate, fractional: false)))
            }
            db.add("Digest", string: database.digest)
            object.add("Database", db.value)
        }
        object.add("Verdict", VerdictJSON.json(report.verdict))
        object.add("GateFailures", strings: report.verdict.coverageFailures)
        if !report.supplyChain.isEmpty { object.add("SupplyChain", SupplyChainJSON.json(report.supplyChain)) }
        SupplyChainJSON.attestations(report.attestations, into: &object)
        if let baseline = report.baseline { object.add("Baseline", BaselineJSON.json(baseline, report: report)) }
        if let coverage = report.coverage { object.add("Coverage", CoverageSection.json(coverage)) }
        object.add("Warnings", strings: report.warnings.map(\.description))
        let kinds = WarningSummary(report.warnings).counts.sorted { $0.key.rawValue < $1.key.rawValue }
        object.add("WarningKinds", nonEmpty: .object(kinds.map { ($0.key.rawValue, .int(Int64($0.value))) }))
        return object.value
    }
}
