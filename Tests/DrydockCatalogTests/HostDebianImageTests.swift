import DrydockImage
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// An image made from this machine's own Debian files (dpkg database, file lists, release files), checked
/// against `dpkg-query` and `dpkg -L` as oracles.
struct HostDebianImageTests {
    static var hostIsDebian: Bool {
        let present = ["/etc/debian_version", "/usr/lib/os-release"].allSatisfy {
            FileManager.default.fileExists(atPath: $0)
        }
        if !present { print("skipped: this machine is not Debian") }
        return present && CatalogFixtures.HostDpkgSnapshot.available
    }

    static func isHostFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }

    static func hostFile(_ path: String) throws -> FileSpec {
        .bytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test(.enabled(if: hostIsDebian))
    func hostDatabaseAsATwoLayerImage() throws {
        let snapshot = try CatalogFixtures.HostDpkgSnapshot.take()
        var base: [String: FileSpec] = [
            "etc/os-release": .symlink("../usr/lib/os-release"),
            "usr/lib/os-release": try Self.hostFile("/usr/lib/os-release"),
            "etc/debian_version": try Self.hostFile("/etc/debian_version"),
            "var/lib/dpkg/status": .bytes(snapshot.status),
            "var/lib/dpkg/info/tar.md5sums": .file("0123  bin/tar\n"),
        ]
        for (name, bytes) in snapshot.lists { base["var/lib/dpkg/info/\(name)"] = .bytes(bytes) }
        // The second layer installs one more package, as `apt-get install` would rewrite the database.
        let status = String(decoding: snapshot.status, as: UTF8.self)
        let extra = Samples.dpkgStanza("drydock-test", "1.0-1", source: "drydock (1.0-1)")
        let upper: [String: FileSpec] = [
            "var/lib/dpkg/status": .file(status + (status.hasSuffix("\n\n") ? "" : "\n") + extra),
            "var/lib/dpkg/info/drydock-test.list": .file("/.\n/usr\n/usr/bin\n/usr/bin/drydock-test\n"),
        ]
        let url = try ImageFixtures.dockerArchive(layers: [base, upper], repoTags: ["host/debian:1"], gzipLayers: true)
        let archive = try ImageArchive.open(url.path)
        let result = try ImageCataloger().catalog(archive, artifactName: "host/debian:1")
        let diffIDs = archive.image.config.diffIDs

        let debianVersion = try String(contentsOfFile: "/etc/debian_version", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.inventory.operatingSystem?.family == .debian)
        #expect(result.inventory.operatingSystem?.version == debianVersion)
        #expect(result.inventory.targets.first?.name == "host/debian:1 (debian \(debianVersion))")

        let expected =
            ["drydock-test 1.0-1 amd64 drydock 1.0-1 sha256:1"]
            + (try snapshot.installedPackages()).map { $0 + " sha256:0" }
        let packages = result.inventory.allPackages
        let parsed = packages.map {
            let layer = $0.layer?.diffID == diffIDs[0] ? "sha256:0" : $0.layer?.diffID == diffIDs[1] ? "sha256:1" : "?"
            return "\($0.name) \($0.version) \($0.architecture ?? "") \($0.advisoryName) \($0.advisoryVersion) \(layer)"
        }
        #expect(parsed.sorted() == expected.sorted())
        #expect(result.layers.map(\.packagesIntroduced) == [expected.count - 1, 1])
        #expect(result.inventory.warnings.isEmpty)

        // Installed files against `dpkg-query -L`: every listed path that is not a folder on this machine is
        // there; anything more is a folder the package leaves empty (the list cannot tell those apart).
        for name in ["tar", "dpkg", "bash"] {
            let package = try #require(packages.first { $0.name == name })
            let listed = try snapshot.query(["-L", name]).split(separator: "\n").map(String.init)
            let files = listed.filter { $0 != "/." && !Self.isHostFolder($0) }.map { String($0.dropFirst()) }
            #expect(!files.isEmpty)
            #expect(Set(files).isSubset(of: package.installedFiles), "installed files of \(name)")
            for extra in Set(package.installedFiles).subtracting(files) {
                #expect(Self.isHostFolder("/" + extra), "\(extra) of \(name) is neither a file nor an empty folder")
            }
        }
        let libc = try #require(packages.first { $0.name == "libc6" })
        #expect(libc.installedFiles.contains { $0.hasSuffix("libc.so.6") })
        #expect(libc.purl?.hasPrefix("pkg:deb/debian/libc6@") == true)
    }
}
