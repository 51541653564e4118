import DrydockModel

extension CheckMetadata {
    /// The page of a Trivy check ID on Aqua's vulnerability database (`https://avd.aquasec.com/misconfig/ds-0002`).
    static func avdURL(_ id: String) -> String { "https://avd.aquasec.com/misconfig/\(id.lowercased())" }

    /// The pre-2024 spelling of a check ID: `DS-0002` → `DS002`, `KSV-0017` → `KSV017`, `KSV-01010` → `KSV01010`.
    static func legacyID(_ id: String) -> String {
        let parts = id.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let number = Int(parts[1]) else { return id.filter { $0 != "-" } }
        let plain = String(number)
        let digits =
            parts[1].count > 4 ? String(parts[1]) : String(repeating: "0", count: max(0, 3 - plain.count)) + plain
        return "\(parts[0])\(digits)"
    }

    /// A built-in Dockerfile check's metadata, with Trivy's IDs: `AVD-DS-0002`, `DS002` and the long names
    /// (`least-privilege-user`, `docker-least-privilege-user`).
    static func dockerfile(
        _ id: String, names: [String], title: String, severity: Severity, description: String, resolution: String,
        references: [String] = [], deprecated: Bool = false
    ) -> CheckMetadata {
        let legacy = legacyID(id)
        return CheckMetadata(
            id: id, aliases: ["AVD-\(id)", legacy] + names + names.map { "docker-\($0)" }, title: title,
            description: description, resolution: resolution, severity: severity,
            references: references + [avdURL(id)], namespace: "builtin.dockerfile.\(legacy)", provider: "Dockerfile",
            fileTypes: [.dockerfile], deprecated: deprecated, primaryURL: avdURL(id))
    }

    /// A built-in Kubernetes check's metadata. `legacy` overrides the old spelling where Trivy's package
    /// name differs from the rule (`KSV0108`).
    static func kubernetes(
        _ id: String, names: [String], legacy: String? = nil, title: String, severity: Severity, description: String,
        resolution: String, references: [String] = [], kinds: Set<String> = [], standards: [String] = [],
        deprecated: Bool = false
    ) -> CheckMetadata {
        let legacy = legacy ?? legacyID(id)
        let longNames = names.flatMap { $0.hasPrefix("kubernetes-") ? [$0] : [$0, "kubernetes-\($0)"] }
        return CheckMetadata(
            id: id, aliases: ["AVD-\(id)", legacy] + longNames, title: title, description: description,
            resolution: resolution, severity: severity, references: references + [avdURL(id)],
            namespace: "builtin.kubernetes.\(legacy)", provider: "Kubernetes", fileTypes: [.kubernetes],
            kinds: kinds, standards: standards, deprecated: deprecated, primaryURL: avdURL(id))
    }

    /// Drydock's own checks (no Trivy equivalent): `DRY-…` IDs and no Trivy namespace.
    static func drydock(
        _ id: String, fileTypes: Set<ConfigFileType>, title: String, severity: Severity, description: String,
        resolution: String, references: [String] = [], kinds: Set<String> = []
    ) -> CheckMetadata {
        CheckMetadata(
            id: id, title: title, description: description, resolution: resolution, severity: severity,
            references: references, provider: fileTypes.contains(.dockerfile) ? "Dockerfile" : "Kubernetes",
            fileTypes: fileTypes, kinds: kinds)
    }
}
