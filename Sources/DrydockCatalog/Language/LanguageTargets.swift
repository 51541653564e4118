import DrydockModel

/// Turns the language files left in a merged tree into inventory targets.
enum LanguageTargets {
    /// One target per lockfile (named by its path), one per aggregated type (`Python`, `Node.js`, `Ruby`),
    /// each package with the layer that holds its file. Development dependencies are left out, as Trivy
    /// does by default, unless `includeDevelopment` is set. Files in `skipping` (owned by OS packages) are left out. `introduced` counts packages
    /// per layer index.
    ///
    /// Files that belong with others (an old `go.mod` and its `go.sum`, a POM and its parents) are completed
    /// by `ProjectResolver` first; `warnings` are the problems that resolution met.
    ///
    /// With `owners` (file path → the `name@version` of the OS package that installed it), only those files
    /// are collected and each of their packages gets ``Package/installedBy``: the inventory's
    /// ``Inventory/ownedTargets``.
    static func collect(
        from tree: MergedTree, references: [LayerReference], skipping: Set<String> = [],
        owners: [String: String]? = nil, includeDevelopment: Bool = false
    ) -> (
        targets: [InventoryTarget], introduced: [Int: Int], warnings: [String]
    ) {
        var files: [(path: String, layer: Int, file: LanguageFile)] = []
        var projectFiles: [String: ProjectFile] = [:]
        for path in tree.entries.keys.sorted() where !skipping.contains(path) && owners.map({ $0[path] != nil }) ?? true
        {
            guard let resolved = tree.resolve(path), resolved.path == path,
                case .languageFile(let file) = resolved.finding
            else { continue }
            files.append((path, resolved.layer, file))
            if let project = file.project { projectFiles[path] = project }
        }
        let resolver = ProjectResolver(files: projectFiles)
        var perFile: [InventoryTarget] = []
        var aggregated: [LanguageFileType: [Package]] = [:]
        var introduced: [Int: Int] = [:]
        var warnings: [String] = []
        for (path, layer, file) in files {
            let reference = layer < references.count ? references[layer] : nil
            let hasLayer = reference.map { $0.digest != nil || $0.diffID != nil } ?? false
            let completed = resolver.complete(file, path: path)
            warnings += completed.warnings.map(\.description)
            var packages: [Package] = []
            for var package in completed.packages where includeDevelopment || !package.isDevelopment {
                if hasLayer { package.layer = reference }
                package.installedBy = owners?[path]
                packages.append(package)
            }
            introduced[layer, default: 0] += packages.count
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
        return (targets + perFile, introduced, warnings)
    }

    private static func sorted(_ packages: [Package]) -> [Package] {
        packages.sorted { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            if lhs.version != rhs.version { return lhs.version < rhs.version }
            return (lhs.filePath ?? "") < (rhs.filePath ?? "")
        }
    }
}
