import DrydockModel
import DrydockPolicy
import Foundation

/// Writes SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).
///
/// One run per report, with `automationDetails.id` `drydock/ARTIFACT/` so that uploads for different images
/// (or directories) of one repository are separate analyses and never replace each other. One rule per
/// vulnerability, check, secret rule or license, with markdown help and GitHub's `security-severity`; one
/// result per reported finding, with a physical location: the file of the finding (Dockerfile line for a
/// misconfiguration, secret lines, the lockfile of a language package) or, for a package inside an image,
/// `IMAGE/PATH` (the image's repository, then the file the package was read from). Results are ordered most
/// severe first and cut to ``SARIFLimits`` (GitHub's documented maxima), with a warning, when there are more.
public struct SARIFReport: Sendable {
    public var toolVersion: String
    public var limits: SARIFLimits

    public init(toolVersion: String, limits: SARIFLimits = SARIFLimits()) {
        self.toolVersion = toolVersion
        self.limits = limits
    }

    /// The document and the warnings about what had to be left out to stay within `limits`.
    public func render(_ report: ScanReport) -> (bytes: [UInt8], warnings: [String]) {
        let all = SARIFResultBuilder(report: report).entries()
        var kept = all.sorted { $0.severity > $1.severity }
        var warnings: [String] = []
        if kept.count > limits.maxResultsPerRun {
            kept = Array(kept.prefix(limits.maxResultsPerRun))
        }
        var rules = SARIFReport.rules(kept)
        if rules.count > limits.maxRulesPerRun {
            let allowed = Set(rules.prefix(limits.maxRulesPerRun).map(\.id))
            kept = kept.filter { allowed.contains($0.rule.id) }
            rules = SARIFReport.rules(kept)
        }
        var bytes = JSONWriter.write(document(report, entries: kept, rules: rules, note: nil))
        var attempts = 0
        while SARIFCompression.gzipSize(bytes) > limits.maxCompressedBytes, kept.count > 1, attempts < 12 {
            attempts += 1
            let ratio = Double(limits.maxCompressedBytes) / Double(SARIFCompression.gzipSize(bytes))
            kept = Array(kept.prefix(max(1, Int(Double(kept.count) * ratio * 0.9))))
            rules = SARIFReport.rules(kept)
            bytes = JSONWriter.write(document(report, entries: kept, rules: rules, note: nil))
        }
        if kept.count < all.count {
            let note =
                "SARIF output cut to the \(kept.count) most severe of \(all.count) results to stay within GitHub's "
                + "code scanning limits (\(limits.maxResultsPerRun) results and \(limits.maxRulesPerRun) rules per "
                + "run, \(limits.maxCompressedBytes / 1_000_000) MB compressed); use --format json for all of them"
            warnings.append(note)
            bytes = JSONWriter.write(document(report, entries: kept, rules: rules, note: note))
        }
        return (bytes, warnings)
    }

    /// The distinct rules of `entries`, in the order they first appear.
    static func rules(_ entries: [SARIFEntry]) -> [SARIFRule] {
        var seen: Set<String> = []
        return entries.compactMap { seen.insert($0.rule.id).inserted ? $0.rule : nil }
    }

    /// `drydock/ARTIFACT/`: GitHub's category for the analysis (the text up to the last `/`). For an image,
    /// its repository without tag or digest (the first repo tag's, else the reference's), so the next build's
    /// scan replaces this one's alerts while other images keep theirs; for a directory, its path without
    /// leading `./` and `../`.
    static func automationID(_ artifact: ArtifactMetadata) -> String {
        var name = artifact.name
        if artifact.type == "container_image" {
            let reference = artifact.repoTags.first ?? artifact.name
            var repository = Substring(reference)
            if let at = repository.firstIndex(of: "@") { repository = repository[..<at] }
            if let colon = repository.lastIndex(of: ":"), !repository[colon...].contains("/") {
                repository = repository[..<colon]
            }
            name = String(repository)
        }
        let parts = name.split(separator: "/").filter { $0 != "." && $0 != ".." }
        let cleaned = parts.joined(separator: "/")
        return "drydock/\(cleaned.isEmpty ? artifact.type : cleaned)/"
    }

    private func document(_ report: ScanReport, entries: [SARIFEntry], rules: [SARIFRule], note: String?)
        -> JSONValue
    {
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() { index[rule.id] = position }
        var driver = JSONObjectBuilder()
        driver.add("name", .string("Drydock"))
        driver.add("fullName", .string("Drydock container image scanner"))
        driver.add("version", .string(toolVersion))
        driver.add("rules", .array(rules.map(\.json)))
        var run = JSONObjectBuilder()
        run.add("tool", .object([("driver", driver.value)]))
        if let note {
            run.add(
                "invocations",
                .array([
                    .object([
                        ("executionSuccessful", .bool(true)),
                        (
                            "toolExecutionNotifications",
                            .array([
                                .object([
                                    ("level", .string("warning")), ("message", .object([("text", .string(note))])),
                                ])
                            ])
                        ),
                    ])
                ]))
        }
        run.add(
            "automationDetails",
            .object([
                ("description", .object([("text", .string("Drydock scan of \(report.artifact.name)"))])),
                ("id", .string(SARIFReport.automationID(report.artifact))),
            ]))
        run.add("results", .array(entries.map { $0.json(ruleIndex: index[$0.rule.id] ?? 0) }))
        run.add("columnKind", .string("utf16CodeUnits"))
        var properties = JSONObjectBuilder()
        if report.artifact.type == "container_image" {
            properties.add("imageName", .string(report.artifact.name))
            properties.add("repoTags", .strings(report.artifact.repoTags))
            properties.add("repoDigests", .strings(report.artifact.repoDigests))
            properties.add("imageID", string: report.artifact.imageID)
        }
        properties.add("gatePassed", .bool(report.verdict.passed))
        run.add("properties", properties.value)
        return .object([
            ("version", .string("2.1.0")),
            (
                "$schema",
                .string("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
            ),
            ("runs", .array([run.value])),
        ])
    }
}

/// GitHub code scanning's documented maxima for one uploaded SARIF file.
public struct SARIFLimits: Sendable, Hashable {
    /// Results per run (GitHub rejects more than 25,000).
    public var maxResultsPerRun: Int
    /// Rules per run (GitHub rejects more than 25,000).
    public var maxRulesPerRun: Int
    /// Size of the gzip-compressed file (GitHub rejects more than 10 MB).
    public var maxCompressedBytes: Int

    public init(maxResultsPerRun: Int = 25_000, maxRulesPerRun: Int = 25_000, maxCompressedBytes: Int = 10_000_000) {
        self.maxResultsPerRun = maxResultsPerRun
        self.maxRulesPerRun = maxRulesPerRun
        self.maxCompressedBytes = maxCompressedBytes
    }
}
