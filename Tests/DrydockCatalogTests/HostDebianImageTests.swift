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
        let present = ["/var/lib/dpkg/status", "/etc/debian_version", "/usr/lib/os-release", "/var/lib/dpkg/info"]
            .allSatisfy { FileManager.default.fileExists(atPath: $0) }
        if !present { print("skipped: this machine has no Debian dpkg database") }
        return present && CatalogFixtures.commandAvailable("dpkg-query")
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
        var base: [String: FileSpec] = [
            "etc/os-release": .symlink("../usr/lib/os-release"),
            "usr/lib/os-release": try Self.hostFile("/usr/lib/os-release"),
            "etc/debian_version": try Self.hostFile("/etc/debian_version"),
            "var/lib/dpkg/status": try Self.hostFile("/var/lib/dpkg/status"),
        ]
        let info = "/var/lib/dpkg/info"
        for name in try FileManager.default.contentsOfDirectory(atPath: info)
        where name.hasSuffix(".list") || name.hasPrefix("tar.") {
            base["var/lib/dpkg/info/\(name)"] = try Self.hostFile("\(info)/\(name)")
        }
        // The second layer installs one more package, as `apt-get install` would rewrite the database.
        let status = try String(contentsOfFile: "/var/lib/dpkg/status", encoding: .utf8)
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

        let format = "${db:Status-Abbrev}|${Package}|${Version}|${Architecture}|${source:Package}|${source:Version}\n"
        let query = String(decoding: try CatalogFixtures.run("dpkg-query", ["-W", "-f", format]), as: UTF8.self)
        var expected: [String] = ["drydock-test 1.0-1 amd64 drydock 1.0-1 sha256:1"]
        for line in query.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == 6, fields[0].hasPrefix("ii") || fields[0].hasPrefix("hi") else { continue }
            expected.append("\(fields[1]) \(fields[2]) \(fields[3]) \(fields[4]) \(fields[5]) sha256:0")
        }
        let packages = result.inventory.allPackages
        let parsed = packages.map {
            let layer = $0.layer?.diffID == diffIDs[0] ? "sha256:0" : $0.layer?.diffID == diffIDs[1] ? "sha256:1" : "?"
            return "\($0.name) \($0.version) \($0.architecture ?? "") \($0.advisoryName) \($0.advisoryVersion) \(layer)"
        }
        #expect(parsed.sorted() == expected.sorted())
        #expect(result.layers.map(\.packagesIntroduced) == [expected.count - 1, 1])
        #expect(result.inventory.warnings.isEmpty)

        // Installed files against `dpkg -L`: every listed path that is not a folder on this machine is
        // there; anything more is a folder the package leaves empty (the list cannot tell those apart).
        for name in ["tar", "dpkg", "bash"] {
            let package = try #require(packages.first { $0.name == name })
            let listed = String(decoding: try CatalogFixtures.run("dpkg", ["-L", name]), as: UTF8.self)
                .split(separator: "\n").map(String.init)
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
