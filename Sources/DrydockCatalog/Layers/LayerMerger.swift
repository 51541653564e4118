import DrydockModel

/// Merges per-layer analyses, base first, into the image's inventory.
///
/// Layers are applied in order: each layer's opaque folders and whiteouts delete lower-layer files, then
/// its files replace lower copies. From the top view it detects the OS (`OSDetector`), collects every
/// package database still present, attributes each package to the layer that introduced it (see
/// `MergedTree`), attaches dpkg file lists and copyright licenses, forms purls and normalises every package's
/// licenses to SPDX (`PackageLicenses`). Language files an OS package installed are not matched (see
/// `OSOwnedFiles`) unless `keepOSOwnedLanguagePackages` is set: their packages go to the inventory's
/// `ownedTargets`, each naming its OS package, so SBOMs still list them. The inventory's warnings are
/// those about files still present in the top view; warnings about replaced or deleted files are only
/// counted per layer.
public enum LayerMerger {
    /// Merges `analyses` (base first) of layers `references` (same order, same count) of `artifactName`.
    ///
    /// `keepOSOwnedLanguagePackages` reports language packages whose metadata file an OS package owns
    /// too (Trivy's `--detection-priority comprehensive`); by default they are reported once, as the OS
    /// package. `includeDevelopmentDependencies` keeps the packages lockfiles mark as development-only
    /// (`--include-dev-deps`); they are left out by default, as Trivy does.
    public static func merge(
        _ analyses: [LayerAnalysis], references: [LayerReference], artifactName: String,
        keepOSOwnedLanguagePackages: Bool = false, includeDevelopmentDependencies: Bool = false
    ) -> CatalogResult {
        var tree = MergedTree()
        for (index, analysis) in analyses.enumerated() { tree.apply(analysis, layer: index) }

        let detected = detectOS(in: tree)
        // Warnings about files a later layer replaced or deleted do not concern the inventory; they stay
        // counted in the layer summaries.
        var warnings: [String] = []
        for (index, analysis) in analyses.enumerated() {
            for warning in analysis.warnings where tree.entries[warning.path]?.layer == index {
                warnings.append(warning.description)
            }
        }
        let fileLists = collectFileLists(in: tree)

        var packages: [Package] = []
        var kinds: Set<PackageDatabaseKind> = []
        var seen: Set<PackageKey> = []
        var databasePaths: Set<String> = []
        var introduced = Array(repeating: 0, count: analyses.count)
        for path in tree.entries.keys.sorted() {
            guard let resolved = tree.resolve(path) else {
                if let link = tree.linkTarget(of: path) {
                    warnings.append(
                        CatalogWarning(
                            path: path, message: "links to \(link), which is missing or was not read; ignored"
                        ).description)
                }
                continue
            }
            // A database reached through a link is read once, from where the link leads.
            guard case .packageDatabase(let database) = resolved.finding, databasePaths.insert(resolved.path).inserted
            else { continue }
            kinds.insert(database.kind)
            for var package in database.packages {
                let key = PackageKey(package)
                guard seen.insert(key).inserted else {
                    warnings.append(
                        CatalogWarning(
                            path: path, message: "\(package.id) is also listed by another database; duplicate ignored"
                        ).description)
                    continue
                }
                if let layer = tree.introducingLayer(of: key, in: resolved.path) {
                    if layer < references.count { package.layer = references[layer] }
                    if layer < introduced.count { introduced[layer] += 1 }
                }
                if database.kind == .dpkg, package.licenses.isEmpty,
                    let licenses = tree.copyrightLicenses(ofPackage: package.name)
                {
                    package.licenses = licenses
                }
                if database.kind == .dpkg, package.installedFiles.isEmpty {
                    let arch = package.architecture.map { "\(package.name):\($0)" }
                    package.installedFiles = arch.flatMap { fileLists[$0] } ?? fileLists[package.name] ?? []
                }
                if let ecosystem = database.kind.ecosystem(on: detected?.operatingSystem) {
                    package.ecosystem = ecosystem
                }
                package.purl = OSPackageURL.make(for: package, kind: database.kind, os: detected)
                packages.append(package)
            }
        }
        packages.sort { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            if lhs.version != rhs.version { return lhs.version < rhs.version }
            return (lhs.architecture ?? "") < (rhs.architecture ?? "")
        }

        var targets: [InventoryTarget] = []
        if detected != nil || !packages.isEmpty {
            targets.append(
                InventoryTarget(
                    kind: .osPackages, name: targetName(artifactName, detected),
                    type: targetType(detected, kinds: kinds), packages: packages))
        }
        let owned = keepOSOwnedLanguagePackages ? [:] : OSOwnedFiles.owned(in: tree, by: packages)
        let language = LanguageTargets.collect(
            from: tree, references: references, skipping: Set(owned.keys),
            includeDevelopment: includeDevelopmentDependencies)
        targets += language.targets
        warnings += language.warnings
        let ownedTargets =
            owned.isEmpty ? [] : LanguageTargets.collect(from: tree, references: references, owners: owned).targets
        for (layer, count) in language.introduced where layer < introduced.count { introduced[layer] += count }
        let summaries = analyses.enumerated().map { index, analysis in
            LayerSummary(
                index: index, reference: index < references.count ? references[index] : LayerReference(),
                stats: analysis.stats, packagesIntroduced: introduced[index], warnings: analysis.warnings.count)
        }
        targets = targets.map(PackageLicenses.normalized)
        return CatalogResult(
            inventory: Inventory(
                operatingSystem: detected?.operatingSystem, targets: targets, warnings: warnings,
                ownedTargets: ownedTargets.map(PackageLicenses.normalized)),
            detectedOS: detected, layers: summaries, scannableFiles: scannableFiles(in: tree, references: references),
            licenseFiles: tree.licenseFiles(references: references))
    }

    /// Trivy's OS target name: `alpine:3.10 (alpine 3.10.4)`; just the artifact name without an OS.
    static func targetName(_ artifactName: String, _ detected: DetectedOS?) -> String {
        guard let detected else { return artifactName }
        let family =
            detected.operatingSystem.family == .unknown ? detected.id : detected.operatingSystem.family.rawValue
        let version = detected.operatingSystem.version
        return version.isEmpty ? "\(artifactName) (\(family))" : "\(artifactName) (\(family) \(version))"
    }

    /// Trivy's `Type`: the family; the os-release ID for unsupported ones; the database's family without an OS.
    static func targetType(_ detected: DetectedOS?, kinds: Set<PackageDatabaseKind>) -> String {
        if let detected {
            return detected.operatingSystem.family == .unknown ? detected.id : detected.operatingSystem.family.rawValue
        }
        return kinds.sorted { $0.rawValue < $1.rawValue }.first?.impliedFamily.rawValue ?? OSFamily.unknown.rawValue
    }

    static func detectOS(in tree: MergedTree) -> DetectedOS? {
        func raw(_ path: String) -> [UInt8]? {
            guard case .raw(let bytes)? = tree.resolve(path)?.finding else { return nil }
            return bytes
        }
        return OSDetector.detect(OSReleaseFiles.collect(paths: Array(tree.entries.keys), raw: raw))
    }

    /// `name` or `name:arch` → files, from every dpkg list in the tree.
    static func collectFileLists(in tree: MergedTree) -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for entry in tree.entries.values {
            guard case .file(.fileList(let owner, let architecture, let files)) = entry.node else { continue }
            lists[architecture.map { "\(owner):\($0)" } ?? owner] = files
        }
        return lists
    }
}
