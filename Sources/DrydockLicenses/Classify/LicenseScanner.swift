import DrydockModel

/// The options of a license scan (Trivy's license flags and config keys).
public struct LicenseScanOptions: Sendable, Hashable {
    /// The categories licenses fall in (`license.forbidden`, …).
    public var categories: LicenseCategories
    /// Classify license files too (`--license-full`).
    public var full: Bool
    /// Matches of license texts at or under this confidence are dropped (`--license-confidence-level`).
    public var confidenceLevel: Double

    public init(categories: LicenseCategories = .trivyDefaults, full: Bool = false, confidenceLevel: Double = 0.9) {
        self.categories = categories
        self.full = full
        self.confidenceLevel = confidenceLevel
    }
}

/// Licenses found in a target, before the gate: Trivy's license results.
public struct LicenseTarget: Sendable, Hashable {
    /// `OS Packages`, a language target's name, or `Loose File License(s)`.
    public var name: String
    /// `license` for packages' licenses, `license-file` for license files.
    public var kind: TargetKind
    public var findings: [LicenseFinding]

    public init(name: String, kind: TargetKind, findings: [LicenseFinding]) {
        self.name = name
        self.kind = kind
        self.findings = findings
    }
}

/// A license file found in the scanned tree, with the licenses its text holds.
public struct LicenseFile: Sendable, Hashable, Codable {
    /// The path, relative to the scanned root.
    public var path: String
    public var matches: [LicenseMatch]
    /// The layer holding it, for images.
    public var layer: LayerReference?

    public init(path: String, matches: [LicenseMatch], layer: LayerReference? = nil) {
        self.path = path
        self.matches = matches
        self.layer = layer
    }
}

/// Turns an inventory's package licenses and the license files found into classified `LicenseFinding`s,
/// grouped as Trivy groups license results: one `OS Packages` target, one target per language target (named
/// as that target), and `Loose File License(s)` for license files.
public enum LicenseScanner {
    /// Trivy's name for the OS packages' license result.
    public static let osTargetName = "OS Packages"
    /// Trivy's name for the license-file result.
    public static let fileTargetName = "Loose File License(s)"

    /// The license results of `inventory`'s packages, then of `files` (when `options.full`); targets without
    /// a license are left out.
    public static func scan(
        _ inventory: Inventory, files: [LicenseFile] = [], options: LicenseScanOptions = LicenseScanOptions()
    ) -> [LicenseTarget] {
        var targets: [LicenseTarget] = []
        var osFindings: [LicenseFinding] = []
        for target in inventory.targets {
            var findings: [LicenseFinding] = []
            for package in target.packages {
                let path = target.kind == .osPackages ? nil : package.filePath ?? target.name
                for license in package.licenses {
                    findings.append(finding(license, package: package, filePath: path, categories: options.categories))
                }
            }
            if target.kind == .osPackages {
                osFindings += findings
            } else if !findings.isEmpty {
                targets.append(LicenseTarget(name: target.name, kind: .license, findings: findings))
            }
        }
        if !osFindings.isEmpty {
            targets.insert(LicenseTarget(name: osTargetName, kind: .license, findings: osFindings), at: 0)
        }
        if options.full {
            var fileFindings: [LicenseFinding] = []
            for file in files {
                for match in file.matches where match.confidence > options.confidenceLevel {
                    var found = finding(
                        match.name, package: nil, filePath: file.path, categories: options.categories)
                    found.confidence = match.confidence
                    found.layer = file.layer
                    fileFindings.append(found)
                }
            }
            if !fileFindings.isEmpty {
                targets.append(LicenseTarget(name: fileTargetName, kind: .licenseFile, findings: fileFindings))
            }
        }
        return targets
    }

    /// One classified license.
    public static func finding(
        _ license: String, package: Package?, filePath: String?, categories: LicenseCategories
    ) -> LicenseFinding {
        let category = categories.category(of: license)
        return LicenseFinding(
            name: license, category: category, severity: LicenseCategories.severity(of: category), package: package,
            filePath: filePath, confidence: 1, link: SPDXIdentifiers.link(for: license))
    }
}
