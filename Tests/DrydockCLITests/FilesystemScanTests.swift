import DrydockTestSupport
import Foundation
import Testing

/// `drydock fs`, `drydock rootfs` and language packages in `drydock image`, end to end, against OSV
/// records the tests write.
@Suite("Scanning projects, root filesystems and language packages end to end")
struct FilesystemScanTests {
    static let requirements = "# app\nDjango==3.2.0 \\\n    --hash=sha256:abc\nrequests>=2.0\n"
    static let packageLock = """
        {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
         "packages": {
           "": {"name": "app", "version": "1.0.0", "dependencies": {"lodash": "^4.17.0"}},
           "node_modules/lodash": {"version": "4.17.20", "license": "MIT"},
           "node_modules/left-pad": {"version": "1.3.0", "dev": true}
         }}
        """
    static let djangoMetadata = "Metadata-Version: 2.1\nName: Django\nVersion: 3.2.0\nLicense: BSD-3-Clause\n\n"

    /// PyPI and npm advisories; the Django one is published twice (GHSA and PYSEC aliases of each other).
    static func database() throws -> String {
        let directory = try PackagePaths.temporaryDirectory("lang-osv")
        let records: [(String, [String: Any])] = [
            (
                "GHSA-django.json",
                DebianScenario.osv(
                    id: "GHSA-qrw5-5h28-6cmg", aliases: ["CVE-2021-33203", "PYSEC-2021-98"], ecosystem: "PyPI",
                    package: "django", events: [["introduced": "3.2"], ["fixed": "3.2.4"]],
                    cvss: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N")
            ),
            (
                "PYSEC-django.json",
                DebianScenario.osv(
                    id: "PYSEC-2021-98", aliases: ["CVE-2021-33203", "GHSA-qrw5-5h28-6cmg"], ecosystem: "PyPI",
                    package: "Django", events: [["introduced": "3.2"], ["fixed": "3.2.4"]])
            ),
            (
                "GHSA-lodash.json",
                DebianScenario.osv(
                    id: "GHSA-35jh-r3h4-6jhm", aliases: ["CVE-2021-23337"], ecosystem: "npm", package: "lodash",
                    events: [["introduced": "0"], ["fixed": "4.17.21"]],
                    cvss: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H")
            ),
            (
                "GHSA-left-pad.json",
                DebianScenario.osv(
                    id: "GHSA-0000-0000-0000", ecosystem: "npm", package: "left-pad",
                    events: [["introduced": "0"], ["fixed": "9.0.0"]])
            ),
        ]
        for (name, record) in records {
            try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]).write(
                to: directory.appendingPathComponent(name))
        }
        return try CLI.buildDatabase([directory.path])
    }

    static func write(_ files: [String: String], into directory: URL) throws {
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    static func scan(_ command: String, _ path: String, database: String) throws -> (
        ProcessRunner.Result, [String: Any]
    ) {
        let result = try CLI.run([command, path, "--db", database, "--format", "json"])
        let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result, object)
    }

    static func results(_ report: [String: Any]) -> [[String: Any]] {
        report["Results"] as? [[String: Any]] ?? []
    }

    @Test("fs: lockfiles are matched by ecosystem, aliases give one finding, dev dependencies are left out")
    func filesystem() throws {
        let database = try Self.database()
        let project = try PackagePaths.temporaryDirectory("lang-project")
        try Self.write(
            [
                "requirements.txt": Self.requirements, "web/package-lock.json": Self.packageLock,
                "web/node_modules/lodash/package.json": #"{"name": "lodash", "version": "4.17.20"}"#,
            ], into: project)
        let (result, report) = try Self.scan("fs", project.path, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            CLI.findingRows(report).map { [$0[0], $0[1], $0[2]] } == [
                ["Django", "3.2.0", "CVE-2021-33203"], ["lodash", "4.17.20", "CVE-2021-23337"],
            ])
        let targets = Self.results(report).map { "\($0["Target"] as? String ?? "") \($0["Type"] as? String ?? "")" }
        #expect(targets == ["requirements.txt pip", "web/package-lock.json npm"])
        #expect(Self.results(report).allSatisfy { $0["Class"] as? String == "lang-pkgs" })
        #expect(report["ArtifactType"] as? String == "filesystem")
        let django = (Self.results(report).first?["Vulnerabilities"] as? [[String: Any]])?.first
        #expect(Set(django?["VendorIDs"] as? [String] ?? []) == ["GHSA-qrw5-5h28-6cmg", "PYSEC-2021-98"])
        #expect(!result.stderr.contains("operating system not detected"))
    }

    @Test("fs: an empty project is clean, not an error")
    func emptyProject() throws {
        let database = try Self.database()
        let project = try PackagePaths.temporaryDirectory("lang-empty")
        let (result, _) = try Self.scan("fs", project.path, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        let missing = try CLI.run(["fs", project.path + "/nope", "--db", database])
        #expect(missing.status == 3)
    }

    @Test("rootfs: OS packages and installed Python metadata, lockfiles ignored")
    func rootfs() throws {
        let database = try Self.database()
        let root = try PackagePaths.temporaryDirectory("lang-rootfs")
        try Self.write(
            [
                "etc/os-release": "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n",
                "lib/apk/db/installed": "P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n",
                "usr/lib/python3.11/site-packages/Django-3.2.0.dist-info/METADATA": Self.djangoMetadata,
                "app/package-lock.json": Self.packageLock,
            ], into: root)
        let (result, report) = try Self.scan("rootfs", root.path, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLI.findingRows(report).map { $0[0] } == ["Django"])
        let targets = Self.results(report).map { $0["Type"] as? String ?? "" }
        #expect(targets == ["alpine", "python-pkg"])
        #expect(report["ArtifactType"] as? String == "rootfs")
    }

    @Test("image: site-packages metadata in a layer is found and matched")
    func image() throws {
        let database = try Self.database()
        let archive = try ImageFixtures.dockerArchive(layers: [
            [
                "etc/os-release": .file("ID=alpine\nVERSION_ID=3.19.1\n"),
                "lib/apk/db/installed": .file("P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n"),
            ],
            ["usr/lib/python3.11/site-packages/Django-3.2.0.dist-info/METADATA": .file(Self.djangoMetadata)],
        ])
        let (result, report) = try CLI.scanJSON(archive.path, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLI.findingRows(report).map { [$0[0], $0[2]] } == [["Django", "CVE-2021-33203"]])
        let python = Self.results(report).first { $0["Type"] as? String == "python-pkg" }
        #expect(python?["Target"] as? String == "Python")
    }
}
