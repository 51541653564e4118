import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// Licenses of language packages whose lockfile does not carry them: Maven POMs (the project's, inherited
/// from parents, and dependencies' POMs in a local repository), Java archives (embedded POMs, manifests, a
/// packed LICENSE), NuGet `.nuspec` files, vendored crates' `Cargo.toml`, Go module cache license files.
struct PackageLicenseSourceTests {
    static let trivy = "fixtures/trivy/pkg"

    /// Every package of a project directory (or root filesystem) as `name@version` → its licenses.
    static func licenses(_ directory: URL, mode: DirectoryCataloger.Mode = .filesystem) throws -> [String: [String]] {
        let result = try DirectoryCataloger(mode: mode).catalog(directory: directory.path)
        var found: [String: [String]] = [:]
        for package in result.inventory.allPackages { found["\(package.name)@\(package.version)"] = package.licenses }
        return found
    }

    static func write(_ files: [String: String], in directory: URL) throws {
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static let mitText = """
        Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
        documentation files. The above copyright notice and this permission notice shall be included in all copies or
        substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
        """

    /// Trivy's `inherit-license` test data: a module's module inherits the root POM's licenses.
    @Test(.enabled(if: Shared.available("\(trivy)/dependency/parser/java/pom/testdata/inherit-license")))
    func pomLicensesAreInheritedFromParents() throws {
        let folder = try Shared.file("\(Self.trivy)/dependency/parser/java/pom/testdata/inherit-license")
        let found = try Self.licenses(folder)
        #expect(found["com.example.app:submodule@1.0.0"] == ["Apache-2.0"])
        #expect(found["com.example.app:module@1.0.0"] == ["Apache-2.0"])
        #expect(found["com.example.app:my-app@1.0.0"] == ["Apache-2.0"])
    }

    @Test func dependenciesGetTheLicensesOfTheirPOMsInALocalRepository() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-pom-licenses")
        try Self.write(
            [
                "app/pom.xml": """
                <project><groupId>org.example</groupId><artifactId>app</artifactId><version>1.0</version>
                  <licenses><license><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>
                  <dependencies>
                    <dependency><groupId>org.lib</groupId><artifactId>core</artifactId><version>2.1</version></dependency>
                    <dependency><groupId>org.lib</groupId><artifactId>unknown</artifactId><version>1.0</version></dependency>
                  </dependencies>
                </project>
                """,
                // core names no license; its parent in the repository does.
                ".m2/repository/org/lib/core/2.1/core-2.1.pom": """
                <project><parent><groupId>org.lib</groupId><artifactId>parent</artifactId><version>5</version></parent>
                  <artifactId>core</artifactId></project>
                """,
                ".m2/repository/org/lib/parent/5/parent-5.pom": """
                <project><groupId>org.lib</groupId><artifactId>parent</artifactId><version>5</version>
                  <licenses><license><name>Eclipse Public License - v 2.0</name></license>
                  <license><name>GNU General Public License, version 2 with the GNU Classpath Exception</name></license>
                  </licenses></project>
                """,
            ], in: root)
        let found = try Self.licenses(root)
        #expect(found["org.example:app@1.0"] == ["Apache-2.0"])
        #expect(found["org.lib:core@2.1"] == ["EPL-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"])
        #expect(found["org.lib:unknown@1.0"] == [])
    }

    /// Trivy's test jars: a Jenkins plugin's manifest names two licenses; a jar packing two license files
    /// gets none (which one applies is not known).
    @Test(.enabled(if: Shared.available("\(trivy)/dependency/parser/java/jar/testdata")))
    func jarManifestsAndPackedLicenseFiles() throws {
        let folder = "\(Self.trivy)/dependency/parser/java/jar/testdata"
        let jenkins = try JavaArchiveParser.parse(
            try Shared.bytes(try Shared.file("\(folder)/license-from-jenkins-plugin.jar")), path: "plugin.jar")
        #expect(jenkins.packages.map(\.licenses) == [["Apache License, Version 2.0", "MIT License"]])
        #expect(PackageLicenses.normalized(jenkins.packages[0].licenses) == ["Apache-2.0", "MIT"])
        let multi = try JavaArchiveParser.parse(
            try Shared.bytes(try Shared.file("\(folder)/multi-license-1.0.0.jar")), path: "multi-license-1.0.0.jar")
        #expect(multi.packages.map(\.name) == ["com.example:multi-license"])
        #expect(multi.packages.map(\.licenses) == [[]])
    }

    @Test(.enabled(if: CatalogFixtures.commandAvailable("python3")))
    func jarEmbeddedPomAndSingleLicenseFile() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-jar-licenses")
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("META-INF/maven/org.a/shaded/pom.properties", "groupId=org.a\\nartifactId=shaded\\nversion=1.0\\n")
                z.writestr("META-INF/maven/org.a/shaded/pom.xml", "<project><licenses><license><name>The MIT License</name></license></licenses></project>")
                z.writestr("META-INF/maven/org.b/inner/pom.properties", "groupId=org.b\\nartifactId=inner\\nversion=2.0\\n")
            with zipfile.ZipFile(sys.argv[2], "w") as z:
                z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\\nImplementation-Vendor-Id: org.c\\nImplementation-Title: lone\\nImplementation-Version: 3.0\\n")
                z.writestr("META-INF/LICENSE.txt", sys.argv[3])
            with zipfile.ZipFile(sys.argv[4], "w") as z:
                z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\\nImplementation-Vendor-Id: org.d\\nImplementation-Title: osgi\\nImplementation-Version: 4.0\\nBundle-License: \\"Apache-2.0\\";link=\\"https://www.apache.org/licenses/LICENSE-2.0\\", <<EXTERNAL>>\\n")
            """
        let shaded = root.appendingPathComponent("shaded-1.0.jar")
        let lone = root.appendingPathComponent("lone-3.0.jar")
        let osgi = root.appendingPathComponent("osgi-4.0.jar")
        _ = try CatalogFixtures.run("python3", ["-c", script, shaded.path, lone.path, Self.mitText, osgi.path])
        let parsedShaded = try JavaArchiveParser.parse(Shared.bytes(shaded), path: "shaded-1.0.jar").packages
        #expect(parsedShaded.map(\.name) == ["org.a:shaded", "org.b:inner"])
        // Each embedded POM's licenses go to its own artifact only.
        #expect(parsedShaded.map(\.licenses) == [["The MIT License"], []])
        #expect(
            try JavaArchiveParser.parse(Shared.bytes(lone), path: "lone-3.0.jar").packages.map(\.licenses) == [["MIT"]])
        #expect(
            try JavaArchiveParser.parse(Shared.bytes(osgi), path: "osgi-4.0.jar").packages.map(\.licenses) == [
                ["Apache-2.0"]
            ])
    }

    /// Trivy's NuGet test data: the `.nuspec` in the tree's global packages folder gives Newtonsoft.Json its
    /// `license type="expression"`; NuGet.Frameworks' license is a file, which names no expression.
    @Test(.enabled(if: Shared.available("\(trivy)/fanal/analyzer/language/dotnet/nuget/testdata")))
    func nuspecLicenses() throws {
        let folder = try Shared.file("\(Self.trivy)/fanal/analyzer/language/dotnet/nuget/testdata")
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-nuget-licenses")
        try FileManager.default.copyItem(
            at: folder.appendingPathComponent("lock/packages.lock.json"),
            to: root.appendingPathComponent("packages.lock.json"))
        try FileManager.default.copyItem(
            at: folder.appendingPathComponent("repository/.nuget"), to: root.appendingPathComponent(".nuget"))
        let found = try Self.licenses(root)
        #expect(found["Newtonsoft.Json@12.0.3"] == ["MIT"])
        #expect(found["NuGet.Frameworks@5.7.0"] == [])
    }

    @Test func vendoredCratesAndGoModuleCacheLicenses() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-cargo-go-licenses")
        try Self.write(
            [
                "Cargo.lock": """
                version = 3

                [[package]]
                name = "serde"
                version = "1.0.190"
                source = "registry+https://github.com/rust-lang/crates.io-index"

                [[package]]
                name = "ring"
                version = "0.17.5"
                source = "registry+https://github.com/rust-lang/crates.io-index"
                """,
                "vendor/serde/Cargo.toml":
                    "[package]\nname = \"serde\"\nversion = \"1.0.190\"\nlicense = \"MIT OR Apache-2.0\"\n",
                "vendor/ring/Cargo.toml":
                    "[package]\nname = \"ring\"\nversion = \"0.17.5\"\nlicense-file = \"LICENSE\"\n",
                "go.mod": "module example.com/app\n\ngo 1.21\n\nrequire github.com/BurntSushi/toml v1.3.2\n",
                "gopath/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/LICENSE": Self.mitText,
                "gopath/pkg/mod/github.com/!burnt!sushi/toml@v1.3.2/internal/LICENSE": "GNU GENERAL PUBLIC LICENSE",
            ], in: root)
        let found = try Self.licenses(root)
        #expect(found["serde@1.0.190"] == ["MIT OR Apache-2.0"])
        #expect(found["ring@0.17.5"] == [])
        #expect(found["github.com/BurntSushi/toml@v1.3.2"] == ["MIT"])
        #expect(
            PackageLicenseFiles.goModule(ofLicense: "root/go/pkg/mod/golang.org/x/net@v0.17.0/LICENSE")! == (
                "golang.org/x/net", "v0.17.0"
            ))
        #expect(PackageLicenseFiles.goModule(ofLicense: "root/go/pkg/mod/cache/download/x@v1/LICENSE") == nil)
    }

    /// Composer's license list is a choice ("for dual licenses, provide an array"), so one `OR` expression.
    @Test func composerLicenseListsAreAChoice() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-composer-licenses")
        try Self.write(
            [
                "composer.lock": """
                {"packages": [
                  {"name": "a/dual", "version": "1.0.0", "license": ["MIT", "GPL-2.0+"]},
                  {"name": "b/one", "version": "2.0.0", "license": ["BSD-3-Clause"]}
                ], "packages-dev": []}
                """
            ], in: root)
        let found = try Self.licenses(root)
        #expect(found["a/dual@1.0.0"] == ["MIT OR GPL-2.0-or-later"])
        #expect(found["b/one@2.0.0"] == ["BSD-3-Clause"])
    }

    /// A Python distribution whose metadata names no license gets the one its license file holds (Trivy's
    /// `License-File` fallback); one whose metadata names one keeps it.
    @Test func pythonLicenseFilesWhenMetadataNamesNone() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-python-licenses")
        let site = "usr/lib/python3/dist-packages"
        try Self.write(
            [
                "etc/os-release": "ID=debian\nVERSION_ID=12\n",
                "\(site)/Zope.Interface-6.0.dist-info/METADATA":
                    "Metadata-Version: 2.1\nName: zope.interface\nVersion: 6.0\n",
                "\(site)/Zope.Interface-6.0.dist-info/licenses/LICENSE.txt": Self.mitText,
                "\(site)/named-1.0.dist-info/METADATA":
                    "Metadata-Version: 2.1\nName: named\nVersion: 1.0\nLicense: BSD-3-Clause\n",
                "\(site)/named-1.0.dist-info/LICENSE": Self.mitText,
            ], in: root)
        let found = try Self.licenses(root, mode: .rootfs)
        #expect(found["zope.interface@6.0"] == ["MIT"])
        #expect(found["named@1.0"] == ["BSD-3-Clause"])
    }
}
