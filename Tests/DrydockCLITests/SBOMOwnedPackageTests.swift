import DrydockTestSupport
import Foundation
import Testing

/// A jar shipped in a Debian package: matched once, through the Debian package (as today), yet listed in
/// both SBOM formats as a component the Debian package contains, so "which images contain
/// jackson-databind" finds it.
@Suite("SBOM: a Debian-packaged jar is a component owned by its deb")
struct SBOMOwnedPackageTests {
    static let debianPackage = "libjackson2-databind-java"
    static let debianVersion = "2.14.0-1"
    static let jarPath = "usr/share/java/jackson-databind.jar"

    /// A Debian 12 image whose dpkg database lists `libjackson2-databind-java`, whose file list names the
    /// jar, and the jar itself (a pom.properties for `com.fasterxml.jackson.core:jackson-databind:2.14.0`).
    static func image() throws -> URL {
        let work = try PackagePaths.temporaryDirectory("deb-jar")
        let jar = work.appendingPathComponent("jackson-databind.jar")
        try SBOMSupport.jar(
            group: "com.fasterxml.jackson.core", artifact: "jackson-databind", version: "2.14.0", to: jar)
        let status =
            DebianScenario.status + """
                Package: \(debianPackage)
                Status: install ok installed
                Architecture: all
                Source: jackson-databind
                Version: \(debianVersion)
                Description: fast and powerful JSON library for Java -- data binding

                """
        var layer = DebianScenario.layer
        layer["var/lib/dpkg/status"] = .file(status)
        layer["var/lib/dpkg/info/\(debianPackage).list"] = .file("/.\n/usr\n/usr/share\n/usr/share/java\n/\(jarPath)\n")
        layer[jarPath] = .bytes(try ImageFixtures.bytes(jar))
        return try ImageFixtures.dockerArchive(layers: [layer])
    }

    static let database: Result<String, any Error> = Result {
        let folder = try PackagePaths.temporaryDirectory("deb-jar-db")
        let record = DebianScenario.osv(
            id: "DSA-0000-1", ecosystem: "Debian:12", package: "openssl",
            events: [["introduced": "0"], ["fixed": "3.0.13-1~deb12u1"]])
        try JSONSerialization.data(withJSONObject: record).write(to: folder.appendingPathComponent("DSA-0000-1.json"))
        return try CLI.buildDatabase([folder.path])
    }

    @Test("the jar is a component with an edge from the deb, in CycloneDX and SPDX; the JSON report matches it once")
    func debianPackagedJar() throws {
        let image = try Self.image().path
        let database = try Self.database.get()
        let work = try PackagePaths.temporaryDirectory("deb-jar-out")

        // The vulnerability report does not list the jar's package on its own (the deb stands for it).
        let json = try CLI.run(["image", "--input", image, "--db", database, "--format", "json", "--list-all-pkgs"])
        #expect(json.status == 0, "\(json.stderr)")
        let results = SBOMSupport.object(json.stdout)["Results"] as? [[String: Any]] ?? []
        #expect(results.map { $0["Type"] as? String } == ["debian"])
        #expect(!CLI.findingRows(SBOMSupport.object(json.stdout)).isEmpty)

        let cdxFile = work.appendingPathComponent("bom.cdx.json")
        let cdx = try CLI.run([
            "image", "--input", image, "--db", database, "--scanners", "vuln", "--format", "cyclonedx", "-o",
            cdxFile.path,
        ])
        #expect(cdx.status == 0, "\(cdx.stderr)")
        #expect(try SBOMSupport.validate("cyclonedx", cdxFile) == [])
        let bom = SBOMSupport.object(try Data(contentsOf: cdxFile))
        let components = bom["components"] as? [[String: Any]] ?? []
        let jar = components.first {
            ($0["purl"] as? String)?.hasPrefix("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.14.0") == true
        }
        let deb = components.first {
            ($0["purl"] as? String)?.hasPrefix("pkg:deb/debian/\(Self.debianPackage)@") == true
        }
        #expect(jar?["group"] as? String == "com.fasterxml.jackson.core")
        #expect(jar?["name"] as? String == "jackson-databind")
        let properties = (jar?["properties"] as? [[String: String]] ?? []).map {
            "\($0["name"] ?? "")=\($0["value"] ?? "")"
        }
        #expect(properties.contains("drydock:InstalledBy=\(Self.debianPackage)@\(Self.debianVersion)"))
        #expect(properties.contains("aquasecurity:trivy:FilePath=\(Self.jarPath)"))
        let dependencies = bom["dependencies"] as? [[String: Any]] ?? []
        let debEdges =
            dependencies.first { $0["ref"] as? String == deb?["bom-ref"] as? String }?["dependsOn"] as? [String]
        #expect(debEdges?.contains(jar?["bom-ref"] as? String ?? "-") == true)
        // Its vulnerabilities are the deb's: none is listed against the jar.
        let affected = (bom["vulnerabilities"] as? [[String: Any]] ?? []).flatMap {
            ($0["affects"] as? [[String: Any]] ?? []).compactMap { $0["ref"] as? String }
        }
        #expect(!affected.isEmpty)
        #expect(!affected.contains(jar?["bom-ref"] as? String ?? "-"))

        let spdxFile = work.appendingPathComponent("bom.spdx.json")
        let spdx = try CLI.run([
            "image", "--input", image, "--db", database, "--format", "spdx-json", "-o", spdxFile.path,
        ])
        #expect(spdx.status == 0, "\(spdx.stderr)")
        #expect(try SBOMSupport.validate("spdx", spdxFile) == [])
        let document = SBOMSupport.object(try Data(contentsOf: spdxFile))
        let packages = document["packages"] as? [[String: Any]] ?? []
        func spdxID(_ prefix: String) -> String? {
            packages.first { package in
                (package["externalRefs"] as? [[String: Any]] ?? []).contains {
                    ($0["referenceLocator"] as? String)?.hasPrefix(prefix) == true
                }
            }?["SPDXID"] as? String
        }
        let jarID = spdxID("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.14.0")
        let debID = spdxID("pkg:deb/debian/\(Self.debianPackage)@")
        let relationships = (document["relationships"] as? [[String: String]] ?? []).map {
            "\($0["spdxElementId"] ?? "") \($0["relationshipType"] ?? "") \($0["relatedSpdxElement"] ?? "")"
        }
        #expect(jarID != nil && debID != nil)
        #expect(relationships.contains("\(debID ?? "?") CONTAINS \(jarID ?? "?")"))

        // Scanning either SBOM finds what the image scan found, and keeps the jar owned.
        for file in [cdxFile, spdxFile] {
            let scanned = try CLI.run(["sbom", file.path, "--db", database, "--format", "json", "--list-all-pkgs"])
            #expect(scanned.status == 0, "\(scanned.stderr)")
            #expect(
                SBOMSupport.findings(SBOMSupport.object(scanned.stdout), artifactName: file.path)
                    == SBOMSupport.findings(SBOMSupport.object(json.stdout), artifactName: image))
            let again = work.appendingPathComponent("again-" + file.lastPathComponent)
            let rewritten = try CLI.run([
                "sbom", file.path, "--db", database, "--format", "cyclonedx", "-o", again.path,
            ])
            #expect(rewritten.status == 0, "\(rewritten.stderr)")
            let reread = SBOMSupport.object(try Data(contentsOf: again))["components"] as? [[String: Any]] ?? []
            #expect(reread.contains { ($0["purl"] as? String)?.contains("jackson-databind@2.14.0") == true })
        }
    }
}
