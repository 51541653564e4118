import DrydockModel
import Foundation

/// One entry of a `.trivyignore` or `.trivyignore.yaml` file, matched with Trivy's rules.
public struct IgnoreEntry: Sendable, Hashable {
    /// The ID as written (`CVE-2019-14697`, `AVD-DS-0002`, `aws-access-key-id`, `GPL-3.0`).
    public var id: String
    /// The kinds of findings it applies to: its section in the YAML form, every kind in the line form.
    public var kinds: Set<FindingKind>
    /// `paths`: the entry applies only to findings in a matching file or target (all when empty).
    public var paths: [GlobPattern]
    /// `purls`: the entry applies only to matching packages (all when empty; findings without a package match).
    public var purls: [PackageURL]
    /// `exp:` / `expired_at`: the entry stops applying at this time (00:00 UTC of the day).
    public var expiresAt: Date?
    /// `statement`: why the finding is set aside.
    public var statement: String?
    /// Where the entry is written.
    public var location: SourceLocation

    public init(
        id: String, kinds: Set<FindingKind> = Set(FindingKind.allCases), paths: [GlobPattern] = [],
        purls: [PackageURL] = [], expiresAt: Date? = nil, statement: String? = nil, location: SourceLocation
    ) {
        self.id = id
        self.kinds = kinds
        self.paths = paths
        self.purls = purls
        self.expiresAt = expiresAt
        self.statement = statement
        self.location = location
    }

    /// Whether the entry names a file or a package, not only an ID.
    public var isScoped: Bool { !paths.isEmpty || !purls.isEmpty }

    /// Whether the entry no longer applies at `now`.
    public func isExpired(at now: Date) -> Bool {
        guard let expiresAt else { return false }
        return expiresAt <= now
    }

    /// Whether the entry names the finding in `context` (expiry not considered).
    ///
    /// Trivy's rules: the ID must equal one of the finding's IDs (a vulnerability's aliases and a check's older
    /// spellings count, which Trivy only does for checks); with `paths`, the target's name or the finding's
    /// file must match one pattern; with `purls`, the finding's package must match one (a finding without a
    /// package matches). A license expression is set aside when each of its licenses is.
    public func matches(_ context: FindingContext) -> Bool {
        let finding = context.finding
        guard kinds.contains(finding.kind), finding.allIDs.contains(id) else { return false }
        return matchesScope(context)
    }

    /// The path and purl conditions alone.
    func matchesScope(_ context: FindingContext) -> Bool {
        if !paths.isEmpty {
            let candidates = IgnoreEntry.pathCandidates(context)
            guard paths.contains(where: { pattern in candidates.contains(where: pattern.matches) }) else {
                return false
            }
        }
        if !purls.isEmpty, let text = context.finding.package?.purl, let purl = PackageURL(text) {
            guard purls.contains(where: { $0.matches(purl) }) else { return false }
        }
        return true
    }

    /// The strings `paths` are matched against, as Trivy chooses them per kind: the result's target and the
    /// package's file for vulnerabilities, the target for checks and secrets, the license's own file for
    /// licenses.
    static func pathCandidates(_ context: FindingContext) -> [String] {
        switch context.finding {
        case .vulnerability(let finding): [context.targetName, finding.package.filePath ?? ""]
        case .misconfiguration, .secret: [context.targetName]
        case .license(let finding): [finding.filePath ?? finding.package?.filePath ?? ""]
        }
    }
}
