import DrydockLicenses
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// Real Debian root filesystems read as `drydock rootfs` reads them — the one `Benchmarks/run` debootstraps
/// into `Benchmarks/.work/rootfs`, and this machine's own packages when it runs Debian (its dpkg database and
/// `usr/share/doc`, copied with their links) — : every dpkg package's licenses must be those of its copyright
/// file, as Debian's own parser (python3-debian, `scripts/oracles/debian_copyright.py`) reads the
/// machine-readable ones.
struct DebianRootfsLicenseTests {
    static let benchmarkRootfs = PackagePaths.root.appendingPathComponent("Benchmarks/.work/rootfs")
    static let oracle = PackagePaths.root.appendingPathComponent("scripts/oracles/debian_copyright.py")

    static var oracleAvailable: Bool {
        guard (try? ProcessRunner.run("/usr/bin/python3", ["-c", "import debian.copyright"]).status) == 0 else {
            print("skipped: python3-debian is not installed (scripts/install-test-deps installs it)")
            return false
        }
        return true
    }

    static var benchmarkRootfsAvailable: Bool {
        guard FileManager.default.fileExists(atPath: benchmarkRootfs.appendingPathComponent("var/lib/dpkg/status").path)
        else {
            print(
                "skipped: no Debian rootfs at \(benchmarkRootfs.path) (Benchmarks/run --images-only makes one, as root)"
            )
            return false
        }
        return oracleAvailable
    }

    static var hostIsDebian: Bool {
        HostDebianDocs.available && oracleAvailable
    }

    @Test(.enabled(if: benchmarkRootfsAvailable))
    func debootstrappedRootfs() throws {
        try check(Self.benchmarkRootfs)
    }

    /// This machine's dpkg database and documentation folder, copied (links as links) into a scratch root.
    @Test(.enabled(if: hostIsDebian))
    func hostPackages() throws {
        let root = try HostDebianDocs.copy(prefix: "drydock-host-doc")
        defer { try? FileManager.default.removeItem(at: root) }
        try check(root)
    }

    struct Entry: Decodable {
        var format: String
        var synopses: [String]
    }

    func check(_ rootfs: URL) throws {
        let analyzers: [any CatalogAnalyzer] = [OSReleaseAnalyzer(), DpkgAnalyzer(), DpkgCopyrightAnalyzer()]
        let result = try DirectoryCataloger(mode: .rootfs, analyzers: analyzers).catalog(directory: rootfs.path)
        let packages = result.inventory.allPackages
        #expect(packages.count > 50)
        let run = try ProcessRunner.run("/usr/bin/python3", [Self.oracle.path, rootfs.path], timeout: 300)
        try #require(run.status == 0, "\(run.stderr)")
        let oracle = try JSONDecoder().decode([String: Entry].self, from: run.stdout)

        var machineReadable = 0
        var freeText = 0
        for package in packages {
            // The folder the package's documentation is really in (`libgcc-s1` → `gcc-12-base`).
            let docFolder = rootfs.appendingPathComponent("usr/share/doc/\(package.name)")
            let folder = docFolder.resolvingSymlinksInPath().lastPathComponent
            guard let entry = oracle[folder] else {
                #expect(package.licenses.isEmpty, "\(package.name) has no copyright file but \(package.licenses)")
                continue
            }
            let file = try Data(contentsOf: docFolder.appendingPathComponent("copyright"))
            let copyright = DebianCopyright.parse(Array(file))
            switch entry.format {
            case "dep5":
                machineReadable += 1
                #expect(copyright.isMachineReadable, "\(package.name)")
                // The same License first lines as Debian's parser, in the same order…
                #expect(copyright.declared == entry.synopses, "\(package.name)")
                // …and the package's licenses are exactly those lines' licenses (and those recognised in
                // `Files` paragraphs that give a text without a name).
                var expected: [String] = []
                for synopsis in entry.synopses {
                    for name in DebianCopyright.names(in: synopsis) where !expected.contains(name) {
                        expected.append(name)
                    }
                }
                #expect(Set(package.licenses) == Set(expected + copyright.recognised), "\(package.name)")
                #expect(package.licenses.count == Set(package.licenses).count, "\(package.name)")
                #expect(!package.licenses.isEmpty, "\(package.name): \(entry.synopses)")
            case "free":
                freeText += 1
                #expect(!copyright.isMachineReadable, "\(package.name)")
                #expect(package.licenses == copyright.licenses, "\(package.name)")
                // A free-text file that points to a common license or states a GNU notice names a license.
                let text = String(decoding: file, as: UTF8.self)
                if text.contains("/usr/share/common-licenses/") || text.contains("General Public License") {
                    #expect(!package.licenses.isEmpty, "\(package.name): free-text file, no license found")
                }
            default:
                Issue.record("\(package.name): Debian's parser failed: \(entry.synopses)")
            }
            for license in package.licenses {
                #expect(!license.isEmpty && !license.contains("  "), "\(package.name): \(license)")
            }
        }
        print(
            "Debian rootfs \(rootfs.lastPathComponent): \(packages.count) packages, \(machineReadable) "
                + "machine-readable copyright files, \(freeText) free-text")
        #expect(machineReadable > 20)
    }
}
