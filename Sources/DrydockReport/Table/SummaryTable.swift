import DrydockModel
import DrydockPolicy

/// Trivy's "Report Summary": one row per target with its type and the number of each kind of finding, `-`
/// where the kind does not apply to the target.
struct SummaryTable {
    var style: TableStyle
    var width: Int

    /// The table; the vulnerability column is shown when a vulnerability scan ran (`vulnerabilities`) or a
    /// target holds packages, as Trivy shows a column per enabled scanner.
    func render(_ targets: [DecidedTarget], vulnerabilities: Bool = true) -> String {
        let classes = Set(targets.map(\.kind))
        let packages = classes.contains(.osPackages) || classes.contains(.languagePackages)
        var kinds: [FindingKind] = vulnerabilities || packages ? [.vulnerability] : []
        if classes.contains(.config) { kinds.append(.misconfiguration) }
        if classes.contains(.secret) { kinds.append(.secret) }
        if classes.contains(.license) || classes.contains(.licenseFile) { kinds.append(.license) }
        let headers: [FindingKind: String] = [
            .vulnerability: "Vulnerabilities", .misconfiguration: "Misconfigurations", .secret: "Secrets",
            .license: "Licenses",
        ]
        let rows: [[String]] = targets.map { target in
            let type: String =
                switch target.kind {
                case .secret: "text"
                case .license, .licenseFile: "-"
                default: target.type
                }
            return [target.name, type]
                + kinds.map { kind in
                    SummaryTable.applies(kind, to: target.kind)
                        ? String(target.reportedProblems.filter { $0.finding.kind == kind }.count) : "-"
                }
        }
        var table = TextTable(
            header: ["Target", "Type"] + kinds.compactMap { headers[$0] }, rows: rows,
            minimumWidths: Dictionary(
                uniqueKeysWithValues: kinds.indices.map { ($0 + 2, headers[kinds[$0]]?.count ?? 4) }
            )
            .merging([0: 16, 1: 6]) { $1 })
        if table.columnWidths(fitting: width).reduce(3 * table.header.count + 1, +) > width {
            // Too narrow for Trivy's headers: the short ones keep every count column one line high.
            let short: [FindingKind: String] = [
                .vulnerability: "Vulns", .misconfiguration: "Misconf", .secret: "Secrets", .license: "Licenses",
            ]
            table.header = ["Target", "Type"] + kinds.compactMap { short[$0] }
            table.minimumWidths = Dictionary(
                uniqueKeysWithValues: kinds.indices.map { ($0 + 2, short[kinds[$0]]?.count ?? 4) }
            ).merging([0: 16, 1: 6]) { $1 }
        }
        let title = style.colour ? "\n\u{1B}[1;4mReport Summary\u{1B}[0m\n\n" : "\nReport Summary\n\n"
        return title + table.render(width: width)
            + "Legend:\n- '-': Not scanned\n- '0': Clean (no security findings detected)\n"
    }

    static func applies(_ kind: FindingKind, to target: TargetKind) -> Bool {
        switch kind {
        case .vulnerability: target == .osPackages || target == .languagePackages
        case .misconfiguration: target == .config
        case .secret: target == .secret
        case .license: target == .license || target == .licenseFile
        }
    }
}
