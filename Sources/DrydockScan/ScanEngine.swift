import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// The scan both front ends run after the catalog: match an inventory against an advisory source, assess
/// coverage, decide with a gate and build the ``ScanReport`` that every writer formats.
///
/// The CLI calls the steps one by one (it times each and lets its policy and triage hooks decide); the
/// server calls ``report(inventory:artifact:gate:otherTargets:isProject:database:leadingWarnings:now:)``.
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
        try Self.requireSomethingToCheck(inventory, artifact: artifact)
        let result = try match(inventory)
        let coverage = try assess(inventory, result: result, artifact: artifact, isProject: isProject, now: now)
        let decided = gate.decide(result.targets.map(DetectedTarget.init(match:)) + otherTargets)
        return Self.report(
            inventory: inventory, artifact: artifact, result: result, coverage: coverage, decided: decided,
            verdict: gate.verdict(decided, coverage: coverage), database: database,
            leadingWarnings: leadingWarnings, now: now)
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

    /// The report of decided targets: `leadingWarnings`, then the coverage problems, then end of life.
    public static func report(
        inventory: Inventory, artifact: ArtifactMetadata, result: MatchResult, coverage: ScanCoverage,
        decided: [DecidedTarget], verdict: Verdict, database: DatabaseSummary?, leadingWarnings: [String],
        now: Date
    ) -> ScanReport {
        var warnings = leadingWarnings
        warnings += coverageWarnings(inventory: inventory, result: result, artifact: artifact)
        if let support = coverage.support, support.isEndOfLife, let summary = support.summary {
            warnings.append(summary)
        }
        return ScanReport(
            createdAt: now,
            artifact: artifact,
            operatingSystem: inventory.operatingSystem,
            targets: decided,
            verdict: verdict,
            database: database,
            warnings: warnings, coverage: coverage, inventory: inventory
        )
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
    public static func coverageWarnings(inventory: Inventory, result: MatchResult, artifact: ArtifactMetadata)
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
        for target in result.targets {
            for namespace in target.coverage.uncoveredNamespaces {
                warnings.append(
                    "\(target.target.name): the vulnerability DB has no advisories for \(namespace); its packages were not checked"
                )
            }
            if !target.coverage.unmatchable.isEmpty {
                warnings.append(
                    "\(target.target.name): \(target.coverage.unmatchable.count) package(s) could not be matched (see the report)"
                )
            }
        }
        return warnings
    }
}
