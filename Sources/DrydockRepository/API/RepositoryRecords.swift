import DrydockModel
import Foundation

/// One name an image is known by: registry host, repository path and tag (or `@sha256:` digest).
public struct ImageReferenceRecord: Sendable, Hashable, Codable {
    public var registry: String
    public var repository: String
    /// The tag (`1.2`), or the digest for a reference by digest; empty when the reference had neither.
    public var tag: String

    public init(registry: String, repository: String, tag: String) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
    }

    /// Splits `registry.example:5000/team/app:1.2`, `alpine:3.19` (Docker Hub, `library/alpine`) or
    /// `app@sha256:…` the way Docker does: the first component is a registry when it holds `.` or `:` or is
    /// `localhost`.
    public init(parsing text: String) {
        var rest = Substring(text)
        var tag = ""
        if let at = rest.firstIndex(of: "@") {
            tag = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            if tag.isEmpty { tag = String(rest[rest.index(after: colon)...]) }
            rest = rest[..<colon]
        }
        let parts = rest.split(separator: "/", maxSplits: 1)
        if parts.count == 2, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
            registry = String(parts[0])
            repository = String(parts[1])
        } else {
            registry = "docker.io"
            repository = parts.count == 1 ? "library/\(rest)" : String(rest)
        }
        self.tag = tag
    }

    /// `registry/repository:tag` (or `@digest`).
    public var description: String {
        let base = "\(registry)/\(repository)"
        if tag.isEmpty { return base }
        return tag.hasPrefix("sha256:") ? "\(base)@\(tag)" : "\(base):\(tag)"
    }
}

/// Where a stored inventory came from.
public enum ScanSource: String, Sendable, Hashable, Codable {
    /// A scan a client sent (`drydock image --server`).
    case scan
    /// An SBOM pushed with `drydock push-sbom`.
    case sbom
}

/// One vulnerability finding as the repository keeps it: enough to answer queries and build webhooks,
/// without the advisory's full text.
public struct StoredFinding: Sendable, Hashable, Codable {
    /// The result (target) it was found in (`app (alpine 3.10.4)`, `Python`).
    public var target: String
    public var vulnerabilityID: String
    /// The ID and every alias (`CVE-…`, `GHSA-…`).
    public var allIDs: [String]
    public var packageName: String
    public var installedVersion: String
    public var purl: String?
    public var severity: Severity
    public var fixedVersion: String?
    public var status: VulnerabilityStatus
    public var title: String?
    /// The advisory's entry in CISA's Known Exploited Vulnerabilities catalog (date added, due date,
    /// ransomware use), as the DB last matched had it; `nil` when it is not listed.
    public var knownExploited: KnownExploited?

    public init(
        target: String, vulnerabilityID: String, allIDs: [String], packageName: String, installedVersion: String,
        purl: String?, severity: Severity, fixedVersion: String?, status: VulnerabilityStatus, title: String?,
        knownExploited: KnownExploited? = nil
    ) {
        self.knownExploited = knownExploited
        self.target = target
        self.vulnerabilityID = vulnerabilityID
        self.allIDs = allIDs
        self.packageName = packageName
        self.installedVersion = installedVersion
        self.purl = purl
        self.severity = severity
        self.fixedVersion = fixedVersion
        self.status = status
        self.title = title
    }

    /// The finding of `vulnerability` in target `target`.
    public init(_ vulnerability: VulnerabilityFinding, target: String) {
        self.init(
            target: target, vulnerabilityID: vulnerability.vulnerabilityID,
            allIDs: vulnerability.allIDs.isEmpty ? [vulnerability.vulnerabilityID] : vulnerability.allIDs,
            packageName: vulnerability.package.name, installedVersion: vulnerability.package.version,
            purl: vulnerability.package.purl, severity: vulnerability.severity,
            fixedVersion: vulnerability.fixedVersion, status: vulnerability.status,
            title: vulnerability.advisory.title, knownExploited: vulnerability.advisory.knownExploited)
    }

    /// What identifies the finding within one image across scans.
    public var key: String { "\(target)|\(packageName)|\(installedVersion)|\(vulnerabilityID)" }
}

/// An inventory to keep, with its findings, as one scan or SBOM push delivers it.
public struct StoredScan: Sendable, Hashable {
    /// The key the image is stored under: its image ID (`sha256:` of the config) when known.
    public var digest: String
    public var artifact: ArtifactMetadata
    public var inventory: Inventory
    public var references: [ImageReferenceRecord]
    /// `team`, `environment`, `namespace` and any other label.
    public var labels: [String: String]
    public var scannedAt: Date
    public var source: ScanSource
    public var findings: [StoredFinding]

    public init(
        digest: String, artifact: ArtifactMetadata, inventory: Inventory, references: [ImageReferenceRecord],
        labels: [String: String], scannedAt: Date, source: ScanSource, findings: [StoredFinding]
    ) {
        self.digest = digest
        self.artifact = artifact
        self.inventory = inventory
        self.references = references
        self.labels = labels
        self.scannedAt = scannedAt
        self.source = source
        self.findings = findings
    }
}

/// What changed in one image's open findings: by a scan, or by a rescan after a DB update.
public struct ImageChanges: Sendable, Hashable, Codable {
    public var digest: String
    public var name: String
    public var references: [String]
    public var labels: [String: String]
    /// Findings that appeared.
    public var new: [StoredFinding]
    /// Findings that are gone (fixed upstream, withdrawn, or the package changed).
    public var fixed: [StoredFinding]
    /// Findings whose severity changed: the finding as it is now, and the severity it had.
    public var severityChanged: [SeverityChange]
    /// Open findings whose advisory was added to CISA's KEV catalog (known exploited) by this DB update.
    public var knownExploited: [StoredFinding]

    public init(
        digest: String, name: String, references: [String] = [], labels: [String: String] = [:],
        new: [StoredFinding] = [], fixed: [StoredFinding] = [], severityChanged: [SeverityChange] = [],
        knownExploited: [StoredFinding] = []
    ) {
        self.knownExploited = knownExploited
        self.digest = digest
        self.name = name
        self.references = references
        self.labels = labels
        self.new = new
        self.fixed = fixed
        self.severityChanged = severityChanged
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { new.isEmpty && fixed.isEmpty && severityChanged.isEmpty && knownExploited.isEmpty }
}

/// A finding whose severity changed.
public struct SeverityChange: Sendable, Hashable, Codable {
    public var finding: StoredFinding
    public var previousSeverity: Severity

    public init(finding: StoredFinding, previousSeverity: Severity) {
        self.finding = finding
        self.previousSeverity = previousSeverity
    }
}
