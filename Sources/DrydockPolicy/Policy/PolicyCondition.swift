import DrydockModel

/// One condition of a policy rule. A rule matches a finding when every one of its conditions does; a list
/// inside one condition matches when any item does.
public enum PolicyCondition: Sendable, Hashable {
    /// `severity`: the finding's severity is one of these.
    case severity(Set<Severity>)
    /// `kind`: vulnerability, misconfiguration, secret or license.
    case kind(Set<FindingKind>)
    /// `status`: the vendor status (Trivy's names: `fixed`, `affected`, `will_not_fix`, …).
    case status(Set<VulnerabilityStatus>)
    /// `fixable`: whether a fixed version is known.
    case fixable(Bool)
    /// `kev`: whether the vulnerability is in CISA's Known Exploited Vulnerabilities catalog.
    case kev(Bool)
    /// `reachability`: reachable, not-reachable or unknown.
    case reachability(Set<ReachabilityState>)
    /// `baseline`: new or existing against `--baseline`.
    case baseline(Set<BaselineState.Status>)
    /// `cvss`: the CVSS base score.
    case cvss(NumberRange)
    /// `epss`: the EPSS probability (0…1).
    case epss(NumberRange)
    /// `publishedDays`: whole days since the advisory was published.
    case publishedDays(NumberRange)
    /// `openDays`: whole days since the finding was first seen (SLA conditions).
    case openDays(NumberRange)
    /// `id`: one of the finding's IDs matches one of these patterns.
    case id([GlobPattern])
    /// `packageType`: the package's purl type.
    case packageType(Set<String>)
    /// `packageName`: the package's name matches one of these patterns.
    case packageName([GlobPattern])
    /// `purl`: the package matches one of these purls (`PackageURL.matches`).
    case purl([PackageURL])
    /// `path`: the target's name or the finding's file matches one of these patterns.
    case path([GlobPattern])
    /// `target`: the target's name matches one of these patterns.
    case target([GlobPattern])
    /// `targetType`: the target's type (`alpine`, `pip`, `gobinary`, `dockerfile`).
    case targetType(Set<String>)
    /// `image`: the image's name, a tag, a repository digest or the image ID matches one of these patterns.
    case image([GlobPattern])
    /// `labels`: every named image label exists and matches its pattern.
    case labels([String: GlobPattern])
    /// `licenseCategory`: a license finding's category (Trivy's `forbidden`, `restricted`, `reciprocal`,
    /// `notice`, `permissive`, `unencumbered`, `unknown`).
    case licenseCategory(Set<LicenseFinding.Category>)

    /// The key the condition is written under.
    public var key: String {
        switch self {
        case .severity: "severity"
        case .kind: "kind"
        case .status: "status"
        case .fixable: "fixable"
        case .kev: "kev"
        case .reachability: "reachability"
        case .baseline: "baseline"
        case .cvss: "cvss"
        case .epss: "epss"
        case .publishedDays: "publishedDays"
        case .openDays: "openDays"
        case .id: "id"
        case .packageType: "packageType"
        case .packageName: "packageName"
        case .purl: "purl"
        case .path: "path"
        case .target: "target"
        case .targetType: "targetType"
        case .image: "image"
        case .labels: "labels"
        case .licenseCategory: "licenseCategory"
        }
    }

    /// Whether the finding with `facts` meets the condition.
    public func matches(_ facts: FindingFacts) -> Bool {
        switch self {
        case .severity(let set): set.contains(facts.severity)
        case .kind(let set): set.contains(facts.kind)
        case .status(let set): facts.status.map(set.contains) ?? false
        case .fixable(let value): facts.fixable == value
        case .kev(let value): facts.inKEV == value
        case .reachability(let set): set.contains(facts.reachability)
        case .baseline(let set): set.contains(facts.baseline)
        case .cvss(let range): facts.cvss.map(range.contains) ?? false
        case .epss(let range): facts.epss.map(range.contains) ?? false
        case .publishedDays(let range): facts.publishedDays.map { range.contains(Double($0)) } ?? false
        case .openDays(let range): range.contains(Double(facts.openDays))
        case .id(let patterns): patterns.contains { pattern in facts.ids.contains(where: pattern.matches) }
        case .packageType(let set): facts.packageType.map(set.contains) ?? false
        case .packageName(let patterns):
            facts.packageName.map { name in patterns.contains { $0.matches(name) } } ?? false
        case .purl(let patterns): facts.purl.map { purl in patterns.contains { $0.matches(purl) } } ?? false
        case .path(let patterns): patterns.contains { pattern in facts.paths.contains(where: pattern.matches) }
        case .target(let patterns): patterns.contains { $0.matches(facts.targetName) }
        case .targetType(let set): set.contains(facts.targetType)
        case .image(let patterns): patterns.contains { pattern in facts.images.contains(where: pattern.matches) }
        case .labels(let required):
            required.allSatisfy { key, pattern in facts.labels[key].map(pattern.matches) ?? false }
        case .licenseCategory(let set): facts.licenseCategory.map(set.contains) ?? false
        }
    }

    /// The condition in words, for decisions and lint messages (`severity CRITICAL`, `cvss >= 9`).
    public var summary: String {
        switch self {
        case .severity(let set):
            "severity \(Severity.allCases.filter(set.contains).map(\.rawValue).joined(separator: "|"))"
        case .kind(let set): "kind \(FindingKind.allCases.filter(set.contains).map(\.rawValue).joined(separator: "|"))"
        case .status(let set): "status \(set.map(\.rawValue).sorted().joined(separator: "|"))"
        case .fixable(let value): value ? "a fix is available" : "no fix is available"
        case .kev(let value): value ? "in CISA KEV" : "not in CISA KEV"
        case .reachability(let set): "reachability \(set.map(\.rawValue).sorted().joined(separator: "|"))"
        case .baseline(let set): "baseline \(set.map(\.rawValue).sorted().joined(separator: "|"))"
        case .cvss(let range): "cvss \(range)"
        case .epss(let range): "epss \(range)"
        case .publishedDays(let range): "published days \(range)"
        case .openDays(let range): "open days \(range)"
        case .id(let patterns): "id \(patterns.map(\.text).joined(separator: "|"))"
        case .packageType(let set): "package type \(set.sorted().joined(separator: "|"))"
        case .packageName(let patterns): "package \(patterns.map(\.text).joined(separator: "|"))"
        case .purl(let purls): "purl \(purls.map(\.description).joined(separator: "|"))"
        case .path(let patterns): "path \(patterns.map(\.text).joined(separator: "|"))"
        case .target(let patterns): "target \(patterns.map(\.text).joined(separator: "|"))"
        case .targetType(let set): "target type \(set.sorted().joined(separator: "|"))"
        case .image(let patterns): "image \(patterns.map(\.text).joined(separator: "|"))"
        case .labels(let labels):
            "labels " + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.text)" }.joined(separator: ",")
        case .licenseCategory(let set):
            "license category "
                + LicenseFinding.Category.allCases.filter(set.contains).map(\.rawValue).joined(separator: "|")
        }
    }
}

/// A condition as written, with its place in the policy file.
public struct LocatedCondition: Sendable, Hashable {
    public var condition: PolicyCondition
    public var location: SourceLocation

    public init(_ condition: PolicyCondition, at location: SourceLocation) {
        self.condition = condition
        self.location = location
    }
}
