import DrydockModel

/// What a parsed language file leaves for the pass that combines files of one project once the whole tree
/// is known (`ProjectResolver`): analyzers see one file at a time, but an old `go.mod` needs the `go.sum`
/// beside it and a POM needs its parents and BOMs.
public enum ProjectFile: Sendable, Hashable, Codable {
    /// A `go.mod` older than Go 1.17: the `go.sum` in the same folder adds the indirect dependencies.
    case goModule(GoModFile)
    /// A `go.sum`'s modules, read only to complete a `go.mod` beside it.
    case goSum([Package])
    /// A POM (`pom.xml`, or `ARTIFACT-VERSION.pom` in a Maven local repository): resolved with the parent
    /// POMs and BOMs found in the tree.
    case pom(PomFile)
    /// The licenses a `.nuspec`, a vendored crate's `Cargo.toml` or a Go module's license file gives a
    /// package that lockfiles list without one (`PackageLicenseFiles`).
    case packageLicenses(PackageLicenseKey, [String])
    /// A project's `package.json` (outside `node_modules`): the root package and direct dependencies of the
    /// `yarn.lock` beside it, or a workspace member of that project.
    case nodeManifest(NodeManifest)
    /// A `yarn.lock`'s descriptors, to resolve the `package.json` beside it (`YarnProject`).
    case yarnLock(YarnDescriptors)
    /// A project's `Cargo.toml`: the root crate and direct dependencies of the `Cargo.lock` beside it, or a
    /// member of its workspace.
    case cargoManifest(CargoManifest)
    /// A `Cargo.lock`, to resolve with the `Cargo.toml` beside it (`CargoProject`).
    case cargoLock
    /// A Julia `Project.toml`: the direct and development dependencies of the `Manifest.toml` beside it.
    case juliaProject(JuliaProject)
    /// A Julia `Manifest.toml`, to resolve with the `Project.toml` beside it (`JuliaProject`).
    case juliaManifest
}

/// Combines the files of one project after the whole tree is known: completes pre-1.17 `go.mod` files with
/// their `go.sum`, resolves POMs with parents (`relativePath`, default `../pom.xml`, then a Maven local
/// repository such as `~/.m2/repository` inside the tree) and BOM imports from such a repository, and gives
/// packages without a license the one their `.nuspec`, vendored `Cargo.toml` or Go module license file in
/// the tree declares.
///
/// Pure: it sees the project files by path, nothing else; nothing is fetched.
public struct ProjectResolver: Sendable {
    /// Project files by root-relative path.
    public let files: [String: ProjectFile]
    /// Paths of POMs in Maven local repositories, by `group:artifact:version` taken from their location.
    let repository: [String: String]
    /// Licenses declared for packages by other files of the tree (`PackageLicenseFiles`).
    let declaredLicenses: [PackageLicenseKey: [String]]

    /// Creates a resolver over `files` (root-relative path → what the file left).
    public init(files: [String: ProjectFile]) {
        self.files = files
        var repository: [String: String] = [:]
        var declared: [PackageLicenseKey: [String]] = [:]
        for path in files.keys.sorted() {
            if let key = Self.repositoryCoordinate(path) { repository[key] = path }
            if case .packageLicenses(let key, let licenses)? = files[path], !licenses.isEmpty, declared[key] == nil {
                declared[key] = licenses
            }
        }
        self.repository = repository
        self.declaredLicenses = declared
    }

    /// `packages`, each without a license given the one another file of the tree declares for it.
    func withDeclaredLicenses(_ packages: [Package]) -> [Package] {
        guard !declaredLicenses.isEmpty else { return packages }
        return packages.map { package in
            guard package.licenses.isEmpty, let licenses = declaredLicenses[PackageLicenseKey(package)] else {
                return package
            }
            var package = package
            package.licenses = licenses
            return package
        }
    }

    /// The packages of `file`, read at `path`, completed with the other files of its project (the file's
    /// own packages when it needs nothing else), and the warnings that resolution adds.
    public func complete(_ file: LanguageFile, path: String) -> (packages: [Package], warnings: [CatalogWarning]) {
        let completed = resolve(file, path: path)
        return (withDeclaredLicenses(completed.packages), completed.warnings)
    }

    private func resolve(_ file: LanguageFile, path: String) -> (packages: [Package], warnings: [CatalogWarning]) {
        switch file.project {
        case .goModule(let module):
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            let sumPath = folder.isEmpty ? "go.sum" : folder + "/go.sum"
            guard case .goSum(let sum)? = files[sumPath] else { return (file.packages, []) }
            return (GoModParser.packages(module, sum: sum, path: path), [])
        case .pom(let pom):
            // Repository POMs are parents and BOMs of other projects, never reported themselves.
            guard !path.hasSuffix(".pom") else { return ([], []) }
            let resolved = PomParser.packages(
                pom, parents: parents(of: pom, at: path), path: path,
                repository: { group, artifact, version in
                    guard let found = repository["\(group):\(artifact):\(version)"],
                        case .pom(let bom)? = files[found]
                    else { return nil }
                    return bom
                })
            return (resolved.packages, resolved.warnings)
        case .yarnLock(let descriptors):
            return YarnProject.resolve(file.packages, descriptors: descriptors, at: path, manifests: files)
        case .cargoLock:
            return CargoProject.resolve(file.packages, at: path, manifests: files)
        case .juliaManifest:
            return JuliaProject.resolve(file.packages, at: path, files: files)
        case .goSum, .packageLicenses, .nodeManifest, .cargoManifest, .juliaProject, nil:
            return (file.packages, [])
        }
    }

    /// The parent chain of `pom` (nearest first), as far as the tree holds it; stops at a loop or after 32.
    func parents(of pom: PomFile, at path: String) -> [PomFile] {
        var chain: [PomFile] = []
        var visited: Set<String> = [path]
        var current = pom
        var currentPath = path
        while chain.count < 32, let wanted = current.parent {
            var next: String?
            if let relative = PomParser.parentPath(of: current, at: currentPath),
                case .pom(let candidate)? =
                    files[relative], Self.pom(candidate, isParent: wanted)
            {
                next = relative
            } else if let version = wanted.version {
                next = repository["\(wanted.groupID):\(wanted.artifactID):\(version)"]
            }
            guard let next, visited.insert(next).inserted, case .pom(let parent)? = files[next] else { break }
            chain.append(parent)
            current = parent
            currentPath = next
        }
        return chain
    }

    /// Whether `candidate` is the parent `wanted` names (artifact and group; Maven falls back to the
    /// repository when the file at `relativePath` is another project).
    static func pom(_ candidate: PomFile, isParent wanted: PomFile.Dependency) -> Bool {
        candidate.artifactID == wanted.artifactID
            && (candidate.groupID ?? candidate.parent?.groupID) == wanted.groupID
    }

    /// `…/repository/org/example/api/1.0/api-1.0.pom` → `org.example:api:1.0` (snapshots too); `nil` for
    /// other paths.
    static func repositoryCoordinate(_ path: String) -> String? {
        guard path.hasSuffix(".pom") else { return nil }
        let components = path.split(separator: "/")
        guard let root = components.lastIndex(of: "repository"), components.count - root >= 5 else { return nil }
        let version = components[components.count - 2]
        let artifact = components[components.count - 3]
        let name = components[components.count - 1]
        // A snapshot is stored as `ARTIFACT-BASE-TIMESTAMP-BUILD.pom` in the `BASE-SNAPSHOT` folder.
        let snapshotPrefix = version.hasSuffix("-SNAPSHOT") ? "\(artifact)-\(version.dropLast(9))-" : nil
        guard name == "\(artifact)-\(version).pom" || snapshotPrefix.map({ name.hasPrefix($0) }) == true else {
            return nil
        }
        let group = components[(root + 1)..<(components.count - 3)].joined(separator: ".")
        return "\(group):\(artifact):\(version)"
    }
}
