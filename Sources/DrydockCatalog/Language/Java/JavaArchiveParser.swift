import DrydockModel

/// Identifies the Maven artifacts in a Java archive (`.jar`, `.war`, `.ear`, `.par`), nested archives
/// included (Trivy type `jar`).
///
/// For each archive, as Trivy does without its Java DB:
/// 1. every `META-INF/maven/**/pom.properties` with `groupId`, `artifactId` and `version` is an artifact
///    (a shaded jar holds several);
/// 2. archives inside it (`WEB-INF/lib/*.jar`, `BOOT-INF/lib/*.jar`, anything with an archive extension)
///    are read the same way, to `maximumDepth` levels;
/// 3. unless one pom.properties describes the archive itself (same artifactId and version as its file
///    name), `META-INF/MANIFEST.MF` names it when it yields a group, an artifact and a version;
/// 4. failing all of these, the file name (`name-1.2.3.jar`) gives an artifact without a group, reported
///    under its bare artifactId (no advisory can match it; it is listed so it is not invisible).
///
/// Licenses come from embedded POMs, the manifest and a packed license file (`JavaArchiveLicenses`).
public enum JavaArchiveParser {
    /// Limits that keep a hostile archive (zip bomb, deep nesting) from exhausting memory or time.
    public struct Limits: Sendable, Hashable {
        /// Archives nested deeper than this are not opened.
        public var maximumDepth: Int
        /// Total bytes inflated for one top-level archive, all levels together.
        public var maximumInflatedBytes: Int
        /// Largest single metadata file (manifest, pom.properties) read.
        public var maximumMetadataSize: Int

        /// Creates limits; the defaults suit real applications (Spring Boot jars of a few hundred MiB).
        public init(maximumDepth: Int = 4, maximumInflatedBytes: Int = 1 << 30, maximumMetadataSize: Int = 1 << 20) {
            self.maximumDepth = maximumDepth
            self.maximumInflatedBytes = maximumInflatedBytes
            self.maximumMetadataSize = maximumMetadataSize
        }
    }

    /// The file extensions of Java archives.
    public static let archiveExtensions = [".jar", ".war", ".ear", ".par"]

    /// Parses the archive `bytes` found at `path`. Throws `CatalogError` (`malformed-binary`) when the
    /// top-level archive is not a readable ZIP; damaged nested archives and entries become warnings.
    public static func parse(_ bytes: [UInt8], path: String, limits: Limits = Limits()) throws(CatalogError) -> (
        packages: [Package], warnings: [CatalogWarning]
    ) {
        var state = State(limits: limits)
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes)
        } catch {
            throw CatalogError(
                code: .malformedBinary, reason: "not a readable Java archive", location: path,
                underlying: error.reason)
        }
        walk(archive, path: path, depth: 0, state: &state)
        var seen: Set<String> = []
        let unique = state.packages.filter { seen.insert("\($0.name)@\($0.version)@\($0.filePath ?? "")").inserted }
        return (unique, state.warnings)
    }

    /// Whether `path` names a Java archive.
    public static func isArchive(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return archiveExtensions.contains { lowered.hasSuffix($0) }
    }

    private struct State {
        var limits: Limits
        var inflated = 0
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
    }

    private static func walk(_ archive: ZipArchive, path: String, depth: Int, state: inout State) {
        var licenses = JavaArchiveLicenses()
        identify(archive, path: path, depth: depth, state: &state, licenses: &licenses)
        let own = state.packages.indices.filter { state.packages[$0].filePath == path }
        var packages = own.map { state.packages[$0] }
        licenses.attach(to: &packages, path: path)
        for (index, package) in zip(own, packages) { state.packages[index] = package }
    }

    private static func identify(
        _ archive: ZipArchive, path: String, depth: Int, state: inout State, licenses: inout JavaArchiveLicenses
    ) {
        let fileArtifact = MavenArtifact.fromFileName(path)
        var describesItself = false
        var manifest: [UInt8]?
        for entry in archive.entries where !entry.name.hasSuffix("/") {
            let base = entry.name.split(separator: "/").last.map(String.init) ?? entry.name
            if let key = JavaArchiveLicenses.embeddedPom(entry.name) {
                if let content = read(entry, of: archive, path: path, state: &state, metadata: true) {
                    licenses.addPom(content, key: key, path: path + "/" + entry.name)
                }
            } else if JavaArchiveLicenses.isLicenseFile(entry.name) {
                if let content = read(entry, of: archive, path: path, state: &state, metadata: true) {
                    licenses.licenseFiles.append(content)
                }
            } else if base == "pom.properties", entry.name.hasPrefix("META-INF/maven/") {
                guard let content = read(entry, of: archive, path: path, state: &state, metadata: true) else {
                    continue
                }
                guard let artifact = MavenArtifact.fromPomProperties(content) else { continue }
                state.packages.append(artifact.package(filePath: path))
                if let fileArtifact, fileArtifact.artifactID == artifact.artifactID,
                    fileArtifact.version == artifact.version
                {
                    describesItself = true
                }
            } else if entry.name == "META-INF/MANIFEST.MF" {
                manifest = read(entry, of: archive, path: path, state: &state, metadata: true)
                if let manifest { licenses.addManifest(manifest) }
            } else if isArchive(entry.name) {
                let innerPath = path + "/" + entry.name
                guard depth + 1 <= state.limits.maximumDepth else {
                    state.warnings.append(
                        CatalogWarning(
                            path: innerPath,
                            message: "archive nested deeper than \(state.limits.maximumDepth) levels; not opened"))
                    continue
                }
                guard let content = read(entry, of: archive, path: path, state: &state, metadata: false) else {
                    continue
                }
                do {
                    walk(try ZipArchive(content), path: innerPath, depth: depth + 1, state: &state)
                } catch {
                    state.warnings.append(
                        CatalogWarning(
                            path: innerPath, message: "not a readable Java archive (\(error.reason)); skipped"))
                }
            }
        }
        if describesItself { return }
        if let manifest, let artifact = MavenArtifact.fromManifest(manifest) {
            state.packages.append(artifact.package(filePath: path))
            return
        }
        let identified = state.packages.contains { $0.filePath == path }
        if !identified, let fileArtifact {
            state.packages.append(fileArtifact.package(filePath: path))
        }
    }

    private static func read(
        _ entry: ZipArchive.Entry, of archive: ZipArchive, path: String, state: inout State, metadata: Bool
    ) -> [UInt8]? {
        let remaining = state.limits.maximumInflatedBytes - state.inflated
        let limit = metadata ? min(state.limits.maximumMetadataSize, remaining) : remaining
        do {
            let content = try archive.contents(of: entry, limit: max(0, limit))
            state.inflated += content.count
            return content
        } catch {
            state.warnings.append(CatalogWarning(path: path, message: "\(error.reason); entry skipped"))
            return nil
        }
    }
}
