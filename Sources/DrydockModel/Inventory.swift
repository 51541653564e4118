/// Everything the catalog found in one target: the OS and the packages, grouped by where they were found.
public struct Inventory: Sendable, Hashable, Codable {
    /// The detected distribution, or `nil` when none was recognised.
    public var operatingSystem: OperatingSystem?
    /// Package groups, one per file or package database they came from.
    public var targets: [InventoryTarget]
    /// Problems met while cataloguing that did not stop it (a skipped malformed record, say), each with its kind.
    public var warnings: [ScanWarning]
    /// Language packages whose file an OS package installed (a jar in a Debian package, a `python3-*`
    /// module), grouped like `targets`, each package's ``Package/installedBy`` naming its OS package.
    ///
    /// They are part of the inventory (SBOMs list them, "which images contain X" finds them) but are never
    /// matched: their vulnerabilities are the OS package's, reported once through it, as Trivy does.
    public var ownedTargets: [InventoryTarget]

    public init(
        operatingSystem: OperatingSystem?, targets: [InventoryTarget], warnings: [ScanWarning] = [],
        ownedTargets: [InventoryTarget] = []
    ) {
        self.operatingSystem = operatingSystem
        self.targets = targets
        self.warnings = warnings
        self.ownedTargets = ownedTargets
    }

    private enum CodingKeys: String, CodingKey {
        case operatingSystem, targets, warnings, ownedTargets
    }

    /// Decodes an inventory; `ownedTargets` may be absent and `warnings` plain messages (values written before
    /// either existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operatingSystem = try container.decodeIfPresent(OperatingSystem.self, forKey: .operatingSystem)
        targets = try container.decode([InventoryTarget].self, forKey: .targets)
        // Warnings were plain messages before they had a kind.
        if let kinded = try? container.decodeIfPresent([ScanWarning].self, forKey: .warnings) {
            warnings = kinded
        } else {
            let messages = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
            warnings = messages.map { ScanWarning($0) }
        }
        ownedTargets = try container.decodeIfPresent([InventoryTarget].self, forKey: .ownedTargets) ?? []
    }

    /// Every package of every target (the matched ones; see ``ownedTargets`` for the rest).
    public var allPackages: [Package] { targets.flatMap(\.packages) }
}

/// A group of packages reported together: the OS packages, or one lockfile's dependencies.
public struct InventoryTarget: Sendable, Hashable, Codable {
    /// What kind of target this is.
    public var kind: TargetKind
    /// The name shown for it: `alpine:3.10 (alpine 3.10.4)` for OS packages, a file path otherwise.
    public var name: String
    /// Trivy's `Type` (`alpine`, `debian`, `pip`, …).
    public var type: String
    /// The packages, sorted by name then version.
    public var packages: [Package]
    /// For a Go binary (`gobinary`), the names in its function table, which tell whether the functions an
    /// advisory names are in it (`VulnerabilityFinding.reachability`); `nil` otherwise, or when the table could
    /// not be read.
    public var goSymbols: GoSymbolSet?

    public init(kind: TargetKind, name: String, type: String, packages: [Package], goSymbols: GoSymbolSet? = nil) {
        self.kind = kind
        self.name = name
        self.type = type
        self.packages = packages
        self.goSymbols = goSymbols
    }
}

/// Trivy's result classes (`Class` in its JSON report).
public enum TargetKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Operating-system packages and their vulnerabilities.
    case osPackages = "os-pkgs"
    /// One lockfile's or metadata file's language packages and their vulnerabilities.
    case languagePackages = "lang-pkgs"
    /// Misconfigurations of one file.
    case config
    /// Secrets in one file.
    case secret
    /// Licenses of packages.
    case license
    /// Licenses found in files (LICENSE, COPYING, headers).
    case licenseFile = "license-file"
}
