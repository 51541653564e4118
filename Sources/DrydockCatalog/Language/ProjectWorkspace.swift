import DrydockModel

/// What the lockfile resolvers that read a project manifest beside the lockfile share (`YarnProject`,
/// `CargoProject`): finding the manifest, its workspace members, and what a package reaches.
enum ProjectWorkspace {
    /// `NAME` in the folder of the lockfile at `lockfile` (`app/yarn.lock` → `app/package.json`).
    static func manifestPath(_ name: String, besideLockfile lockfile: String) -> String {
        let folder = LayerWalker.split(lockfile).folder
        return folder.isEmpty ? name : folder + "/" + name
    }

    /// The warning for a manifest beside `lockfile` that could not be read (`problem`).
    static func unreadable(_ manifestPath: String, lockfile: String, problem: String) -> CatalogWarning {
        let name = LayerWalker.split(manifestPath).name
        return CatalogWarning(
            path: manifestPath,
            message: "cannot read the \(name) beside \(lockfile) (\(problem)); the root package and direct "
                + "dependencies of \(lockfile) are not known")
    }

    /// The readable manifests (by `manifest`, which picks a project file's manifest) whose folders the
    /// workspace globs `patterns`, relative to the root manifest's folder, match; the root itself left out.
    static func members<Manifest>(
        _ patterns: [String], of rootPath: String, in files: [String: ProjectFile],
        manifest: (ProjectFile) -> Manifest?
    ) -> [(path: String, manifest: Manifest)] {
        let folder = LayerWalker.split(rootPath).folder
        var members: [(path: String, manifest: Manifest)] = []
        for pattern in patterns {
            guard let glob = PathGlob(folder.isEmpty ? pattern : folder + "/" + pattern) else { continue }
            for (candidate, file) in files.sorted(by: { $0.key < $1.key }) {
                guard candidate != rootPath, let member = manifest(file),
                    glob.matches(LayerWalker.split(candidate).folder)
                else { continue }
                members.append((candidate, member))
            }
        }
        return members
    }

    /// `start` and every package it reaches through `dependsOn` (`index`: package ID → position).
    static func reach(_ start: Int, in packages: [Package], index: [String: Int]) -> Set<Int> {
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
