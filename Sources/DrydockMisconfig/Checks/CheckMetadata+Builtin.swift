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

extension CheckMetadata {
    /// A check ID prefix's provider: its name in long IDs and namespaces, and in reports.
    static let cloudProviders = [
        "AWS": (key: "aws", name: "AWS"), "GCP": (key: "google", name: "Google"), "AZU": (key: "azure", name: "Azure"),
    ]

    /// A built-in cloud check's metadata with Trivy's IDs: `AWS-0086`, `AVD-AWS-0086`, the short code
    /// (`block-public-acls`), the long ID (`aws-s3-block-public-acls`) and tfsec's spelling of it. It reads
    /// objects of the model `kind` (`aws.s3.bucket`) from Terraform and CloudFormation.
    static func cloud(
        _ id: String, service: String, kinds: Set<String>, name: String, title: String, severity: Severity,
        description: String, resolution: String, references: [String] = [], cloudFormation: Bool = true,
        deprecated: Bool = false, extraAliases: [String] = []
    ) -> CheckMetadata {
        // Long IDs tfsec used for checks later moved to another service.
        let moved = [
            "AWS-0099": "aws-vpc-add-description-to-security-group",
            "AWS-0124": "aws-vpc-add-description-to-security-group-rule", "AWS-0104": "aws-vpc-no-public-egress-sgr",
            "AWS-0026": "aws-ebs-enable-volume-encryption", "AWS-0164": "aws-vpc-no-public-ingress-sgr",
        ]
        let prefix = String(id.split(separator: "-")[0])
        let provider = cloudProviders[prefix]?.key ?? prefix.lowercased()
        let longID = "\(provider)-\(service)-\(name)"
        let legacy = provider + (id.split(separator: "-").last.map(String.init) ?? "")
        return CheckMetadata(
            id: id, aliases: ["AVD-\(id)", name, longID] + (moved[id].map { [$0] } ?? []) + extraAliases, title: title,
            description: description,
            resolution: resolution, severity: severity, references: references + [avdURL(id)],
            namespace: "builtin.\(provider).\(service).\(legacy)", provider: cloudProviders[prefix]?.name ?? prefix,
            service: service, fileTypes: cloudFormation ? [.terraform, .cloudformation] : [.terraform], kinds: kinds,
            deprecated: deprecated, primaryURL: avdURL(id))
    }

    /// Whether the check reads cloud objects of the common model (a built-in Terraform/CloudFormation check)
    /// rather than resources as written (a custom check).
    public var readsCloudObjects: Bool {
        !kinds.isEmpty && kinds.allSatisfy { $0.contains(".") }
            && fileTypes.isSubset(of: [.terraform, .cloudformation])
    }
}
