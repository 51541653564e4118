import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// Jars, wars and pars from Trivy's test data, checked against Info-ZIP's `unzip` reading the same
/// archives (listing, entry bytes and every pom.properties, nested archives included).
@Suite struct JavaArchiveTests {
    static let folder = "fixtures/trivy/pkg/fanal/analyzer/language/java/jar/testdata"
    static let archives = ["test.jar", "test.war", "test.par"]

    static func url(_ name: String) throws -> URL { try Shared.file("\(folder)/\(name)") }

    @Test(.enabled(if: Shared.available(folder) && CatalogFixtures.commandAvailable("unzip")), arguments: archives)
    func zipListingAndContentMatchUnzip(name: String) throws {
        let url = try Self.url(name)
        let archive = try ZipArchive(try Shared.bytes(url))
        let listing = String(decoding: try CatalogFixtures.run("unzip", ["-Z1", url.path]), as: UTF8.self)
        #expect(archive.entries.map(\.name) == listing.split(separator: "\n").map(String.init))
        for entry in archive.entries where !entry.name.hasSuffix("/") {
            let ours = try archive.contents(of: entry, limit: 64 << 20)
            let theirs = try CatalogFixtures.run("unzip", ["-p", url.path, Self.escaped(entry.name)])
            #expect(ours == theirs, "\(entry.name)")
        }
    }

    /// Every artifact named by a pom.properties anywhere in the archive tree, as `unzip` reads them, is
    /// reported with the archive (or nested archive) path it came from.
    @Test(.enabled(if: Shared.available(folder) && CatalogFixtures.commandAvailable("unzip")), arguments: archives)
    func pomPropertiesMatchUnzip(name: String) throws {
        let url = try Self.url(name)
        let parsed = try JavaArchiveParser.parse(try Shared.bytes(url), path: "app/\(name)")
        let scratch = try CatalogFixtures.scratchDirectory(prefix: "drydock-jar")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let oracle = try Self.pomArtifacts(in: url, shownAs: "app/\(name)", scratch: scratch)
        let reported = Set(parsed.packages.map { "\($0.filePath ?? "") \($0.name)@\($0.version)" })
        #expect(!oracle.isEmpty || name == "test.jar")  // test.jar holds no pom.properties
        #expect(oracle.isSubset(of: reported))
        #expect(parsed.warnings.isEmpty)
    }

    /// Hand-checked identification for the archives whose own artifact has no pom.properties.
    @Test(.enabled(if: Shared.available(folder)))
    func identificationPrecedence() throws {
        // test.jar: no pom.properties for itself; MANIFEST.MF gives Bundle-SymbolicName
        // `org.apache.tomcat-embed-websocket` (group: all but the last element), Implementation-Title
        // `Apache Tomcat` and Implementation-Version 9.0.65.
        let jar = try JavaArchiveParser.parse(try Shared.bytes(try Self.url("test.jar")), path: "test.jar")
        #expect(jar.packages.contains { $0.id == "org.apache:Apache Tomcat:9.0.65" && $0.filePath == "test.jar" })
        // test.war: its own pom.properties says com.example:web-app 1.0-SNAPSHOT; the jars in WEB-INF/lib
        // are nested archives (jackson-databind 2.9.10.6 among them).
        let war = try JavaArchiveParser.parse(try Shared.bytes(try Self.url("test.war")), path: "test.war")
        #expect(war.packages.contains { $0.id == "com.example:web-app:1.0-SNAPSHOT" && $0.filePath == "test.war" })
        #expect(
            war.packages.contains {
                $0.id == "com.fasterxml.jackson.core:jackson-databind:2.9.10.6"
                    && $0.filePath == "test.war/WEB-INF/lib/jackson-databind-2.9.10.6.jar"
                    && $0.purl == "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.6"
            })
        #expect(war.packages.allSatisfy { $0.ecosystem == .maven })
    }

    @Test func manifestAndFileNameRules() {
        let manifest = Array(
            "Manifest-Version: 1.0\r\nImplementation-Vendor-Id: org.example\r\nImplementation-Title: li\r\n b\r\nImplementation-Version: 2.0\r\n\r\nName: x\r\nImplementation-Version: 9\r\n"
                .utf8)
        #expect(
            MavenArtifact.fromManifest(manifest)
                == MavenArtifact(groupID: "org.example", artifactID: "lib", version: "2.0"))
        #expect(MavenArtifact.fromManifest(Array("Implementation-Title: x\n".utf8)) == nil)
        #expect(
            MavenArtifact.fromFileName("opt/app/lib/spring-core-5.3.20.jar")
                == MavenArtifact(groupID: "", artifactID: "spring-core", version: "5.3.20"))
        #expect(MavenArtifact.fromFileName("lib/commons-lang3-3.11.jar")?.artifactID == "commons-lang3")
        #expect(MavenArtifact.fromFileName("lib/app.jar") == nil)
    }

    /// Archives built by Python's `zipfile`: a zip bomb, nesting beyond the limit, a Spring Boot layout
    /// with a launch script in front, a shaded jar with two pom.properties, a truncated and a corrupted copy.
    @Test(.enabled(if: CatalogFixtures.commandAvailable("python3")))
    func hostileAndUnusualArchives() throws {
        let scratch = try CatalogFixtures.scratchDirectory(prefix: "drydock-zip")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let script =
            Self.jarBuilders + """
                out = sys.argv[1]
                open(os.path.join(out, 'bomb.jar'), 'wb').write(jar([
                    ('META-INF/maven/x/bomb/pom.properties', pom('x', 'bomb', '1')),
                    ('lib/big.jar', b'\\0' * (64 << 20))]))
                inner = jar([('META-INF/maven/deep/d/pom.properties', pom('deep', 'd', '6'))])
                for level in range(6):
                    inner = jar([('lib/level%d.jar' % level, inner)], zipfile.ZIP_STORED)
                open(os.path.join(out, 'deep.jar'), 'wb').write(inner)
                lib = jar([('META-INF/maven/org.yaml/snakeyaml/pom.properties', pom('org.yaml', 'snakeyaml', '1.33'))])
                boot = jar([('META-INF/MANIFEST.MF', b'Manifest-Version: 1.0\\nImplementation-Title: demo\\n'),
                    ('META-INF/maven/com.example/demo/pom.properties', pom('com.example', 'demo', '0.0.1')),
                    ('BOOT-INF/lib/snakeyaml-1.33.jar', lib)], zipfile.ZIP_STORED)
                open(os.path.join(out, 'boot.jar'), 'wb').write(b'#!/bin/sh\\nexec java -jar "$0" "$@"\\n' + boot)
                open(os.path.join(out, 'shaded.jar'), 'wb').write(jar([
                    ('META-INF/maven/a/one/pom.properties', pom('a', 'one', '1.0')),
                    ('META-INF/maven/b/two/pom.properties', pom('b', 'two', '2.0'))]))
                """
        try CatalogFixtures.run("python3", ["-c", script, scratch.path])
        func load(_ name: String) throws -> [UInt8] { try Shared.bytes(scratch.appendingPathComponent(name)) }

        let limits = JavaArchiveParser.Limits(maximumDepth: 4, maximumInflatedBytes: 8 << 20)
        let bomb = try JavaArchiveParser.parse(try load("bomb.jar"), path: "bomb.jar", limits: limits)
        #expect(bomb.packages.map(\.id) == ["x:bomb:1"])
        #expect(bomb.warnings.contains { $0.message.contains("exceeds") })

        let deep = try JavaArchiveParser.parse(try load("deep.jar"), path: "deep.jar", limits: limits)
        #expect(deep.packages.isEmpty)
        #expect(deep.warnings.contains { $0.message.contains("nested deeper than 4") })
        let deepEnough = try JavaArchiveParser.parse(
            try load("deep.jar"), path: "deep.jar", limits: JavaArchiveParser.Limits(maximumDepth: 6))
        #expect(deepEnough.packages.map(\.id) == ["deep:d:6"])

        let boot = try JavaArchiveParser.parse(try load("boot.jar"), path: "app/demo-0.0.1.jar")
        #expect(Set(boot.packages.map(\.id)) == ["com.example:demo:0.0.1", "org.yaml:snakeyaml:1.33"])

        let shaded = try JavaArchiveParser.parse(try load("shaded.jar"), path: "shaded-9.jar")
        #expect(shaded.packages.map(\.id) == ["a:one:1.0", "b:two:2.0"])

        let whole = try load("shaded.jar")
        for cut in [0, 10, whole.count / 2, whole.count - 23] {
            #expect(throws: CatalogError.self) { try JavaArchiveParser.parse(Array(whole[0..<cut]), path: "cut.jar") }
        }
        var corrupted = whole
        for index in 40..<90 { corrupted[index] ^= 0xa5 }
        let damaged = try JavaArchiveParser.parse(corrupted, path: "shaded-9.jar")
        #expect(damaged.packages.count + damaged.warnings.count >= 1)
    }

    /// Python helpers for tests that build archives: `jar(entries, method)` gives a ZIP's bytes,
    /// `pom(group, artifact, version)` a `pom.properties`.
    static let jarBuilders = """
        import io, os, sys, zipfile
        def jar(entries, method=zipfile.ZIP_DEFLATED):
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, 'w', method) as z:
                for name, data in entries:
                    z.writestr(name, data)
            return buffer.getvalue()
        def pom(g, a, v):
            return f'groupId={g}\\nartifactId={a}\\nversion={v}\\n'.encode()

        """

    /// `unzip` treats `[`, `*`, `?` in member names as wildcards.
    static func escaped(_ name: String) -> String {
        var result = ""
        for character in name {
            if "[]*?".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// `PATH group:artifact@version` for every pom.properties, recursing into nested archives with `unzip`.
    static func pomArtifacts(in url: URL, shownAs shown: String, scratch: URL) throws -> Set<String> {
        let names = String(decoding: try CatalogFixtures.run("unzip", ["-Z1", url.path]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        var result: Set<String> = []
        for name in names {
            if name.hasPrefix("META-INF/maven/"), name.hasSuffix("/pom.properties") {
                let text = String(
                    decoding: try CatalogFixtures.run("unzip", ["-p", url.path, escaped(name)]), as: UTF8.self)
                var values: [String: String] = [:]
                for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                    let parts = line.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
                }
                if let g = values["groupId"], let a = values["artifactId"], let v = values["version"] {
                    result.insert("\(shown) \(g):\(a)@\(v)")
                }
            } else if [".jar", ".war", ".ear", ".par"].contains(where: { name.hasSuffix($0) }) {
                let inner = scratch.appendingPathComponent(UUID().uuidString + ".zip")
                try Data(try CatalogFixtures.run("unzip", ["-p", url.path, escaped(name)])).write(to: inner)
                result.formUnion(try pomArtifacts(in: inner, shownAs: "\(shown)/\(name)", scratch: scratch))
            }
        }
        return result
    }
}
