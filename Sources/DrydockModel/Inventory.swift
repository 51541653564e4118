/// Everything the catalog found in one target: the OS and the packages, grouped by where they were found.
public struct Inventory: Sendable, Hashable, Codable {
    /// The detected distribution, or `nil` when none was recognised.
    public var operatingSystem: OperatingSystem?
    /// Package groups, one per file or package database they came from.
    public var targets: [InventoryTarget]
    /// Problems met while cataloguing that did not stop it (a skipped malformed record, say), each with its kind.
    public var warnings: [ScanWarning]

    public init(operatingSystem: OperatingSystem?, targets: [InventoryTarget], warnings: [ScanWarning] = []) {
        self.operatingSystem = operatingSystem
        self.targets = targets
        self.warnings = warnings
    }

    /// Every package of every target.
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

    public init(kind: TargetKind, name: String, type: String, packages: [Package]) {
        self.kind = kind
        self.name = name
        self.type = type
        self.packages = packages
    }
}

/// Trivy's result classes.
public enum TargetKind: String, Sendable, Hashable, Codable {
    case osPackages = "os-pkgs"
    case languagePackages = "lang-pkgs"
}
