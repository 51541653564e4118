import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// The scan both front ends run after the catalog: match an inventory against an advisory source, assess
/// coverage, decide with a gate and build the ``ScanReport`` that every writer formats.
///
/// The CLI calls the steps one by one (it times each, and decides ``VulnerabilityScan``s, its own or a
/// server's, with its policy and triage hooks); the server calls
/// ``report(inventory:artifact:gate:otherTargets:isProject:database:leadingWarnings:now:)``.
public struct ScanEngine: Sendable {
    /// Where advisories are looked up: the vulnerability DB.
    public let source: any AdvisorySource

    public init(source: any AdvisorySource) {
        self.source = source
    }

    /// Matches, assesses, decides with `gate` and builds the report in one call.
    ///
    /// `otherTargets` are other scanners' results, decided with the vulnerabilities; `leadingWarnings`
    /// go first in the report's warnings (DB update problems, the inventory's own warnings).
    public func report(
        inventory: Inventory, artifact: ArtifactMetadata, gate: Gate, otherTargets: [DetectedTarget] = [],
        isProject: Bool = false, database: DatabaseSummary?, leadingWarnings: [String] = [], now: Date = Date()
    ) throws(ScanEngineError) -> ScanReport {
        let scan = try detect(inventory, artifact: artifact, isProject: isProject, database: database, now: now)
        let decided = gate.decide(scan.targets + otherTargets)
        return ScanReport(
            createdAt: now, artifact: artifact, operatingSystem: inventory.operatingSystem, targets: decided,
            verdict: gate.verdict(decided, coverage: scan.coverage), database: database,
            warnings: (leadingWarnings + scan.warnings).map { ScanWarning($0) }, coverage: scan.coverage,
            inventory: inventory)
    }

    /// The `vuln` scanner: checks that something can be checked, matches and assesses the coverage on `now`.
    /// `isProject` is set for project directories (an `fs` scan, or an SBOM of one), which need no OS.
    public func detect(
        _ inventory: Inventory, artifact: ArtifactMetadata, isProject: Bool = false, database: DatabaseSummary?,
        now: Date
    ) throws(ScanEngineError) -> VulnerabilityScan {
        try Self.requireSomethingToCheck(inventory, artifact: artifact)
        let result = try match(inventory)
        let coverage = try assess(inventory, result: result, artifact: artifact, isProject: isProject, now: now)
        return Self.scan(
            inventory: inventory, artifact: artifact, targets: result.targets.map(DetectedTarget.init(match:)),
            coverage: coverage, database: database)
    }

    /// Matches every target of `inventory`.
    public func match(_ inventory: Inventory) throws(ScanEngineError) -> MatchResult {
        do {
            return try Matcher(source: source).match(inventory)
        } catch {
            throw ScanEngineError(.source, "\(error)", underlying: error)
        }
    }

    /// What the scan could check: the OS release's advisories, its support on `now`, unchecked packages.
    /// `isProject` is set for project directories (an `fs` scan, or an SBOM of one), which need no OS.
    public func assess(
        _ inventory: Inventory, result: MatchResult, artifact: ArtifactMetadata, isProject: Bool, now: Date
    ) throws(ScanEngineError) -> ScanCoverage {
        do {
            return try ScanCoverage.assess(
                inventory, result: result, source: source, on: now,
                isProject: artifact.type == "filesystem" || isProject)
        } catch {
            throw ScanEngineError(.source, "\(error)", underlying: error)
        }
    }

    /// The scan of matched `targets`, with its warnings: the coverage problems, then the end of life summary.
    public static func scan(
        inventory: Inventory, artifact: ArtifactMetadata, targets: [DetectedTarget], coverage: ScanCoverage,
        database: DatabaseSummary?
    ) -> VulnerabilityScan {
        var warnings = coverageWarnings(inventory: inventory, targets: targets, artifact: artifact)
        if let support = coverage.support, support.isEndOfLife, let summary = support.summary {
            warnings.append(summary)
        }
        return VulnerabilityScan(targets: targets, coverage: coverage, database: database, warnings: warnings)
    }

    /// Fails when nothing in the target can be checked: an image whose OS is unknown and that has no
    /// other packages must never be reported as "no vulnerabilities".
    public static func requireSomethingToCheck(_ inventory: Inventory, artifact: ArtifactMetadata)
        throws(ScanEngineError)
    {
        let hasPackages = inventory.targets.contains { !$0.packages.isEmpty }
        // A project directory need not hold an OS; an empty one is simply clean, as Trivy reports it.
        if artifact.type == "filesystem", inventory.operatingSystem == nil { return }
        guard let os = inventory.operatingSystem else {
            if hasPackages { return }
            throw ScanEngineError(
                .nothingToCheck,
                "cannot scan \(artifact.name): operating system not detected (no etc/os-release, usr/lib/os-release, "
                    + "etc/alpine-release or etc/debian_version) and no packages found; nothing could be checked")
        }
        if os.family == .unknown && !hasPackages {
            throw ScanEngineError(
                .nothingToCheck,
                "cannot scan \(artifact.name): operating system '\(os.prettyName ?? os.version)' is not supported "
                    + "(supported distributions: docs/distributions.md); nothing could be checked")
        }
    }

    /// Coverage problems that must be said out loud: an unknown OS or an uncovered release is never "clean".
    public static func coverageWarnings(inventory: Inventory, targets: [DetectedTarget], artifact: ArtifactMetadata)
        -> [String]
    {
        var warnings: [String] = []
        if inventory.operatingSystem == nil, artifact.type != "filesystem" {
            warnings.append(
                "\(artifact.name): operating system not detected (no etc/os-release, etc/alpine-release or etc/debian_version); OS packages were not checked"
            )
        } else if let os = inventory.operatingSystem, os.family == .unknown {
            warnings.append(
                "\(artifact.name): operating system '\(os.prettyName ?? os.version)' is not supported; OS packages were not checked"
            )
        }
        for target in targets {
            guard let coverage = target.coverage else { continue }
            for namespace in coverage.uncoveredNamespaces {
                warnings.append(
                    "\(target.name): the vulnerability DB has no advisories for \(namespace); its packages were not checked"
                )
            }
            if !coverage.unmatchable.isEmpty {
                warnings.append(
                    "\(target.name): \(coverage.unmatchable.count) package(s) could not be matched (see the report)"
                )
            }
        }
        return warnings
    }
}
