import DrydockModel
import Foundation

/// Small advisory feeds written as files, for tests that build a real vulnerability DB from them
/// (`DatabaseBuilder.build`) — the shapes of Alpine's secdb (`secdb.alpinelinux.org/v3.10/main.json`)
/// and of an OSV record (`osv.dev`'s PyPI export).
public enum AdvisoryFeedFixtures {
    /// An Alpine 3.10 secdb `main.json` fixing `fixes` (package → fixed version → IDs).
    public static func alpineSecDB(_ fixes: [String: [String: [String]]]) -> String {
        let packages = fixes.keys.sorted().map { name -> String in
            let entries = fixes[name, default: [:]].keys.sorted().map { version -> String in
                let ids = fixes[name, default: [:]][version, default: []].map { "\"\($0)\"" }.joined(separator: ",")
                return "\"\(version)\": [\(ids)]"
            }
            return #"{"pkg": {"name": "\#(name)", "secfixes": {\#(entries.joined(separator: ","))}}}"#
        }
        return #"""
            {"distroversion": "v3.10", "reponame": "main", "archs": ["x86_64"],
             "packages": [\#(packages.joined(separator: ",\n"))]}
            """#
    }

    /// An OSV record for one PyPI package, affected from `introduced` until `fixed`, with `aliases`.
    public static func osvPyPI(
        id: String, package: String, introduced: String = "0", fixed: String, aliases: [String] = [],
        severity: String = "HIGH", modified: String = "2024-01-01T00:00:00Z"
    ) -> String {
        let aliasList = aliases.map { "\"\($0)\"" }.joined(separator: ",")
        return #"""
            {"schema_version": "1.6.0", "id": "\#(id)", "modified": "\#(modified)", "aliases": [\#(aliasList)],
             "summary": "\#(package) issue \#(id)", "database_specific": {"severity": "\#(severity)"},
             "affected": [{"package": {"ecosystem": "PyPI", "name": "\#(package)"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "\#(introduced)"}, {"fixed": "\#(fixed)"}]}]}]}
            """#
    }

    /// The standard small feed tree: Alpine 3.10 fixes for musl and openssl, and two PyPI records for
    /// `requests` and `django`. Written under `directory`; returns the paths to pass to the DB builder.
    @discardableResult
    public static func writeStandardFeeds(to directory: String) throws -> [String] {
        let secdb = alpineSecDB([
            "musl": ["1.1.22-r3": ["CVE-2019-14697"]],
            "openssl": ["1.1.1d-r0": ["CVE-2019-1547"], "1.1.1g-r0": ["CVE-2020-1967"]],
        ])
        let alpine = try write(secdb, to: "alpine/v3.10/main.json", in: directory)
        try write(
            osvPyPI(id: "GHSA-j8r2-6x86-q33q", package: "requests", fixed: "2.31.0", aliases: ["CVE-2023-32681"]),
            to: "osv/PyPI/GHSA-j8r2-6x86-q33q.json", in: directory)
        try write(
            osvPyPI(id: "PYSEC-2023-100", package: "django", introduced: "4.0", fixed: "4.1.10"),
            to: "osv/PyPI/PYSEC-2023-100.json", in: directory)
        return [(alpine as NSString).deletingLastPathComponent, (directory as NSString).appendingPathComponent("osv")]
    }

    /// An Alpine 3.10 inventory with musl, openssl and two PyPI packages (requests 2.28.0, django 4.1.2).
    public static func alpineInventory(musl: String = "1.1.22-r2", openssl: String = "1.1.1c-r0") -> Inventory {
        let os = OperatingSystem(family: .alpine, version: "3.10.4")
        let apk = [("musl", musl), ("openssl", openssl)].map { name, version in
            Package(name: name, version: version, ecosystem: .alpine, sourceName: name)
        }
        let python = [("requests", "2.28.0"), ("django", "4.1.2")].map { name, version in
            Package(
                name: name, version: version, ecosystem: .pypi,
                filePath: "usr/lib/python3.11/site-packages/\(name)-\(version).dist-info/METADATA")
        }
        return Inventory(
            operatingSystem: os,
            targets: [
                InventoryTarget(kind: .osPackages, name: "app (alpine 3.10.4)", type: "alpine", packages: apk),
                InventoryTarget(kind: .languagePackages, name: "Python", type: "python-pkg", packages: python),
            ])
    }

    @discardableResult
    private static func write(_ text: String, to relativePath: String, in directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
