/// Decides which files misconfiguration scanning reads, by name and, where the name is not enough, by
/// content: a manifest named `deploy.yml` or `app.json` is a Kubernetes file when a document has
/// `apiVersion`, `kind` and `metadata`; a `Dockerfile-ubi8` is a Dockerfile when its first instruction
/// is `FROM` or `ARG`.
public enum ConfigFileClassifier {
    /// What a file is taken for before parsing.
    public enum Candidate: Sendable, Hashable {
        /// A Dockerfile or Containerfile.
        case dockerfile
        /// YAML or JSON that may hold Kubernetes objects (or be `helm template` output).
        case manifest
    }

    /// Suffixes of templates that are not Dockerfiles however they are named.
    static let templateSuffixes = [
        ".template", ".tpl", ".tmpl", ".j2", ".jinja", ".jinja2", ".erb", ".in", ".md", ".txt",
    ]

    /// Whether the file name alone makes the file a Dockerfile (Trivy's rule): `Dockerfile`, `Containerfile`,
    /// `Dockerfile.dev`, `app.dockerfile`, `api.Containerfile`.
    public static func isDockerfileName(_ name: String) -> Bool {
        for base in ["Dockerfile", "Containerfile"] {
            if name == base { return true }
            if name.hasPrefix(base + "."), !name.dropFirst(base.count + 1).contains("."),
                !templateSuffixes.contains(where: { name.hasSuffix($0) })
            {
                return true
            }
            if name.lowercased().hasSuffix("." + base.lowercased()) { return true }
        }
        return false
    }

    /// Whether the name suggests a Dockerfile whose content must confirm it (`Dockerfile-ubi8-8.3`,
    /// `Dockerfile.prod.arm64`, `Containerfile_dev`).
    static func mayBeDockerfile(_ name: String) -> Bool {
        guard name.hasPrefix("Dockerfile") || name.hasPrefix("Containerfile") else { return false }
        return !templateSuffixes.contains(where: { name.lowercased().hasSuffix($0) })
    }

    /// Whether the name is YAML or JSON.
    public static func isManifestName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") || lowered.hasSuffix(".json")
    }

    /// Whether the walker should read the file at `path` at all (by name only).
    public static func wantsFile(_ path: String) -> Bool {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        return isDockerfileName(name) || mayBeDockerfile(name) || isManifestName(name)
    }

    /// What the file is, or `nil` when it is not a configuration file.
    public static func classify(path: String, content: some Collection<UInt8>) -> Candidate? {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        if isDockerfileName(name) { return .dockerfile }
        if mayBeDockerfile(name) { return startsLikeDockerfile(content) ? .dockerfile : nil }
        if isManifestName(name) { return KubernetesManifest.mayContainObjects(content) ? .manifest : nil }
        return nil
    }

    /// What content alone suggests, for a file whose name says nothing (a file named on the command line,
    /// standard input): a Dockerfile when it starts like one, else a manifest when it may hold objects.
    public static func sniff(_ content: some Collection<UInt8>) -> Candidate? {
        if startsLikeDockerfile(content) { return .dockerfile }
        return KubernetesManifest.mayContainObjects(content) ? .manifest : nil
    }

    /// Whether the first line that is not blank or a comment starts with `FROM` or `ARG`, or the file
    /// opens with a parser directive.
    public static func startsLikeDockerfile(_ content: some Collection<UInt8>) -> Bool {
        let text = String(decoding: content.prefix(8192), as: UTF8.self)
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: \.isWhitespace)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") {
                if DockerfileParser.directive(line) != nil { return true }
                continue
            }
            let keyword = trimmed.prefix { !$0.isWhitespace }.uppercased()
            return keyword == "FROM" || keyword == "ARG"
        }
        return false
    }
}
