import DrydockModel
import DrydockVersions
import DrydockVulnDB

/// Matches an inventory against advisories, by each package's ecosystem rules.
public struct Matcher: Sendable {
    private let source: any AdvisorySource

    public init(source: any AdvisorySource) {
        self.source = source
    }

    /// Matches every target of `inventory`.
    ///
    /// Lookup failures of the advisory source are rethrown (the DB is unusable); a package whose
    /// version cannot be compared is recorded in the target's coverage, never dropped silently.
    public func match(_ inventory: Inventory) throws -> MatchResult {
        var cache: [String: Bool] = [:]
        var targets: [TargetMatch] = []
        for target in inventory.targets {
            var findings: [VulnerabilityFinding] = []
            var coverage = TargetCoverage()
            var checked = 0
            for package in target.packages {
                let candidates = MatchNamespace.namespaces(for: package, os: inventory.operatingSystem)
                guard let namespace = candidates.first else {
                    coverage.unmatchable.append(
                        Self.unmatchable(package, in: target.kind, os: inventory.operatingSystem))
                    continue
                }
                var covered: [String] = []
                for candidate in candidates {
                    if let known = cache[candidate] {
                        if known { covered.append(candidate) }
                    } else {
                        let answer = try source.covers(namespace: candidate)
                        cache[candidate] = answer
                        if answer { covered.append(candidate) }
                    }
                }
                guard !covered.isEmpty else {
                    coverage.uncoveredPackageCount += 1
                    if !coverage.uncoveredNamespaces.contains(namespace) {
                        coverage.uncoveredNamespaces.append(namespace)
                    }
                    continue
                }
                for name in covered where !coverage.namespaces.contains(name) { coverage.namespaces.append(name) }
                do {
                    findings += try match(package, namespaces: covered)
                    checked += 1
                } catch let error as VersionError {
                    coverage.unmatchable.append(
                        UnmatchablePackage(
                            packageID: package.id, reason: "version cannot be compared: \(error)",
                            kind: .unparseableVersion))
                }
            }
            findings.sort(by: VulnerabilityFinding.reportOrder)
            targets.append(
                TargetMatch(target: target, findings: findings, coverage: coverage, checkedPackageCount: checked))
        }
        return MatchResult(targets: targets)
    }

    /// Why `package` has no namespace: an OS package of an undetected or unsupported OS (or of another
    /// distribution than the detected one), or an ecosystem without advisories.
    static func unmatchable(_ package: Package, in kind: TargetKind, os: OperatingSystem?) -> UnmatchablePackage {
        switch kind {
        case .osPackages:
            let reason =
                if let os, os.family != .unknown {
                    "an \(package.ecosystem.rawValue) package on \(os.family.rawValue): no advisory source"
                } else if let os {
                    "operating system '\(os.id ?? os.prettyName ?? os.version)' is not supported"
                } else {
                    "operating system not detected"
                }
            return UnmatchablePackage(packageID: package.id, reason: reason, kind: .unsupportedOS)
        case .languagePackages, .config, .secret, .license, .licenseFile:
            return UnmatchablePackage(
                packageID: package.id, reason: "no advisory source for this package type", kind: .unknownEcosystem)
        }
    }

    /// The findings for one package in its release's namespaces (the first names the findings), one per
    /// vulnerability (aliases merged).
    ///
    /// Each namespace is searched under every name its vendor may file the package under
    /// (``MatchNamespace/advisoryNames(of:)``: the binary, the source, Red Hat's and SUSE's `SOURCE.src`). Entries
    /// whose vendor status is `not_affected` never match; RPM module streams follow ``RPMModularity`` (Red Hat's
    /// data strictly), Oracle's flavored builds ``OracleFlavor``.
    func match(_ package: Package, namespaces: [String]) throws -> [VulnerabilityFinding] {
        guard let namespace = namespaces.first else { return [] }
        let scheme = VersionScheme(ecosystem: package.ecosystem)
        let version = MatchNamespace.advisoryVersion(of: package)
        var hits: [String: VendorHit] = [:]
        var order: [String] = []
        var candidates: [AffectedPackage] = []
        for space in namespaces {
            for name in MatchNamespace.advisoryNames(of: package) {
                candidates += try source.affectedPackages(namespace: space, packageName: name)
            }
        }
        for affected in candidates where affected.status != .notAffected {
            if package.ecosystem.isRPM {
                let strict = AdvisoryNamespace.ecosystemName(of: affected.namespace) == "Red Hat"
                guard RPMModularity.applies(affected, to: package, strict: strict) else { continue }
            }
            if package.ecosystem == .oracleLinux, !OracleFlavor.applies(affected, to: version) { continue }
            guard try affected.affects(version, scheme: scheme) else { continue }
            let fixes = try affected.fixedVersions(for: version, scheme: scheme)
            if hits[affected.advisoryID] == nil { order.append(affected.advisoryID) }
            hits[affected.advisoryID, default: VendorHit()].add(affected, fixes: fixes)
        }
        var advisories: [Advisory] = []
        for id in order {
            guard let advisory = try source.advisory(id: id), advisory.withdrawn == nil else { continue }
            advisories.append(advisory)
        }
        return AliasGroups.group(advisories).map { group in
            var hit = VendorHit()
            for advisory in group { hit.merge(hits[advisory.id] ?? VendorHit()) }
            return finding(for: group, package: package, namespace: namespace, hit: hit, scheme: scheme)
        }
    }

    private func finding(
        for group: [Advisory], package: Package, namespace: String, hit: VendorHit, scheme: VersionScheme
    ) -> VulnerabilityFinding {
        let ids = AliasGroups.allIDs(of: group)
        let shownID = AliasGroups.preferredID(ids)
        let primary = group.first(where: { $0.id == shownID }) ?? group[0]
        let rated = group.filter { ($0.severity ?? .unknown) != .unknown }
        let severityAdvisory = rated.first(where: { $0.id == primary.id }) ?? rated.first
        let fixed = Self.sortedUnique(hit.fixes, scheme: scheme)
        // The vendor's own rating for this release (Trivy's rule: the data source's severity first): the matching
        // entry's, else the advisory's rating by the namespace's vendor, else the advisory's chosen severity.
        var severity = severityAdvisory?.severity ?? .unknown
        var severitySource = severityAdvisory.map { $0.severitySource ?? $0.source }
        let vendor = AdvisoryNamespace.vendorSeverityKey(of: namespace)
        if let (rating, space) = hit.rating {
            severity = rating
            severitySource = AdvisoryNamespace.vendorSeverityKey(of: space) ?? severitySource
        } else if let vendor, let rating = group.lazy.compactMap({ $0.vendorSeverity[vendor] }).first,
            rating != .unknown
        {
            severity = rating
            severitySource = vendor
        }
        // The report's `VendorSeverity` shows this release's rating under the vendor's key.
        var shown = primary
        if let (rating, space) = hit.rating, let key = AdvisoryNamespace.vendorSeverityKey(of: space) {
            shown.vendorSeverity[key] = rating
        }
        let vendorIDs = hit.vendorIDs.sorted().filter { !ids.contains($0) }
        return VulnerabilityFinding(
            vulnerabilityID: shownID,
            allIDs: ids + vendorIDs,
            package: package,
            fixedVersion: fixed.isEmpty ? nil : fixed.joined(separator: ", "),
            status: fixed.isEmpty ? VulnerabilityStatus.mostActionable(hit.states) ?? .affected : .fixed,
            advisory: shown,
            severity: severity,
            severitySource: severitySource,
            namespace: namespace
        )
    }

    /// Fixed versions without duplicates, lowest first by the scheme (textual order when uncomparable); an RPM
    /// epoch of `0` is left out, as rpm prints versions (`0:3.3.1-2.el9` → `3.3.1-2.el9`).
    static func sortedUnique(_ versions: [String], scheme: VersionScheme) -> [String] {
        var unique: [String] = []
        for var version in versions where version != "0" {
            if scheme == .rpm, version.hasPrefix("0:") { version.removeFirst(2) }
            if !unique.contains(version) { unique.append(version) }
        }
        return unique.sorted { lhs, rhs in
            (try? scheme.compare(lhs, rhs)).map { $0 == .less } ?? (lhs < rhs)
        }
    }
}

extension VulnerabilityFinding {
    /// The order reports list findings in: package name, installed version, vulnerability ID.
    public static func reportOrder(_ lhs: VulnerabilityFinding, _ rhs: VulnerabilityFinding) -> Bool {
        if lhs.package.name != rhs.package.name { return lhs.package.name < rhs.package.name }
        if lhs.package.version != rhs.package.version { return lhs.package.version < rhs.package.version }
        return lhs.vulnerabilityID < rhs.vulnerabilityID
    }
}
