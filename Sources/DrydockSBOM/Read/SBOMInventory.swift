import DrydockCatalog
import DrydockModel

/// Turns a decoded SBOM into the inventory an image scan would have produced, so that matching is the
/// same: the OS (from the OS component, else from the purls' `distro` qualifiers), the OS packages, one
/// target per lockfile project and per kind of installed metadata, and the language packages OS packages
/// installed (``Inventory/ownedTargets``).
///
/// Drydock's own SBOMs carry every fact matching needs in properties (`docs/sbom.md`); for other tools'
/// SBOMs the same facts are taken from the purl (type, namespace, `arch`, `epoch`, `distro`, syft's
/// `upstream`) and syft's properties (layer, file path).
struct SBOMInventory {
    let document: DecodedSBOM
    /// The SBOM file's name, used where an image scan uses the image's name (OS target name).
    let artifactName: String
    var warnings: [String] = []

    init(document: DecodedSBOM, artifactName: String) {
        self.document = document
        self.artifactName = artifactName
    }

    /// The inventory and the artifact facts the root component records.
    mutating func build() -> (inventory: Inventory, artifact: ArtifactMetadata) {
        let osEntry = document.entries.first { $0.kind == .operatingSystem }
        let os = Self.operatingSystem(osEntry, entries: document.entries)
        let libraries = document.entries.filter { entry in
            entry.kind != .operatingSystem && entry.kind != .application && entry.kind != .container
                && entry.kind != .directory && entry.purl != nil
        }
        var packages: [String: Package] = [:]
        var skipped: [String] = []
        for entry in libraries {
            if let package = PackageDecoding(entry: entry, os: os).package {
                packages[entry.ref] = package
            } else if let purl = entry.purl {
                skipped.append(purl)
            }
        }
        if !skipped.isEmpty {
            warnings.append(
                "\(artifactName): \(skipped.count) component(s) with a package type Drydock cannot match were skipped "
                    + "(\(skipped.prefix(3).joined(separator: ", "))\(skipped.count > 3 ? ", …" : ""))")
        }
        var claimed: Set<String> = []
        let owned = libraries.filter { packages[$0.ref]?.installedBy != nil }.map(\.ref)
        claimed.formUnion(owned)

        var targets: [InventoryTarget] = []
        let osRefs = libraries.filter { packages[$0.ref]?.ecosystem.isDistribution == true }.map(\.ref)
        claimed.formUnion(osRefs)
        if osEntry != nil || !osRefs.isEmpty {
            targets.append(
                InventoryTarget(
                    kind: .osPackages, name: osTargetName(os, entry: osEntry),
                    type: osEntry?.property(.trivy, PropertyName.type) ?? osType(os, refs: osRefs, packages: packages),
                    packages: sortedOS(withDependencies(osRefs, packages))))
        }
        // Lockfile projects: what each application component reaches.
        var perFile: [InventoryTarget] = []
        for application in document.entries where application.kind == .application {
            let refs = reach(from: application.ref, packages: packages, claimed: &claimed)
            guard !refs.isEmpty else { continue }
            let type =
                application.property(.trivy, PropertyName.type)
                ?? packages[refs[0]].flatMap { Self.fileType(of: $0, entry: nil) }?.rawValue ?? "unknown"
            perFile.append(
                InventoryTarget(
                    kind: .languagePackages, name: application.name, type: type,
                    packages: sortedLanguage(withDependencies(refs, packages))))
        }
        // The rest: installed metadata (aggregated per type) and packages no project claims.
        var aggregated: [LanguageFileType: [String]] = [:]
        var byFile: [String: (type: String, refs: [String])] = [:]
        for entry in libraries where !claimed.contains(entry.ref) {
            guard let package = packages[entry.ref] else { continue }
            guard let type = Self.fileType(of: package, entry: entry) else { continue }
            if type.aggregateName != nil {
                aggregated[type, default: []].append(entry.ref)
            } else {
                let name = package.filePath ?? type.rawValue
                byFile[name, default: (type.rawValue, [])].refs.append(entry.ref)
            }
        }
        for (name, group) in byFile {
            perFile.append(
                InventoryTarget(
                    kind: .languagePackages, name: name, type: group.type,
                    packages: sortedLanguage(withDependencies(group.refs, packages))))
        }
        for type in LanguageFileType.allCases {
            guard let name = type.aggregateName, let refs = aggregated[type] else { continue }
            targets.append(
                InventoryTarget(
                    kind: .languagePackages, name: name, type: type.rawValue,
                    packages: sortedLanguage(withDependencies(refs, packages))))
        }
        targets += perFile.sorted { $0.name < $1.name }
        let inventory = Inventory(
            operatingSystem: os, targets: targets, warnings: warnings.map { ScanWarning($0) },
            ownedTargets: ownedTargets(owned, packages))
        return (inventory, artifact())
    }

    /// The packages `ref` reaches through the graph (contained and depended on), not claimed by another
    /// target, OS packages and owned packages excluded.
    func reach(from ref: String, packages: [String: Package], claimed: inout Set<String>) -> [String] {
        var found: [String] = []
        var stack = Array((document.edges[ref] ?? []).reversed())
        while let next = stack.popLast() {
            guard packages[next] != nil, !claimed.contains(next) else { continue }
            claimed.insert(next)
            found.append(next)
            stack += (document.edges[next] ?? []).reversed()
        }
        return found
    }

    /// The packages of `refs`, each with `dependsOn` from its edges to the others (IDs, sorted).
    func withDependencies(_ refs: [String], _ packages: [String: Package]) -> [Package] {
        let members = Set(refs)
        return refs.compactMap { ref in
            guard var package = packages[ref] else { return nil }
            let ids = (document.edges[ref] ?? []).filter { members.contains($0) && $0 != ref }.compactMap {
                packages[$0]?.id
            }
            if !ids.isEmpty { package.dependsOn = Array(Set(ids)).sorted() }
            return package
        }
    }

    func ownedTargets(_ refs: [String], _ packages: [String: Package]) -> [InventoryTarget] {
        var groups: [String: (type: String, packages: [Package])] = [:]
        var order: [String] = []
        for ref in refs {
            guard let package = packages[ref], let entry = document.entries.first(where: { $0.ref == ref }) else {
                continue
            }
            let type =
                entry.property(.trivy, PropertyName.pkgType) ?? Self.fileType(of: package, entry: entry)?.rawValue
                ?? "unknown"
            let name = entry.property(.drydock, PropertyName.target) ?? package.filePath ?? type
            if groups[name] == nil { order.append(name) }
            groups[name, default: (type, [])].packages.append(package)
        }
        return order.map { name in
            InventoryTarget(
                kind: .languagePackages, name: name, type: groups[name]?.type ?? "unknown",
                packages: sortedLanguage(groups[name]?.packages ?? []))
        }
    }

    /// The language file type a package's results are grouped under: the `PkgType` property, else the one
    /// Drydock reads installed packages of its ecosystem from (`python-pkg` for PyPI, `jar` for Maven, …).
    static func fileType(of package: Package, entry: DecodedSBOM.Entry?) -> LanguageFileType? {
        if let type = entry?.property(.trivy, PropertyName.pkgType).flatMap(LanguageFileType.init(rawValue:)) {
            return type
        }
        switch package.ecosystem {
        case .pypi: return .pythonPackage
        case .npm: return .nodePackage
        case .rubyGems: return .gemspec
        case .maven: return .jar
        case .go: return .gobinary
        case .cratesIO: return .rustbinary
        case .packagist: return .composerVendor
        case .nuget: return .dotnetCore
        case .pub: return .pub
        case .hex: return .hex
        case .swiftURL: return .swift
        case .conanCenter: return .conan
        case .cocoaPods: return .cocoapods
        case .conda: return .condaPackage
        case .julia: return .julia
        default: return nil
        }
    }

    /// Trivy's OS target name, with the SBOM's name in place of the image's.
    func osTargetName(_ os: OperatingSystem?, entry: DecodedSBOM.Entry?) -> String {
        guard let os else { return artifactName }
        let family = os.family == .unknown ? (os.id ?? entry?.name ?? "unknown") : os.family.rawValue
        return os.version.isEmpty ? "\(artifactName) (\(family))" : "\(artifactName) (\(family) \(os.version))"
    }

    func osType(_ os: OperatingSystem?, refs: [String], packages: [String: Package]) -> String {
        if let os { return os.family == .unknown ? (os.id ?? "unknown") : os.family.rawValue }
        switch refs.first.flatMap({ packages[$0] })?.purl.flatMap(PackageURL.init)?.type {
        case "apk": return OSFamily.alpine.rawValue
        case "deb": return OSFamily.debian.rawValue
        default: return OSFamily.unknown.rawValue
        }
    }

    func sortedOS(_ packages: [Package]) -> [Package] {
        packages.sorted { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            if lhs.version != rhs.version { return lhs.version < rhs.version }
            return (lhs.architecture ?? "") < (rhs.architecture ?? "")
        }
    }

    func sortedLanguage(_ packages: [Package]) -> [Package] {
        packages.sorted { lhs, rhs in
            if lhs.name != rhs.name { return lhs.name < rhs.name }
            if lhs.version != rhs.version { return lhs.version < rhs.version }
            return (lhs.filePath ?? "") < (rhs.filePath ?? "")
        }
    }

    /// The artifact: named after the SBOM file, typed `cyclonedx`/`spdx` as Trivy types scanned SBOMs, with
    /// the image facts the root component records.
    func artifact() -> ArtifactMetadata {
        var artifact = ArtifactMetadata(name: artifactName, type: document.artifactType)
        guard let root = document.root else { return artifact }
        artifact.imageID = root.property(.trivy, PropertyName.imageID)
        artifact.repoDigests = root.properties(.trivy, PropertyName.repoDigest)
        artifact.diffIDs = root.properties(.trivy, PropertyName.diffID)
        artifact.repoTags = root.properties(.trivy, PropertyName.repoTag)
        return artifact
    }
}
