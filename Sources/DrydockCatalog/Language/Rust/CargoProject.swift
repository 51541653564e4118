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
        let manifestPath = ProjectWorkspace.manifestPath("Cargo.toml", besideLockfile: path)
        guard case .cargoManifest(let root)? = manifests[manifestPath] else { return (packages, []) }
        if let problem = root.problem {
            return (packages, [ProjectWorkspace.unreadable(manifestPath, lockfile: path, problem: problem)])
        }
        let members = ProjectWorkspace.members(root.members, of: manifestPath, in: manifests) {
            file -> CargoManifest? in
            guard case .cargoManifest(let member) = file, member.problem == nil else { return nil }
            return member
        }
        let projects =
            [(manifest: root, relationship: PackageRelationship.root)]
            + members.map { ($0.manifest, PackageRelationship.workspace) }
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
                    production.formUnion(ProjectWorkspace.reach(dependency, in: packages, index: index))
                } else if manifest.developmentDependencies.contains(crate) {
                    direct.insert(dependency)
                    development.formUnion(ProjectWorkspace.reach(dependency, in: packages, index: index))
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
                    development.formUnion(ProjectWorkspace.reach(position, in: packages, index: index))
                }
            }
        }
        for position in production.union(development) where packages[position].relationship?.isProject != true {
            packages[position].relationship = direct.contains(position) ? .direct : .indirect
            packages[position].isDevelopment = !production.contains(position)
        }
        return (packages, [])
    }
}
