import DrydockModel

/// What a Julia `Project.toml` says: the UUIDs of the packages it depends on (`[deps]`) and of the extra
/// packages its tests use (`[extras]`, development dependencies). Read only to complete the `Manifest.toml`
/// beside it, never reported on its own.
public struct JuliaProject: Sendable, Hashable, Codable {
    /// `[deps]` UUIDs: the direct dependencies.
    public var dependencies: Set<String>
    /// `[extras]` UUIDs: direct development dependencies.
    public var extras: Set<String>
    /// Why the file could not be read, when it could not: the manifest beside it then says so.
    public var problem: String?

    /// Creates a project.
    public init(dependencies: Set<String> = [], extras: Set<String> = [], problem: String? = nil) {
        self.dependencies = dependencies
        self.extras = extras
        self.problem = problem
    }

    /// Reads a `Project.toml`. Never throws: a file that cannot be read becomes a project holding only its
    /// `problem`, reported only when a `Manifest.toml` beside it needs it.
    public static func parse(_ bytes: [UInt8], path: String) -> LanguageFile {
        let project: JuliaProject
        do {
            let root = try TOMLReader.parse(bytes, path: path)
            project = JuliaProject(
                dependencies: Set((root["deps"]?.entries ?? []).compactMap { $0.value.string }),
                extras: Set((root["extras"]?.entries ?? []).compactMap { $0.value.string }))
        } catch {
            project = JuliaProject(problem: "\(error)")
        }
        return LanguageFile(type: .juliaProject, packages: [], project: .juliaProject(project))
    }

    /// Completes a `Manifest.toml` at `path` with the `Project.toml` beside it, as Trivy does: `[deps]`
    /// packages are `direct`, what they reach `indirect`; `[extras]` packages and what only they reach are
    /// development dependencies (left out unless `--include-dev-deps`). Packages neither reaches are left out
    /// (a manifest entry the project no longer uses). Without a `Project.toml` the packages are returned as
    /// parsed, with no relationship (Trivy reports none then).
    static func resolve(_ packages: [Package], at path: String, files: [String: ProjectFile]) -> (
        packages: [Package], warnings: [CatalogWarning]
    ) {
        let projectPath = ProjectWorkspace.manifestPath("Project.toml", besideLockfile: path)
        guard case .juliaProject(let project)? = files[projectPath] else { return (packages, []) }
        if let problem = project.problem {
            return (packages, [ProjectWorkspace.unreadable(projectPath, lockfile: path, problem: problem)])
        }
        var index: [String: Int] = [:]
        for (position, package) in packages.enumerated() where index[package.id] == nil {
            index[package.id] = position
        }
        func reached(from roots: Set<String>) -> Set<Int> {
            roots.compactMap { index[$0] }.reduce(into: Set<Int>()) {
                $0.formUnion(ProjectWorkspace.reach($1, in: packages, index: index))
            }
        }
        let production = reached(from: project.dependencies)
        let development = reached(from: project.extras)
        let direct = project.dependencies.union(project.extras)
        var resolved: [Package] = []
        for (position, package) in packages.enumerated()
        where production.contains(position) || development.contains(position) {
            var package = package
            package.relationship = direct.contains(package.id) ? .direct : .indirect
            package.isDevelopment = !production.contains(position)
            resolved.append(package)
        }
        return (resolved, [])
    }
}
