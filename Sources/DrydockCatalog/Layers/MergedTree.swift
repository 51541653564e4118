import DrydockModel

/// The wanted files of an image as seen from the top layer, built by applying layers base first.
///
/// For every package database path it also remembers, for each package in the current copy, the layer
/// that introduced it: the first layer of the unbroken run of copies (since the file was last deleted or
/// became unusable) that all list the same name, version and architecture.
struct MergedTree {
    struct Entry {
        var node: LayerFileNode
        var layer: Int
    }

    /// Path → what is there and which layer put it there.
    private(set) var entries: [String: Entry] = [:]
    /// Database path → package key → introducing layer.
    private(set) var attribution: [String: [PackageKey: Int]] = [:]

    /// The most symlink hops `resolve` follows.
    static let maximumHops = 16

    /// Applies one layer on top of the tree.
    mutating func apply(_ analysis: LayerAnalysis, layer: Int) {
        for folder in analysis.opaqueDirectories { removeContents(of: folder) }
        for path in analysis.whiteouts { remove(path) }
        for file in analysis.files {
            let previous = attribution[file.path]
            entries[file.path] = Entry(node: file.node, layer: layer)
            if case .file(.packageDatabase(let database)) = file.node {
                var current: [PackageKey: Int] = [:]
                for package in database.packages {
                    let key = PackageKey(package)
                    current[key] = previous?[key] ?? layer
                }
                attribution[file.path] = current
            } else {
                attribution[file.path] = nil
            }
        }
    }

    /// The layer that introduced `key` into the database at `path`, if it is there.
    func introducingLayer(of key: PackageKey, in path: String) -> Int? {
        attribution[path]?[key]
    }

    /// The target written in the link at `path`, when `path` is a symbolic or hard link.
    func linkTarget(of path: String) -> String? {
        switch entries[path]?.node {
        case .symlink(let target)?, .hardlink(let target)?: target
        default: nil
        }
    }

    /// Where following the links from a path ends.
    enum Resolution {
        /// A usable file: its finding, the path and layer it was found at.
        case file(FileFinding, path: String, layer: Int)
        /// A path the tree has nothing at (the chain's last link leads there).
        case missing(String)
        /// A file that could not be used, a folder, or a link not followed: it has warnings of its own, if any.
        case unusable
        /// More than `maximumHops` links (a loop).
        case tooManyHops
    }

    /// The file finding at `path`, following symbolic and hard links inside the tree (at most
    /// `maximumHops`, never above the root), with the path and layer it was finally found at.
    func resolve(_ path: String) -> (finding: FileFinding, path: String, layer: Int)? {
        guard case .file(let finding, let path, let layer) = follow(path) else { return nil }
        return (finding, path, layer)
    }

    /// Follows the links from `path` and says where that ends.
    func follow(_ path: String) -> Resolution {
        var current = path
        for _ in 0...Self.maximumHops {
            guard let entry = entries[current] else { return .missing(current) }
            switch entry.node {
            case .file(let finding):
                return .file(finding, path: current, layer: entry.layer)
            case .unusable:
                return .unusable
            case .symlink(let target):
                current = Self.join(folder: LayerWalker.split(current).folder, target: target)
            case .hardlink(let target):
                current = Self.join(folder: "", target: target)
            }
        }
        return .tooManyHops
    }

    /// Resolves `target` against `folder` like the kernel inside a chroot: absolute targets start at the
    /// root, `..` at the root stays at the root.
    static func join(folder: String, target: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    private mutating func remove(_ path: String) {
        entries[path] = nil
        attribution[path] = nil
        removeContents(of: path)
    }

    private mutating func removeContents(of folder: String) {
        if folder.isEmpty {
            entries.removeAll()
            attribution.removeAll()
            return
        }
        let prefix = folder + "/"
        for path in entries.keys where path.hasPrefix(prefix) {
            entries[path] = nil
            attribution[path] = nil
        }
    }
}

/// Identifies a package within one database across layers: name, version and architecture.
struct PackageKey: Hashable {
    var name: String
    var version: String
    var architecture: String?

    init(name: String, version: String, architecture: String?) {
        self.name = name
        self.version = version
        self.architecture = architecture
    }

    init(_ package: Package) {
        self.init(name: package.name, version: package.version, architecture: package.architecture)
    }
}
