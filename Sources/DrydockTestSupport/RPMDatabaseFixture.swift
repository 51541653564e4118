import Foundation

/// RPM databases written by Debian's `rpm` itself (`scripts/fixtures/rpm_database.py`: headers built by
/// python3-rpm, then `rpmdb --initdb` and `rpmdb --importdb`), for image fixtures of RPM distributions whose
/// packages must be read exactly as rpm wrote them.
public enum RPMDatabaseFixture {
    /// An `rpmdb.sqlite` holding `packages`; throws naming the missing tool when `rpm` or python3-rpm is absent.
    public static func sqlite(_ packages: [DistroFixtures.RPM]) throws -> [UInt8] {
        let folder = try PackagePaths.temporaryDirectory("rpmdb")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = packages.map { package in
            [
                package.name, package.epoch.map(String.init) ?? "", package.version, package.release, package.arch,
                "\(package.source ?? package.name)-\(package.version)-\(package.release).src.rpm",
                package.modularityLabel ?? "",
            ].joined(separator: "\t")
        }
        let script = PackagePaths.root.appendingPathComponent("scripts/fixtures/rpm_database.py").path
        let result = try ProcessRunner.run(
            "/usr/bin/python3", [script, folder.path], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        guard result.status == 0 else {
            throw ProcessRunner.Failure(
                description:
                    "rpm_database.py failed (install rpm and python3-rpm: scripts/install-test-deps): \(result.stderr)")
        }
        return [UInt8](try Data(contentsOf: folder.appendingPathComponent("rpmdb.sqlite")))
    }
}
