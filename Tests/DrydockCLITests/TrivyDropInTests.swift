import DrydockTestSupport
import Foundation
import Testing

/// A Trivy CI job switched to Drydock by one word: its trivy.yaml, TRIVY_* variables and flags, end to end.
@Suite("Drop-in for Trivy: config file, environment, and the flags CI scripts use")
struct TrivyDropInTests {
    /// Runs drydock in `directory` with `environment` added to the test environment.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws
        -> ProcessRunner.Result
    {
        var merged = LayerCacheIsolation.isolated(ProcessInfo.processInfo.environment)
        merged["NO_COLOR"] = "1"
        for key in merged.keys where key.hasPrefix("TRIVY_") || key.hasPrefix("DRYDOCK_") {
            merged[key] = nil
        }
        merged.merge(environment) { $1 }
        return try ProcessRunner.run(
            PackagePaths.drydock, arguments, environment: merged, directory: directory, timeout: 120)
    }

    static func project() throws -> URL {
        let project = try PackagePaths.temporaryDirectory("dropin-project")
        try FilesystemScanTests.write(
            [
                "requirements.txt": FilesystemScanTests.requirements,
                "web/package-lock.json": FilesystemScanTests.packageLock,
                "tests/fixtures/requirements.txt": "Django==3.2.0\n",
            ], into: project)
        return project
    }

    static func findings(_ result: ProcessRunner.Result) -> [String] {
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return CLI.findingRows(report).map { "\($0[0])@\($0[1]) \($0[2])" }.sorted()
    }

    @Test("trivy.yaml in Trivy's nested layout, TRIVY_* and DRYDOCK_* variables and flags, in Trivy's precedence")
    func precedence() throws {
        let database = try FilesystemScanTests.database()
        let project = try Self.project()
        let work = try PackagePaths.temporaryDirectory("dropin-cwd")
        try Data(
            """
            format: json
            exit-code: 7
            severity:
              - UNKNOWN
              - LOW
              - MEDIUM
              - HIGH
              - CRITICAL
            scan:
              skip-dirs:
                - "**/fixtures"
            vulnerability:
              ignore-unfixed: false
            db:
              skip-update: true
            """.utf8
        ).write(to: work.appendingPathComponent("trivy.yaml"))
        let fromFile = try Self.run(["fs", project.path, "--db", database], in: work)
        #expect(fromFile.status == 7, "\(fromFile.stderr)")
        #expect(Self.findings(fromFile) == ["Django@3.2.0 CVE-2021-33203", "lodash@4.17.20 CVE-2021-23337"])
        let fromTrivyVariable = try Self.run(
            ["fs", project.path, "--db", database], in: work, environment: ["TRIVY_EXIT_CODE": "9"])
        #expect(fromTrivyVariable.status == 9)
        let fromDrydockVariable = try Self.run(
            ["fs", project.path, "--db", database], in: work,
            environment: ["TRIVY_EXIT_CODE": "9", "DRYDOCK_EXIT_CODE": "11"])
        #expect(fromDrydockVariable.status == 11)
        let fromFlag = try Self.run(
            ["fs", project.path, "--db", database, "--exit-code", "13"], in: work,
            environment: ["DRYDOCK_EXIT_CODE": "11"])
        #expect(fromFlag.status == 13)
        let drydockFile = Data("exit-code: 17\nskip-dirs: [\"**/fixtures\"]\n".utf8)
        try drydockFile.write(to: work.appendingPathComponent("drydock.yaml"))
        #expect(try Self.run(["fs", project.path, "--db", database, "-f", "json"], in: work).status == 17)
    }

    @Test("a malformed config file is a usage error naming the line; an unknown key is a warning naming it")
    func badConfig() throws {
        let database = try FilesystemScanTests.database()
        let project = try Self.project()
        let work = try PackagePaths.temporaryDirectory("dropin-bad")
        try Data("severity: [HIGH\nexit-code: 1\n".utf8).write(to: work.appendingPathComponent("trivy.yaml"))
        let malformed = try Self.run(["fs", project.path, "--db", database], in: work)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("malformed config file trivy.yaml:2"), "\(malformed.stderr)")
        try Data("severty: HIGH\n".utf8).write(to: work.appendingPathComponent("trivy.yaml"))
        let unknown = try Self.run(["fs", project.path, "--db", database], in: work)
        #expect(unknown.status == 0, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("drydock: warning: trivy.yaml:1: unknown key 'severty'; ignored"))
    }

    @Test("--skip-dirs and --skip-files in a project directory")
    func skipInProject() throws {
        let database = try FilesystemScanTests.database()
        let project = try Self.project()
        let all = try Self.run(["fs", project.path, "--db", database, "-f", "json"])
        #expect(Self.findings(all).filter { $0.hasPrefix("Django") }.count == 2)
        let skipped = try Self.run(
            ["fs", project.path, "--db", database, "-f", "json", "--skip-dirs", "tests", "--skip-files", "web/*.json"])
        #expect(Self.findings(skipped) == ["Django@3.2.0 CVE-2021-33203"], "\(skipped.stderr)")
        let globbed = try Self.run(
            ["fs", project.path, "--db", database, "-f", "json", "--skip-files", "**/requirements.txt"])
        #expect(Self.findings(globbed) == ["lodash@4.17.20 CVE-2021-23337"])
    }

    @Test("--skip-dirs in a root filesystem and in an image's layers; the layer cache keys on them")
    func skipInRootfsAndImage() throws {
        let database = try FilesystemScanTests.database()
        let root = try PackagePaths.temporaryDirectory("dropin-rootfs")
        let sitePackages = "usr/lib/python3.11/site-packages"
        try FilesystemScanTests.write(
            [
                "etc/os-release": "ID=alpine\nVERSION_ID=3.19.1\n",
                "lib/apk/db/installed": "P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n",
                "\(sitePackages)/Django-3.2.0.dist-info/METADATA": FilesystemScanTests.djangoMetadata,
            ], into: root)
        let rootfs = try Self.run([
            "rootfs", root.path, "--db", database, "-f", "json", "--skip-dirs", "/usr/lib/python3*",
        ])
        #expect(rootfs.status == 0, "\(rootfs.stderr)")
        #expect(Self.findings(rootfs).isEmpty)
        let archive = try ImageFixtures.dockerArchive(layers: [
            [
                "etc/os-release": .file("ID=alpine\nVERSION_ID=3.19.1\n"),
                "lib/apk/db/installed": .file("P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n"),
            ],
            ["\(sitePackages)/Django-3.2.0.dist-info/METADATA": .file(FilesystemScanTests.djangoMetadata)],
        ])
        let cache = try PackagePaths.temporaryDirectory("dropin-cache").path
        let image = ["image", "--input", archive.path, "--db", database, "-f", "json", "--cache-dir", cache]
        #expect(Self.findings(try Self.run(image)) == ["Django@3.2.0 CVE-2021-33203"])
        // The same layers, cached above, must not answer for a scan that skips a folder.
        let skipped = try Self.run(image + ["--skip-dirs", "usr/lib/**/site-packages"])
        #expect(Self.findings(skipped).isEmpty, "\(skipped.stderr)")
    }

    @Test("--pkg-types, --vuln-type and --include-dev-deps")
    func packageSelection() throws {
        let database = try FilesystemScanTests.database()
        let project = try Self.project()
        let library = try Self.run(["fs", project.path, "--db", database, "-f", "json", "--pkg-types", "os"])
        #expect(Self.findings(library).isEmpty)
        let older = try Self.run(["fs", project.path, "--db", database, "-f", "json", "--vuln-type", "library"])
        #expect(!Self.findings(older).isEmpty)
        let withDev = try Self.run(["fs", project.path, "--db", database, "-f", "json", "--include-dev-deps"])
        #expect(Self.findings(withDev).contains("left-pad@1.3.0 GHSA-0000-0000-0000"), "\(withDev.stderr)")
        #expect(!Self.findings(library).contains { $0.hasPrefix("left-pad") })
        let badType = try Self.run(["fs", project.path, "--db", database, "--pkg-types", "lib"])
        #expect(badType.status == 2)
        #expect(badType.stderr.contains("--pkg-types: unknown type 'lib'"))
    }

    @Test("--timeout ends a scan that hangs with exit code 5 and says so")
    func timeout() throws {
        let database = try FilesystemScanTests.database()
        // A registry that accepts connections and never answers; it gives up by itself after two minutes.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = [
            "python3", "-c",
            "import socket\ns=socket.socket();s.bind(('127.0.0.1',0));s.listen(8);s.settimeout(120)\n"
                + "print(s.getsockname()[1],flush=True)\nc=[]\nwhile True:\n c.append(s.accept())\n",
        ]
        let pipe = Pipe()
        server.standardOutput = pipe
        server.standardInput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL, not terminate(): a signal mask inherited from the test process may block SIGTERM.
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        let line = String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)))
        let start = Date()
        let result = try Self.run(["image", "127.0.0.1:\(port)/app:1", "--db", database, "--timeout", "2s"])
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.contains("did not finish within --timeout 2s"))
        #expect(Date().timeIntervalSince(start) < 60)
        let bad = try Self.run(["fs", ".", "--db", database, "--timeout", "soon"])
        #expect(bad.status == 2)
        let reserved = try Self.run(["fs", ".", "--db", database, "--exit-code", "5"])
        #expect(reserved.status == 2)
    }

    @Test("Trivy flags: accepted ones work, unsupported ones say what to use instead, no-ops change nothing")
    func trivyFlags() throws {
        let database = try FilesystemScanTests.database()
        let project = try Self.project()
        let noOps = try Self.run(
            [
                "fs", project.path, "--db", database, "-f", "json", "--skip-version-check", "--disable-telemetry",
                "--skip-java-db-update", "--offline-scan", "--cache-backend", "fs", "--parallel", "2",
                "--detection-priority", "comprehensive", "--skip-update", "--list-all-pkgs=true",
            ])
        #expect(noOps.status == 0, "\(noOps.stderr)")
        #expect(Self.findings(noOps).count == 3)
        let rego = try Self.run(["fs", project.path, "--db", database, "--ignore-policy", "policy.rego"])
        #expect(rego.status == 2)
        #expect(rego.stderr.contains("--ignore-policy (a Trivy flag) is not supported by Drydock"))
        #expect(rego.stderr.contains("--policy"))
        let redis = try Self.run(["fs", project.path, "--db", database, "--cache-backend", "redis://cache:6379"])
        #expect(redis.status == 2)
        #expect(redis.stderr.contains("--cache-dir on a shared volume"))
    }

    @Test("--clear-cache and --download-db-only run instead of a scan, with no target")
    func housekeeping() throws {
        let cache = try PackagePaths.temporaryDirectory("dropin-clear")
        try Data("x".utf8).write(to: cache.appendingPathComponent("layers.db"))
        let cleared = try Self.run(["image", "--clear-cache", "--cache-dir", cache.path])
        #expect(cleared.status == 0, "\(cleared.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("layers.db").path))
        let withDB = try Self.run(["fs", "--download-db-only", "--db", "/tmp/x.db"])
        #expect(withDB.status == 2)
        #expect(withDB.stderr.contains("--download-db-only updates the default DB"))
    }
}
