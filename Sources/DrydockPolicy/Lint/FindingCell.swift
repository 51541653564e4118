import DrydockModel

/// One combination of the finite-valued facts a rule can test: the unit the shadowed-rule check works in.
///
/// Facts only vulnerabilities have are `nil` for other kinds, and non-vulnerabilities are never reachable or
/// not reachable — the same way ``FindingFacts`` fills them, so a cell stands for findings that can exist.
struct FindingCell: Hashable {
    var kind: FindingKind
    var severity: Severity
    var status: VulnerabilityStatus?
    var fixable: Bool?
    var kev: Bool?
    var reachability: ReachabilityState
    var baseline: BaselineState.Status

    /// Every cell a finding can fall in.
    static let all: [FindingCell] = {
        var cells: [FindingCell] = []
        for kind in FindingKind.allCases {
            for severity in Severity.allCases {
                for baseline in [BaselineState.Status.new, .existing] {
                    guard kind == .vulnerability else {
                        cells.append(
                            FindingCell(
                                kind: kind, severity: severity, reachability: .unknown, baseline: baseline))
                        continue
                    }
                    for status in VulnerabilityStatus.allCases {
                        for fixable in [true, false] {
                            for kev in [true, false] {
                                for reachability in ReachabilityState.allCases {
                                    cells.append(
                                        FindingCell(
                                            kind: kind, severity: severity, status: status, fixable: fixable, kev: kev,
                                            reachability: reachability, baseline: baseline))
                                }
                            }
                        }
                    }
                }
            }
        }
        return cells
    }()

    /// Whether `condition` can hold for a finding in this cell. Conditions on facts outside the cell only
    /// narrow the kinds that have the fact (a CVSS score: vulnerabilities; a package: vulnerabilities and
    /// licenses).
    func allows(_ condition: PolicyCondition) -> Bool {
        switch condition {
        case .severity(let set): set.contains(severity)
        case .kind(let set): set.contains(kind)
        case .status(let set): status.map(set.contains) ?? false
        case .fixable(let value): fixable == value
        case .kev(let value): kev == value
        case .reachability(let set): set.contains(reachability)
        case .baseline(let set): set.contains(baseline)
        case .cvss, .epss, .publishedDays: kind == .vulnerability
        case .packageType, .packageName, .purl: kind == .vulnerability || kind == .license
        case .licenseCategory: kind == .license
        case .openDays, .id, .path, .target, .targetType, .image, .labels: true
        }
    }

    /// Whether every condition of `rule` can hold in this cell.
    func allows(_ rule: PolicyRule) -> Bool {
        rule.conditions.allSatisfy { allows($0.condition) }
    }
}
