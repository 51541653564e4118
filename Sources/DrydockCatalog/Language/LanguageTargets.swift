import DrydockModel

/// Turns the language files left in a merged tree into inventory targets.
enum LanguageTargets {
    /// One target per lockfile (named by its path), one per aggregated type (`Python`, `Node.js`, `Ruby`),
    /// each package with the layer that holds its file. Development dependencies are left out, as Trivy
    /// does by default. Files in `skipping` (owned by OS packages) are left out. `introduced` counts
    /// packages per layer index.
    static func collect(from tree: MergedTree, references: [LayerReference], skipping: Set<String> = []) -> (
        targets: [InventoryTarget], introduced: [Int: Int]
    ) {
        var perFile: [InventoryTarget] = []
        var aggregated: [LanguageFileType: [Package]] = [:]
        var introduced: [Int: Int] = [:]
        for path in tree.entries.keys.sorted() where !skipping.contains(path) {
            guard let resolved = tree.resolve(path), resolved.path == path,
                case .languageFile(let file) = resolved.finding
            else { continue }
            let reference = resolved.layer < references.count ? references[resolved.layer] : nil
            let hasLayer = reference.map { $0.digest != nil || $0.diffID != nil } ?? false
            var packages: [Package] = []
            for var package in file.packages where !package.isDevelopment {
                if hasLayer { package.layer = reference }
                packages.append(package)
            }
            introduced[resolved.layer, default: 0] += packages.count
            if file.type.aggregateName != nil {
                aggregated[file.type, default: []] += packages
            } else if !packages.isEmpty {
                perFile.append(
                    InventoryTarget(
                        kind: .languagePackages, name: path, type: file.type.rawValue, packages: sorted(packages)))
            }
        }
        var targets: [InventoryTarget] = []
        for type in LanguageFileType.allCases {
            guard let name = type.aggregateName, let packages = aggregated[type], !packages.isEmpty else { continue }
            targets.append(
                InventoryTarget(kind: .languagePackages, name: name, type: type.rawValue, packages: sorted(packages)))
        }
        return (targets + perFile, introduced)
    }

    private static func sorted(_ packages: [Package]) -> [Package] {
        packages.sorted { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            if lhs.version != rhs.version { return lhs.version < rhs.version }
            return (lhs.filePath ?? "") < (rhs.filePath ?? "")
        }
    }
}
