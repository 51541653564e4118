import DrydockModel

/// Finds the language package files that an OS package installed, so their packages are reported once,
/// as the OS package, the way Trivy does.
///
/// Trivy skips, in its post-analyzers (Python `dist-info`/`egg-info` metadata, `package.json`, jars,
/// lockfiles), every file the OS package manager lists as installed; Go and Rust binaries are read by
/// ordinary analyzers and are not skipped, so an OS-shipped Go program still shows its modules. Drydock
/// follows the same rule: a language file whose path some OS package owns is dropped, unless it is a
/// `gobinary` or `rustbinary` file.
///
/// Owned paths come from `Package.installedFiles` of the OS packages: dpkg `var/lib/dpkg/info/*.list`
/// (attached by the merger), apk `F:`/`R:` lines, and any other database whose reader fills
/// `installedFiles` (RPM's `BASENAMES`/`DIRNAMES`). Distroless `status.d` images have no file lists, so
/// nothing there is owned and no language package is dropped.
///
/// Memory: an image can own ~100k paths. Nothing is indexed by them: the few language files in the tree
/// are put in a set first, and each owned path is only probed against it. With no language file the
/// OS lists are not even read.
enum OSOwnedFiles {
    /// Language file types that are never dropped: compiled programs, as Trivy keeps them.
    static let keptTypes: Set<LanguageFileType> = [.gobinary, .rustbinary]

    /// The language files of `tree` owned by one of `packages`, each with the owner's `name@version`.
    static func owned(in tree: MergedTree, by packages: [Package]) -> [String: String] {
        var candidates: Set<String> = []
        for path in tree.entries.keys {
            guard let resolved = tree.resolve(path), resolved.path == path,
                case .languageFile(let file) = resolved.finding, !keptTypes.contains(file.type),
                !file.packages.isEmpty
            else { continue }
            candidates.insert(path)
        }
        return owners(of: candidates, among: packages)
    }

    /// Which of `candidates` (root-relative paths) each package owns: path → `name@version` of the
    /// first owner in `packages` order.
    static func owners(of candidates: Set<String>, among packages: [Package]) -> [String: String] {
        guard !candidates.isEmpty else { return [:] }
        var found: [String: String] = [:]
        for package in packages {
            for file in package.installedFiles {
                let path = file.hasPrefix("/") ? String(file.drop { $0 == "/" }) : file
                if candidates.contains(path), found[path] == nil { found[path] = package.id }
            }
            if found.count == candidates.count { break }
        }
        return found
    }
}
