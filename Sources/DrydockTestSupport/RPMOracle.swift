import Foundation

/// Runs the real `rpm` through the oracle scripts in `scripts/oracles/` so RPM database tests compare
/// Drydock's readers with rpm's own.
///
/// Every function throws when `rpm` (or `python3`) is missing or the script fails: a corpus test that cannot
/// consult its oracle fails rather than passes.
public enum RPMOracle {
    /// What to list.
    public enum Mode: String, Sendable {
        /// One line per package: `NAME EPOCHNUM VERSION RELEASE ARCH SOURCERPM LICENSE VENDOR MODULARITYLABEL`,
        /// tab-separated, `(none)` for absent values.
        case packages
        /// One `NAME<TAB>/PATH` line per installed non-directory file.
        case files
    }

    /// The oracle scripts' folder.
    public static var scripts: URL { PackagePaths.root.appendingPathComponent("scripts/oracles") }

    /// What `rpm -qa --dbpath` lists from the database file `database` (named `Packages` or `rpmdb.sqlite`).
    public static func query(database: URL, mode: Mode) throws -> [String] {
        let result = try ProcessRunner.run(
            "/bin/sh", [scripts.appendingPathComponent("rpm_qa.sh").path, mode.rawValue, database.path])
        guard result.status == 0 else {
            throw CatalogFixtures.CommandError(
                description:
                    "rpm_qa.sh \(mode.rawValue) \(database.path) exited with \(result.status): \(result.stderr)")
        }
        return lines(result.output)
    }

    /// What `rpm -qp` reads from each raw header blob, wrapped into a minimal package file.
    public static func query(blobs: [[UInt8]], mode: Mode) throws -> [String] {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-rpm-blobs")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, blob) in blobs.enumerated() {
            let url = folder.appendingPathComponent("\(index).bin")
            try Data(blob).write(to: url)
            paths.append(url.path)
        }
        let result = try ProcessRunner.run(
            "/usr/bin/env",
            ["python3", scripts.appendingPathComponent("rpm_header_query.py").path, mode.rawValue] + paths)
        guard result.status == 0 else {
            throw CatalogFixtures.CommandError(
                description: "rpm_header_query.py \(mode.rawValue) exited with \(result.status): \(result.stderr)")
        }
        return lines(result.output)
    }

    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
