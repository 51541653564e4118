import DrydockModel
import DrydockVulnDB
import Foundation

/// What a whole scan could check: the OS release, whether the DB holds its advisories, whether the vendor
/// still fixes it, and the packages no advisory was compared with. Every report states it, so that an
/// unknown OS or an uncovered release is never read as "no vulnerabilities".
public struct ScanCoverage: Sendable, Hashable {
    /// The detected distribution, `nil` when none.
    public var operatingSystem: OperatingSystem?
    /// How far the OS packages could be checked.
    public var osState: OSCoverageState
    /// The advisory namespace of the OS release (`Debian:12`), when the family is supported.
    public var osNamespace: String?
    /// Every namespace of the release the DB holds advisories for (`Red Hat:enterprise_linux:9::baseos`, …).
    public var coveredNamespaces: [String] = []
    /// The feeds those advisories came from, as reports name them (`Red Hat CSAF VEX`, `Amazon Linux ALAS`).
    public var feeds: [String] = []
    /// The release's support on the scan day, when the lifecycle table knows it.
    public var support: ReleaseSupport?
    /// Packages not checked, counted by reason, over all targets.
    public var uncheckedByReason: [UnmatchableReason: Int]

    /// Creates a coverage record.
    public init(
        operatingSystem: OperatingSystem?, osState: OSCoverageState, osNamespace: String? = nil,
        support: ReleaseSupport? = nil, uncheckedByReason: [UnmatchableReason: Int] = [:]
    ) {
        self.operatingSystem = operatingSystem
        self.osState = osState
        self.osNamespace = osNamespace
        self.support = support
        self.uncheckedByReason = uncheckedByReason
    }

    /// Assesses a matched inventory: asks `source` whether it holds the OS release's namespace and judges the
    /// release's support on `date` from `table`. `isProject` is set for `fs` scans, which need no OS.
    public static func assess(
        _ inventory: Inventory, result: MatchResult, source: any AdvisorySource, on date: Date,
        table: EndOfLifeTable = .vendors, isProject: Bool = false
    ) throws -> ScanCoverage {
        let os = inventory.operatingSystem
        var namespace: String?
        let state: OSCoverageState
        var covered: [String] = []
        var feeds: [String] = []
        if let os {
            let candidates = AdvisoryNamespace.namespaces(for: os)
            for candidate in candidates where try source.covers(namespace: candidate) {
                covered.append(candidate)
                for format in try source.feeds(namespace: candidate) {
                    let name = FeedName.display(format: format, namespace: candidate)
                    if !feeds.contains(name) { feeds.append(name) }
                }
            }
            // The release is covered when any of its namespaces is (the matcher checks packages against those).
            namespace = covered.first ?? candidates.first
            state = candidates.isEmpty ? .unsupported : covered.isEmpty ? .noAdvisories : .covered
        } else {
            state = isProject ? .notApplicable : .notDetected
        }
        var unchecked: [UnmatchableReason: Int] = [:]
        for target in result.targets {
            for package in target.coverage.unmatchable { unchecked[package.kind, default: 0] += 1 }
            if target.coverage.uncoveredPackageCount > 0 {
                unchecked[.noAdvisories, default: 0] += target.coverage.uncoveredPackageCount
            }
        }
        var coverage = ScanCoverage(
            operatingSystem: os, osState: state, osNamespace: namespace,
            support: os.flatMap { table.support(of: $0, on: date) }, uncheckedByReason: unchecked)
        coverage.coveredNamespaces = covered
        coverage.feeds = feeds
        return coverage
    }

    /// True when the OS (if any is needed) is covered and every package was checked.
    public var isComplete: Bool {
        (osState == .covered || osState == .notApplicable) && uncheckedByReason.values.allSatisfy { $0 == 0 }
    }

    /// The OS as reports name it: `alpine 3.10.4`, `rocky 9.3` for an unsupported one.
    public var osName: String? {
        guard let os = operatingSystem else { return nil }
        let name = os.family == .unknown ? (os.id ?? "unknown") : os.family.rawValue
        return os.version.isEmpty ? name : "\(name) \(os.version)"
    }

    /// One sentence on the OS packages' coverage, for the table and the JSON report.
    public var osSummary: String {
        switch osState {
        case .covered:
            let base = "\(osName ?? "OS"): advisories for \(osNamespace ?? "its release") are in the DB"
            guard !feeds.isEmpty else { return base }
            return base
                + " (checked against \(feeds.joined(separator: ", ")): \(coveredNamespaces.joined(separator: ", ")))"
        case .noAdvisories:
            return "\(osName ?? "OS"): the vulnerability DB has no advisories for \(osNamespace ?? "this release"); "
                + "its packages were NOT checked (unknown, not clean)"
        case .unsupported:
            return "\(osName ?? "OS"): this distribution is not supported; its packages were NOT checked "
                + "(unknown, not clean)"
        case .notDetected:
            return "operating system not detected; OS packages were NOT checked (unknown, not clean)"
        case .notApplicable:
            return "project directory: no operating system to check"
        }
    }

    /// Sentences for what was not checked, in a fixed order (`3 package(s): version cannot be compared`).
    public var uncheckedSummaries: [String] {
        UnmatchableReason.allCases.compactMap { reason in
            guard let count = uncheckedByReason[reason], count > 0 else { return nil }
            return "\(count) package(s) not checked: \(reason.explanation)"
        }
    }
}

/// How far an image's OS packages could be checked.
public enum OSCoverageState: String, Sendable, Hashable, Codable {
    /// The release's namespace has advisories in the DB.
    case covered
    /// The family is supported, but the DB holds no advisory for this release.
    case noAdvisories = "no-advisories"
    /// The distribution is detected but Drydock has no advisory source for it.
    case unsupported
    /// No release file names a distribution.
    case notDetected = "not-detected"
    /// A project directory (`fs`), which has no OS.
    case notApplicable = "not-applicable"
}

extension UnmatchableReason {
    /// The reason in words, for summaries.
    public var explanation: String {
        switch self {
        case .unsupportedOS: "operating system not detected or not supported"
        case .unknownEcosystem: "no advisory source for the package type"
        case .noAdvisories: "the vulnerability DB has no advisories for their namespace"
        case .unparseableVersion: "version cannot be parsed or compared"
        case .other: "other reasons (see the targets)"
        }
    }
}
