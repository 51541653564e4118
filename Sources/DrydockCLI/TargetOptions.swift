import ArgumentParser
import DrydockCatalog
import DrydockModel

/// Flags that choose what in the target is read and reported, with Trivy's names.
struct TargetOptions: ParsableArguments {
    @OptionGroup var paths: PathFilterOptions

    @Option(
        name: [.long, .customLong("vuln-type")],
        help: "Package types to scan: os, library (comma-separated; --vuln-type is the older name).")
    var pkgTypes: String = "os,library"

    @Option(
        name: .long,
        help: "Package relationships to scan: unknown, root, workspace, direct, indirect (comma-separated).")
    var pkgRelationships: String = PackageSelection.allRelationships.joined(separator: ",")

    @Flag(name: .long, help: "Also scan dependencies lockfiles mark as development-only.")
    var includeDevDeps = false

    @Option(
        name: .long,
        help:
            "precise (default) or comprehensive: also report language packages an OS package installed, besides it.")
    var detectionPriority: DetectionPriority = .precise

    @Option(name: .long, help: "Accepted for Trivy compatibility: Drydock reads layers one after another.")
    var parallel: Int = 5

    @Flag(name: .long, help: "Trivy's deprecated --slow (--parallel 1): accepted, no effect.")
    var slow = false

    mutating func validate() throws {
        _ = try packageSelection()
        if parallel < 0 { throw ValidationError("--parallel \(parallel): expected 0 (automatic) or more") }
    }

    /// The paths to skip and the extra files to read.
    func pathFilter() throws -> PathFilter { try paths.pathFilter() }

    /// `pathFilter()` once `validate()` has passed (it cannot fail then).
    var resolvedFilter: PathFilter { paths.resolvedFilter }

    /// `packageSelection()` once `validate()` has passed (it cannot fail then).
    var resolvedSelection: PackageSelection {
        (try? packageSelection())
            ?? PackageSelection(kinds: [.osPackages, .languagePackages], relationships: Set(Self.relationships))
    }

    private static let relationships = PackageSelection.allRelationships

    /// How the inventory is assembled from what was read.
    var mergeOptions: MergeOptions {
        MergeOptions(
            keepOSOwnedLanguagePackages: detectionPriority == .comprehensive,
            includeDevelopmentDependencies: includeDevDeps)
    }

    /// The package types and relationships kept.
    func packageSelection() throws -> PackageSelection {
        var kinds: Set<TargetKind> = []
        for type in pkgTypes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch type {
            case "os": kinds.insert(.osPackages)
            case "library": kinds.insert(.languagePackages)
            default: throw ValidationError("--pkg-types: unknown type '\(type)' (use os, library)")
            }
        }
        var relationships: Set<String> = []
        for name in pkgRelationships.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
        {
            guard PackageSelection.allRelationships.contains(name) else {
                throw ValidationError(
                    "--pkg-relationships: unknown relationship '\(name)' (use "
                        + PackageSelection.allRelationships.joined(separator: ", ") + ")")
            }
            relationships.insert(name)
        }
        return PackageSelection(kinds: kinds, relationships: relationships)
    }

    /// Values given as repeated options, comma-separated, or both.
    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }
}

/// Trivy's flags that leave paths out of the target or read more files (`--skip-dirs`, `--skip-files`,
/// `--file-patterns`): the scan commands' and `drydock config`'s.
struct PathFilterOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Folders to leave out (globs with ** as Trivy takes them; repeat or comma-separate).")
    var skipDirs: [String] = []

    @Option(name: .long, help: "Files to leave out (globs with **; repeat or comma-separate).")
    var skipFiles: [String] = []

    @Option(
        name: .long,
        help: "Extra files to read as TYPE:REGEX (pip:requirements-.*\\.txt); repeat or comma-separate.")
    var filePatterns: [String] = []

    mutating func validate() throws {
        _ = try pathFilter()
    }

    /// The paths to skip and the extra files to read.
    func pathFilter() throws -> PathFilter {
        var filter = PathFilter()
        for pattern in TargetOptions.split(skipDirs) {
            guard let glob = PathGlob(pattern) else {
                throw ValidationError("--skip-dirs \(pattern): unbalanced [ or {")
            }
            filter.skipDirectories.append(glob)
        }
        for pattern in TargetOptions.split(skipFiles) {
            guard let glob = PathGlob(pattern) else {
                throw ValidationError("--skip-files \(pattern): unbalanced [ or {")
            }
            filter.skipFiles.append(glob)
        }
        for text in TargetOptions.split(filePatterns) {
            guard let pattern = FilePattern(text) else {
                throw ValidationError("--file-patterns \(text): expected TYPE:REGEX with a valid regular expression")
            }
            filter.filePatterns.append(pattern)
        }
        return filter
    }

    /// `pathFilter()` once `validate()` has passed (it cannot fail then).
    var resolvedFilter: PathFilter { (try? pathFilter()) ?? PathFilter() }
}

/// Trivy's `--detection-priority`.
enum DetectionPriority: String, ExpressibleByArgument, CaseIterable {
    case precise
    case comprehensive
}

/// Which packages a scan keeps (`--pkg-types`, `--pkg-relationships`).
struct PackageSelection: Equatable {
    /// Trivy's relationship names, in its order.
    static let allRelationships = ["unknown", "root", "workspace", "direct", "indirect"]

    var kinds: Set<TargetKind>
    var relationships: Set<String>

    /// Whether everything is kept.
    var keepsEverything: Bool {
        kinds.isSuperset(of: [.osPackages, .languagePackages]) && relationships.count == Self.allRelationships.count
    }

    /// `inventory` with only the selected package types and relationships; the OS stays known.
    func apply(to inventory: Inventory) -> Inventory {
        guard !keepsEverything else { return inventory }
        var selected = inventory
        selected.targets = inventory.targets.compactMap { target in
            guard kinds.contains(target.kind) else { return nil }
            var kept = target
            kept.packages = target.packages.filter { relationships.contains($0.relationship?.rawValue ?? "unknown") }
            return kept
        }
        return selected
    }
}
