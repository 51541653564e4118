import DrydockModel

/// Completes a `Cargo.lock` with the `Cargo.toml` beside it, as Trivy does: the crate the manifest describes
/// is the `root`, the crates its `[workspace] members` globs find are `workspace` packages, the crates they
/// name are `direct` dependencies and what those reach `indirect`. Crates reached only through
/// `[dev-dependencies]` or `[build-dependencies]` are development dependencies (left out unless
/// `--include-dev-deps`; Trivy drops them always). The lockfile already says which version of a crate each
/// package depends on, so no version ranges are compared. Without a manifest the packages are returned as
/// parsed.
enum CargoProject {
    static func resolve(_ packages: [Package], at path: String, manifests: [String: ProjectFile]) -> (
        packages: [Package], warnings: [CatalogWarning]
    ) {
        let folder = LayerWalker.split(path).folder
        let manifestPath = folder.isEmpty ? "Cargo.toml" : folder + "/Cargo.toml"
        guard case .cargoManifest(let root)? = manifests[manifestPath] else { return (packages, []) }
        if let problem = root.problem {
            let warning = CatalogWarning(
                path: manifestPath,
                message: "cannot read the Cargo.toml beside \(path) (\(problem)); the root crate and direct "
                    + "dependencies of \(path) are not known")
            return (packages, [warning])
        }
        var projects: [(manifest: CargoManifest, relationship: PackageRelationship)] = [(root, .root)]
        for pattern in root.members {
            guard let glob = PathGlob(folder.isEmpty ? pattern : folder + "/" + pattern) else { continue }
            for (candidate, file) in manifests.sorted(by: { $0.key < $1.key }) {
                guard case .cargoManifest(let member) = file, member.problem == nil, candidate != manifestPath,
                    glob.matches(LayerWalker.split(candidate).folder)
                else { continue }
                projects.append((member, .workspace))
            }
        }
        var packages = packages
        var index: [String: Int] = [:]
        for (position, package) in packages.enumerated() { index[package.id] = position }
        var production: Set<Int> = []
        var development: Set<Int> = []
        var direct: Set<Int> = []
        for (manifest, relationship) in projects {
            guard let name = manifest.name, let version = manifest.version ?? root.workspaceVersion,
                let position = index["\(name)@\(version)"]
            else { continue }
            packages[position].relationship = relationship
            for id in packages[position].dependsOn {
                guard let dependency = index[id] else { continue }
                let crate = packages[dependency].name
                if manifest.dependencies.contains(crate) {
                    direct.insert(dependency)
                    production.formUnion(reach(dependency, in: packages, index: index))
                } else if manifest.developmentDependencies.contains(crate) {
                    direct.insert(dependency)
                    development.formUnion(reach(dependency, in: packages, index: index))
                }
            }
        }
        // Older lockfiles leave development dependencies out of the root's list: find them by name.
        var byName: [String: [Int]] = [:]
        for (position, package) in packages.enumerated() { byName[package.name, default: []].append(position) }
        for (manifest, _) in projects {
            for crate in manifest.developmentDependencies.sorted() {
                for position in byName[crate] ?? [] where !production.contains(position) && !direct.contains(position) {
                    direct.insert(position)
                    development.formUnion(reach(position, in: packages, index: index))
                }
            }
        }
        for position in production.union(development) where packages[position].relationship?.isProject != true {
            packages[position].relationship = direct.contains(position) ? .direct : .indirect
            packages[position].isDevelopment = !production.contains(position)
        }
        return (packages, [])
    }

    /// `start` and every package it reaches through `dependsOn`.
    private static func reach(_ start: Int, in packages: [Package], index: [String: Int]) -> Set<Int> {
        var seen: Set<Int> = [start]
        var queue = [start]
        while let current = queue.popLast() {
            for id in packages[current].dependsOn {
                guard let next = index[id], seen.insert(next).inserted else { continue }
                queue.append(next)
            }
        }
        return seen
    }
}
