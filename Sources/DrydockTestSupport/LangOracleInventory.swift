import Foundation

/// An inventory of Go, crates.io and PyPI packages drawn from real advisories, and the files that declare it:
/// project files (`go.mod`, `Cargo.lock`, `requirements.txt`) and installed metadata (`*.dist-info/METADATA`).
///
/// One name can appear with several versions; each version goes to its own folder (`app0`, `app1`, …), so
/// every file names a package once.
public struct LangOracleInventory: Sendable {
    /// One package of the inventory.
    public struct Item: Sendable, Hashable, Codable {
        /// `Go`, `crates.io` or `PyPI`.
        public var ecosystem: String
        /// The name as the file spells it.
        public var name: String
        /// The version as the file spells it (Go with its `v`).
        public var version: String

        /// An item.
        public init(ecosystem: String, name: String, version: String) {
            self.ecosystem = ecosystem
            self.name = name
            self.version = version
        }
    }

    /// The packages, in the order the oracle drew them.
    public var items: [Item]

    /// An inventory of `items`.
    public init(items: [Item]) {
        self.items = items
    }

    /// Decodes the oracle's `--sample` output (a JSON array of items).
    public init(json: Data) throws {
        items = try JSONDecoder().decode([Item].self, from: json)
    }

    /// The items as JSON, the oracle's input.
    public func json() throws -> Data {
        try JSONEncoder().encode(items)
    }

    /// The items grouped into folders so that no folder names a package twice.
    func folders() -> [[Item]] {
        var folders: [[Item]] = []
        var seen: [[String]: Int] = [:]
        for item in items {
            let key = [item.ecosystem, item.name.lowercased()]
            let index = seen[key, default: 0]
            seen[key] = index + 1
            while folders.count <= index { folders.append([]) }
            folders[index].append(item)
        }
        return folders
    }

    /// A project tree: `appN/go.mod`, `appN/Cargo.lock`, `appN/requirements.txt`.
    public func projectFiles() -> [String: String] {
        var files: [String: String] = [:]
        for (index, folder) in folders().enumerated() {
            let go = folder.filter { $0.ecosystem == "Go" }
            let crates = folder.filter { $0.ecosystem == "crates.io" }
            let python = folder.filter { $0.ecosystem == "PyPI" }
            if !go.isEmpty {
                let requires = go.map { "\t\($0.name) \($0.version)\n" }.joined()
                files["app\(index)/go.mod"] = "module example.com/app\(index)\n\ngo 1.22\n\nrequire (\n\(requires))\n"
            }
            if !crates.isEmpty {
                let source = "registry+https://github.com/rust-lang/crates.io-index"
                let packages = crates.map {
                    "[[package]]\nname = \"\($0.name)\"\nversion = \"\($0.version)\"\nsource = \"\(source)\"\n"
                }
                files["app\(index)/Cargo.lock"] = "version = 3\n\n" + packages.joined(separator: "\n")
            }
            if !python.isEmpty {
                files["app\(index)/requirements.txt"] = python.map { "\($0.name)==\($0.version)\n" }.joined()
            }
        }
        return files
    }

    /// An image tree: the `go.mod` and `Cargo.lock` files of `projectFiles()` under `srv/`, and the Python
    /// packages as installed wheels (`appN/lib/python3.12/site-packages/NAME-VERSION.dist-info/METADATA`).
    public func imageFiles() -> [String: String] {
        var files: [String: String] = [:]
        for (path, text) in projectFiles() where !path.hasSuffix("requirements.txt") {
            files["srv/" + path] = text
        }
        for (index, folder) in folders().enumerated() {
            for item in folder where item.ecosystem == "PyPI" {
                let directory = "app\(index)/lib/python3.12/site-packages/\(item.name)-\(item.version).dist-info"
                files["\(directory)/METADATA"] = "Metadata-Version: 2.1\nName: \(item.name)\nVersion: \(item.version)\n"
            }
        }
        return files
    }

    /// Writes `files` under a new temporary folder and returns it.
    public static func write(_ files: [String: String]) throws -> URL {
        let root = try PackagePaths.temporaryDirectory("langoracle")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }
}
