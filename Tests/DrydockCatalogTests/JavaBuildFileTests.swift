import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// `pom.xml`, `gradle.lockfile` and `*.sbt.lock` from Trivy's test data; POM fields checked against
/// Python's `xml.etree`, lockfiles against Python's own splitting and `json`.
@Suite struct JavaBuildFileTests {
    static let pomFolder = "fixtures/trivy/pkg/dependency/parser/java/pom/testdata"
    static let gradleFile = "fixtures/trivy/pkg/dependency/parser/gradle/lockfile/testdata/happy.lockfile"
    static let sbtFile = "fixtures/trivy/pkg/dependency/parser/sbt/lockfile/testdata/v1_happy.sbt.lock"

    static let poms = [
        "happy", "parent-dependency-management", "parent-dependency-management/child",
        "dep-without-version", "inherit-license/module", "transitive-parents", "root-pom-dep-management",
    ]

    @Test(.enabled(if: Shared.available(pomFolder) && CatalogFixtures.commandAvailable("python3")), arguments: poms)
    func pomFieldsMatchElementTree(folder: String) throws {
        let url = try Shared.file("\(Self.pomFolder)/\(folder)/pom.xml")
        let pom = try PomParser.parse(try Shared.bytes(url), path: "pom.xml")
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            def text(e, name):
                child = e.find('{*}' + name)
                return (child.text or '').strip() if child is not None else ''
            print('project', text(root, 'groupId'), text(root, 'artifactId'), text(root, 'version'))
            for d in root.findall('{*}dependencies/{*}dependency'):
                print('dep', text(d, 'groupId'), text(d, 'artifactId'), text(d, 'version'), text(d, 'scope'))
            for d in root.findall('{*}dependencyManagement/{*}dependencies/{*}dependency'):
                print('managed', text(d, 'groupId'), text(d, 'artifactId'), text(d, 'version'), text(d, 'scope'))
            """
        let oracle = String(decoding: try CatalogFixtures.run("python3", ["-c", script, url.path]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        var ours = ["project \(pom.groupID ?? "") \(pom.artifactID ?? "") \(pom.version ?? "")"]
        ours += pom.dependencies.map { "dep \($0.groupID) \($0.artifactID) \($0.version ?? "") \($0.scope ?? "")" }
        ours += pom.managedDependencies.map {
            "managed \($0.groupID) \($0.artifactID) \($0.version ?? "") \($0.scope ?? "")"
        }
        #expect(ours == oracle)
    }

    @Test(.enabled(if: Shared.available(pomFolder)))
    func pomResolution() throws {
        let happy = try PomParser.parse(
            try Shared.bytes(try Shared.file("\(Self.pomFolder)/happy/pom.xml")), path: "pom.xml")
        let resolved = PomParser.packages(happy, path: "pom.xml")
        #expect(
            resolved.packages.map(\.id) == [
                "com.example:happy:1.0.0", "org.example:example-api:1.7.30", "org.example:example-runtime:1.0.0",
            ])
        #expect(resolved.packages.first?.purl == "pkg:maven/com.example/happy@1.0.0")
        // The project depends on its direct dependencies; theirs are unknown without their POMs.
        #expect(
            resolved.packages.first?.dependsOn == [
                "org.example:example-api:1.7.30", "org.example:example-runtime:1.0.0",
            ])
        // Scopes and optional dependencies as Trivy counts them: compile (the default) and runtime, not optional.
        let scoped = try PomParser.parse(
            Array(
                """
                <project><groupId>g</groupId><artifactId>app</artifactId><version>1</version><dependencies>
                <dependency><groupId>g</groupId><artifactId>compile</artifactId><version>1</version></dependency>
                <dependency><groupId>g</groupId><artifactId>runtime</artifactId><version>1</version><scope>runtime</scope></dependency>
                <dependency><groupId>g</groupId><artifactId>provided</artifactId><version>1</version><scope>provided</scope></dependency>
                <dependency><groupId>g</groupId><artifactId>system</artifactId><version>1</version><scope>system</scope></dependency>
                <dependency><groupId>g</groupId><artifactId>test</artifactId><version>1</version><scope>test</scope></dependency>
                <dependency><groupId>g</groupId><artifactId>optional</artifactId><version>1</version><optional>true</optional></dependency>
                </dependencies></project>
                """.utf8), path: "pom.xml")
        #expect(
            PomParser.packages(scoped, path: "pom.xml").packages.map(\.name) == ["g:app", "g:compile", "g:runtime"])
        #expect(resolved.packages.dropFirst().allSatisfy { $0.dependsOn.isEmpty })

        let childPath = "parent-dependency-management/child/pom.xml"
        let child = try PomParser.parse(
            try Shared.bytes(try Shared.file("\(Self.pomFolder)/\(childPath)")), path: childPath)
        #expect(PomParser.parentPath(of: child, at: childPath) == "parent-dependency-management/pom.xml")
        let alone = PomParser.packages(child, path: childPath)
        #expect(alone.packages.map(\.id) == ["com.example:child:3.0.0"])
        #expect(alone.warnings.count == 1)  // example-api's version is managed by the parent
        let parent = try PomParser.parse(
            try Shared.bytes(try Shared.file("\(Self.pomFolder)/parent-dependency-management/pom.xml")), path: "pom.xml"
        )
        let withParent = PomParser.packages(child, parents: [parent], path: childPath)
        #expect(withParent.packages.map(\.id) == ["com.example:child:3.0.0", "org.example:example-api:1.7.30"])
        #expect(withParent.packages.first?.dependsOn == ["org.example:example-api:1.7.30"])
        #expect(withParent.warnings.isEmpty)
    }

    @Test(arguments: ["", "<project>", "<project><a></b></project>", "<notproject/>", "{}"])
    func brokenPomsThrow(text: String) {
        #expect(throws: CatalogError.self) { try PomParser.parse(Array(text.utf8), path: "pom.xml") }
    }

    @Test func pomEntitiesCommentsAndRanges() throws {
        let text = """
            <?xml version="1.0"?>
            <!-- a comment with <tags> -->
            <project><groupId>g&amp;h</groupId><artifactId>a</artifactId><version><![CDATA[1.0&x]]></version>
            <dependencies>
              <dependency><groupId>x</groupId><artifactId>exact</artifactId><version>[2.0]</version></dependency>
              <dependency><groupId>x</groupId><artifactId>range</artifactId><version>[1.0,2.0)</version></dependency>
              <dependency><groupId>x</groupId><artifactId>tested</artifactId><version>1</version><scope>test</scope></dependency>
              <dependency><groupId>x</groupId><artifactId>self</artifactId><version>${project.version}</version></dependency>
            </dependencies></project>
            """
        let pom = try PomParser.parse(Array(text.utf8), path: "pom.xml")
        let resolved = PomParser.packages(pom, path: "pom.xml")
        #expect(resolved.packages.map(\.id) == ["g&h:a:1.0&x", "x:exact:2.0", "x:self:1.0&x"])
        #expect(resolved.warnings.count == 1)
    }

    @Test(.enabled(if: Shared.available(gradleFile) && CatalogFixtures.commandAvailable("python3")))
    func gradleLockfileMatchesPython() throws {
        let url = try Shared.file(Self.gradleFile)
        let parsed = JavaLockfileParser.parseGradle(try Shared.bytes(url), path: "gradle.lockfile")
        let script = """
            import sys
            for line in open(sys.argv[1]):
                line = line.strip()
                if not line or line.startswith('#') or line.startswith('empty='):
                    continue
                g, a, v = line.split('=')[0].split(':')
                print(f'{g}:{a}:{v}')
            """
        let oracle = String(decoding: try CatalogFixtures.run("python3", ["-c", script, url.path]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(parsed.packages.map(\.id) == oracle)
        #expect(!oracle.isEmpty)
        #expect(parsed.packages.allSatisfy { $0.ecosystem == .maven })
    }

    @Test(.enabled(if: Shared.available(sbtFile) && CatalogFixtures.commandAvailable("python3")))
    func sbtLockMatchesPython() throws {
        let url = try Shared.file(Self.sbtFile)
        let packages = try JavaLockfileParser.parseSbt(try Shared.bytes(url), path: "build.sbt.lock")
        let script = """
            import sys, json
            for d in json.load(open(sys.argv[1]))['dependencies']:
                if {'compile', 'runtime'} & set(d.get('configurations', ['compile'])):
                    print(f"{d['org']}:{d['name']}:{d['version']}")
            """
        let oracle = String(decoding: try CatalogFixtures.run("python3", ["-c", script, url.path]), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(packages.map(\.id) == oracle)
        #expect(!oracle.isEmpty)
        #expect(throws: CatalogError.self) {
            try JavaLockfileParser.parseSbt(Array("{\"dependencies\": 3}".utf8), path: "x.sbt.lock")
        }
    }
}
