import DrydockModel

/// Completes a `yarn.lock` with the `package.json` beside it, as Trivy does: the project itself becomes the
/// root package (relationship `root`, depending on its direct dependencies and workspaces), each workspace
/// member found by the manifest's `workspaces` globs becomes a `workspace` package, the packages the
/// manifests name are `direct`, those reached from them `indirect`, and those reached only through
/// `devDependencies` are development dependencies (left out unless `--include-dev-deps`). Packages nothing
/// reaches keep no relationship. Without a manifest beside the lockfile the packages are returned as parsed.
///
/// A manifest's range is matched to a lockfile package through the lockfile's descriptors (`name@range`);
/// when the lockfile wrote it differently (Berry normalises ranges), the one version of that name in the
/// lockfile is taken.
enum YarnProject {
    static func resolve(
        _ packages: [Package], descriptors: YarnDescriptors, at path: String, manifests: [String: ProjectFile]
    ) -> (packages: [Package], warnings: [CatalogWarning]) {
        let manifestPath = ProjectWorkspace.manifestPath("package.json", besideLockfile: path)
        guard case .nodeManifest(let root)? = manifests[manifestPath] else { return (packages, []) }
        if let problem = root.problem {
            return (packages, [ProjectWorkspace.unreadable(manifestPath, lockfile: path, problem: problem)])
        }
        var graph = Graph(packages: packages, descriptors: descriptors)
        let members = ProjectWorkspace.members(root.workspaces, of: manifestPath, in: manifests) {
            file -> NodeManifest? in
            guard case .nodeManifest(let member) = file, member.problem == nil else { return nil }
            return member
        }
        var rootPackage = projectPackage(root, path: manifestPath, relationship: .root)
        for member in members {
            // A member without a name or version still declares dependencies; it is not listed itself.
            let declared = graph.declare(member.manifest)
            var package = projectPackage(member.manifest, path: member.path, relationship: .workspace)
            package?.dependsOn = declared
            if let package { rootPackage?.dependsOn.append(package.id) }
            graph.add(package)
        }
        let direct = graph.declare(root)
        if let members = rootPackage?.dependsOn { rootPackage?.dependsOn = Set(members + direct).sorted() }
        graph.add(rootPackage)
        return (graph.packages, [])
    }

    /// The package a manifest describes, when it names itself (name and version), at `path`.
    private static func projectPackage(_ manifest: NodeManifest, path: String, relationship: PackageRelationship)
        -> Package?
    {
        guard let name = manifest.name, let version = manifest.version else { return nil }
        return LanguagePackage.make(
            name: name, version: version, ecosystem: .npm, path: path, licenses: manifest.licenses,
            relationship: relationship)
    }

    /// The lockfile's packages by ID, marked as the manifests' declarations are walked.
    private struct Graph {
        var packages: [Package]
        var index: [String: Int]
        var byName: [String: [Int]]
        let descriptors: YarnDescriptors
        /// IDs already marked as production dependencies (never turned back into development ones).
        var production: Set<String> = []

        init(packages: [Package], descriptors: YarnDescriptors) {
            self.packages = packages
            self.descriptors = descriptors
            var index: [String: Int] = [:]
            var byName: [String: [Int]] = [:]
            for (position, package) in packages.enumerated() {
                index[package.id] = position
                byName[package.name, default: []].append(position)
            }
            self.index = index
            self.byName = byName
        }

        mutating func add(_ package: Package?) {
            guard let package, index[package.id] == nil else { return }
            index[package.id] = packages.count
            packages.append(package)
        }

        /// Marks what `manifest` declares (development first, so production wins) and returns the IDs of its
        /// direct dependencies, sorted.
        mutating func declare(_ manifest: NodeManifest) -> [String] {
            var direct: Set<String> = []
            for (declared, development) in [(manifest.devDependencies, true), (manifest.dependencies, false)] {
                for (name, range) in declared.sorted(by: { $0.key < $1.key }) {
                    guard let position = resolve(name: name, range: range) else { continue }
                    mark(position, relationship: .direct, development: development)
                    direct.insert(packages[position].id)
                    walk(from: position, development: development)
                }
            }
            return direct.sorted()
        }

        private func resolve(name: String, range: String) -> Int? {
            if let id = descriptors.id(name: name, range: range), let position = index[id] { return position }
            // An alias (`"foo": "npm:bar@^1"`) installs `bar`.
            let installed = YarnLockParser.aliasTarget(Substring(range)) ?? name
            guard let candidates = byName[installed], candidates.count == 1 else { return nil }
            return candidates[0]
        }

        private mutating func mark(_ position: Int, relationship: PackageRelationship, development: Bool) {
            let id = packages[position].id
            if relationship == .direct || packages[position].relationship == nil {
                packages[position].relationship = relationship
            }
            if development {
                if !production.contains(id) { packages[position].isDevelopment = true }
            } else {
                production.insert(id)
                packages[position].isDevelopment = false
            }
        }

        /// Marks everything `start` reaches as indirect (a package already direct stays direct).
        private mutating func walk(from start: Int, development: Bool) {
            for next in ProjectWorkspace.reach(start, in: packages, index: index) where next != start {
                mark(next, relationship: .indirect, development: development)
            }
        }
    }
}
