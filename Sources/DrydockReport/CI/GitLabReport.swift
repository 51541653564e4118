import DrydockModel
import DrydockPolicy

/// Writes GitLab's container scanning report (`gl-container-scanning-report.json`, security report schema
/// ``schemaVersion``): every reported vulnerability, OS and language packages alike, with its identifiers
/// (the shown ID and every alias), links, solution and the image and operating system it was found in.
///
/// Field rules follow the schema: `scan.start_time`/`end_time` as `YYYY-MM-DDTHH:MM:SS`, severities in
/// GitLab's words, identifier and link URLs only when they are http(s) or ftp, `name` cut to 255
/// characters, a stable UUID per finding so GitLab tracks it across pipelines.
public struct GitLabReport: Sendable {
    /// The security report schema version written.
    public static let schemaVersion = "15.2.1"

    public var toolVersion: String

    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    public func render(_ report: ScanReport) -> [UInt8] {
        let time = String(TrivyJSONReport.timestamp(report.createdAt, fractional: false).dropLast())
        let tool: JSONValue = .object([
            ("id", .string("drydock")), ("name", .string("Drydock")), ("version", .string(toolVersion)),
            ("vendor", .object([("name", .string("Drydock"))])),
        ])
        let scan: JSONValue = .object([
            ("analyzer", tool), ("scanner", tool), ("type", .string("container_scanning")),
            ("start_time", .string(time)), ("end_time", .string(time)), ("status", .string("success")),
        ])
        let image = TemplateContext.image(report.artifact)
        let os = report.operatingSystem.map { "\($0.family.rawValue) \($0.version)" } ?? "Unknown"
        let artifactID = ReportIdentity.artifactID(report.artifact)
        var vulnerabilities: [JSONValue] = []
        for target in report.targets {
            for finding in target.reportedVulnerabilities {
                vulnerabilities.append(
                    vulnerability(finding, target: target, image: image, os: os, artifactID: artifactID))
            }
        }
        let document: JSONValue = .object([
            ("version", .string(GitLabReport.schemaVersion)), ("scan", scan),
            ("vulnerabilities", .array(vulnerabilities)), ("remediations", .array([])),
        ])
        return JSONWriter.write(document)
    }

    private func vulnerability(
        _ finding: VulnerabilityFinding, target: DecidedTarget, image: String, os: String, artifactID: String?
    ) -> JSONValue {
        let url = TrivyJSONReport.primaryURL(for: finding)
        let identifiers: [JSONValue] = finding.allIDs.map { id in
            var object = JSONObjectBuilder()
            object.add("type", .string(TemplateContext.identifierType(id)))
            object.add("name", .string(id))
            object.add("value", .string(id))
            if id == finding.vulnerabilityID, let url, TemplateContext.isWebURL(url) { object.add("url", .string(url)) }
            return object.value
        }
        var seen: Set<String> = []
        let links: [JSONValue] = ([url].compactMap { $0 } + finding.advisory.references)
            .filter { TemplateContext.isWebURL($0) && seen.insert($0).inserted }
            .map { .object([("url", .string($0))]) }
        let fingerprint = ReportIdentity.fingerprint(
            artifactID: artifactID ?? image, target: target.name, packageID: finding.package.id,
            vulnerabilityID: finding.vulnerabilityID)
        var object = JSONObjectBuilder()
        object.add("id", .string(TemplateContext.uuid(fingerprint)))
        let title = FindingText.title(.vulnerability(finding))
        object.add("name", .string(FindingText.shorten(title.isEmpty ? finding.vulnerabilityID : title, to: 255)))
        object.add("description", string: finding.advisory.description.map { String($0.prefix(1_048_576)) })
        object.add("severity", .string(GitLabReport.severity(finding.severity)))
        object.add(
            "solution",
            .string(finding.fixedVersion.map { "Upgrade \(finding.package.name) to \($0)" } ?? "No solution provided"))
        object.add("identifiers", .array(identifiers))
        object.add("links", nonEmpty: .array(links))
        object.add(
            "location",
            .object([
                (
                    "dependency",
                    .object([
                        ("package", .object([("name", .string(finding.package.name))])),
                        ("version", .string(finding.package.version)),
                    ])
                ),
                ("operating_system", .string(os)), ("image", .string(image)),
            ]))
        return object.value
    }

    /// GitLab's severity words.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "Critical"
        case .high: "High"
        case .medium: "Medium"
        case .low: "Low"
        case .unknown: "Unknown"
        }
    }
}
