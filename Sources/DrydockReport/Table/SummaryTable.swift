import DrydockModel
import DrydockPolicy

/// Trivy's "Report Summary": one row per target with its type and the number of each kind of finding, `-`
/// where the kind does not apply to the target.
struct SummaryTable {
    var style: TableStyle
    var width: Int

    func render(_ targets: [DecidedTarget]) -> String {
        var kinds: [FindingKind] = [.vulnerability]
        let classes = Set(targets.map(\.kind))
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
                        ? String(target.reported.filter { $0.finding.kind == kind }.count) : "-"
                }
        }
        let table = TextTable(
            header: ["Target", "Type"] + kinds.compactMap { headers[$0] }, rows: rows,
            minimumWidths: [0: 16, 1: 6])
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
