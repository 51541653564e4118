/// The Kubernetes objects of one YAML or JSON file: every document, the items of `List` kinds, and —
/// for `helm template` output — the chart template each document came from (its `# Source:` comment).
public struct KubernetesManifest: Sendable, Hashable {
    /// The objects, in file order.
    public var objects: [KubernetesObject]
    /// Whether the file is `helm template` output (its documents carry `# Source:` comments).
    public var isHelmOutput: Bool
    /// Duplicate mapping keys that were accepted (the last value is used), with their lines.
    public var duplicateKeys: [ConfigParseError] = []

    /// Reads `text`. Documents that are not Kubernetes objects (no `apiVersion` and `kind`) are skipped.
    ///
    /// Throws `ConfigParseError` when the YAML itself is malformed or over the limits.
    public static func parse(_ text: String, limits: YAMLTree.Limits = YAMLTree.Limits()) throws(ConfigParseError)
        -> KubernetesManifest
    {
        let (documents, duplicates) = try YAMLTree.parseKeepingDuplicates(text, limits: limits)
        let sources = HelmSources(text)
        var objects: [KubernetesObject] = []
        for document in documents {
            guard let root = document.root else { continue }
            let source = sources.source(forDocumentStartingAt: root.range.start)
            for node in expand(root) {
                objects.append(KubernetesObject(node: node, helmSource: source?.path, helmSourceLine: source?.line))
            }
        }
        return KubernetesManifest(objects: objects, isHelmOutput: !sources.comments.isEmpty, duplicateKeys: duplicates)
    }

    /// The object itself, or the items of a `List` (`kind: List`, `DeploymentList`, …).
    static func expand(_ node: ConfigNode) -> [ConfigNode] {
        guard isObject(node) else { return [] }
        if let kind = node["kind"]?.string, kind.hasSuffix("List"), let items = node["items"], items.isSequence {
            return items.items.flatMap(expand)
        }
        return [node]
    }

    /// Whether `node` has the shape of a Kubernetes object: string `apiVersion` and `kind`, and `metadata`
    /// (or, for lists, `items`).
    public static func isObject(_ node: ConfigNode) -> Bool {
        guard node["apiVersion"]?.string != nil, let kind = node["kind"]?.string, !kind.isEmpty else { return false }
        return node.has("metadata") || node.has("items")
    }

    /// Whether `text` looks like it may hold Kubernetes objects, without parsing it (both keys present).
    public static func mayContainObjects(_ bytes: some Collection<UInt8>) -> Bool {
        contains(bytes, "apiVersion") && contains(bytes, "kind")
    }

    static func contains(_ bytes: some Collection<UInt8>, _ word: String) -> Bool {
        let needle = Array(word.utf8)
        guard let first = needle.first else { return true }
        var index = bytes.startIndex
        while let found = bytes[index...].firstIndex(of: first) {
            if bytes[found...].starts(with: needle) { return true }
            index = bytes.index(after: found)
        }
        return false
    }
}

/// The `# Source: PATH` comments of `helm template` output and the `---` separators around them.
struct HelmSources {
    struct Comment {
        var path: String
        var line: Int
    }

    /// The comments, in line order.
    let comments: [Comment]
    /// Lines holding a document separator.
    let separators: [Int]

    init(_ text: String) {
        var comments: [Comment] = []
        var separators: [Int] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.hasPrefix("---") {
                separators.append(number)
            } else if line.hasPrefix("# Source: ") {
                let path = line.dropFirst("# Source: ".count).trimmingWhitespace()
                if !path.isEmpty { comments.append(Comment(path: path, line: number)) }
            }
        }
        self.comments = comments
        self.separators = separators
    }

    /// The comment between the last separator before `line` and `line`.
    func source(forDocumentStartingAt line: Int) -> Comment? {
        let separator = separators.last { $0 < line } ?? 0
        return comments.last { $0.line > separator && $0.line < line }
    }
}
