import DrydockTestSupport
import Foundation
import Testing

/// `--image-src` against real engines (scripts/engines/start): the order is honoured, a missing or
/// empty engine hands over to the next source, and when none has the image every source is named.
@Suite(.serialized) struct EngineSourceTests {
    struct Setup: Sendable {
        var servers: EngineServers
        var database: String
    }

    nonisolated(unsafe) static var prepared: Result<Setup, any Error>?
    static let lock = NSLock()
    /// In Podman vulnerable (musl 1.2.4-r2), in containerd fixed (1.2.4-r3): which one was scanned shows.
    static let shared = "drydock-test/order:1.0"
    /// Only in containerd.
    static let containerdOnly = "drydock-test/only-containerd:1.0"
    static let namespace = "drydock-sources"
    /// A multi-platform index in containerd (amd64 vulnerable, arm64 fixed), tagged 1.0.
    static let multiPlatform = "drydock-test/multi"

    static func setup() throws -> Setup {
        lock.lock()
        defer { lock.unlock() }
        if let prepared { return try prepared.get() }
        let result = Result { () throws -> Setup in
            let servers = try EngineServers.shared()
            let database = try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
            let vulnerable = try ImageFixtures.dockerArchive(
                images: [RegistryFixtures.alpine(muslVersion: "1.2.4-r2", tag: shared)])
            let fixed = try ImageFixtures.dockerArchive(
                images: [
                    RegistryFixtures.alpine(muslVersion: "1.2.4-r3", tag: shared),
                    RegistryFixtures.alpine(muslVersion: "1.2.4-r2", tag: containerdOnly),
                ])
            try servers.podmanLoad(vulnerable)
            try servers.containerdImport(fixed, namespace: namespace)
            // A multi-platform index in containerd: amd64 vulnerable, arm64 fixed.
            let multi = try RegistryFixtures.multiPlatformLayout(
                [
                    RegistryFixtures.alpine(muslVersion: "1.2.4-r2", architecture: "amd64", tag: "amd"),
                    RegistryFixtures.alpine(muslVersion: "1.2.4-r3", architecture: "arm64", tag: "arm"),
                ], tag: "1.0")
            let multiArchive = multi.deletingLastPathComponent().appendingPathComponent("multi.tar")
            try ImageFixtures.tar(directory: multi, output: multiArchive)
            try servers.containerdImport(multiArchive, namespace: namespace, baseName: "docker.io/\(multiPlatform)")
            return Setup(servers: servers, database: database)
        }
        prepared = result
        return try result.get()
    }

    /// Scans `reference` with the test engines named by flags (containerd's namespace set).
    static func scan(_ reference: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (
        ProcessRunner.Result, [String: Any]
    ) {
        let setup = try setup()
        var env = ["CONTAINERD_NAMESPACE": namespace]
        for (key, value) in environment { env[key] = value }
        return try EngineCLI.scan([reference, "--db", setup.database] + arguments, environment: env)
    }

    static func engines() throws -> [String] {
        let servers = try setup().servers
        return ["--podman-host", try servers.podmanSocket(), "--containerd-address", try servers.containerdSocket()]
    }

    @Test func theOrderOfImageSrcDecides() throws {
        let (podmanFirst, podmanReport) = try Self.scan(
            Self.shared, try Self.engines() + ["--image-src", "podman,containerd", "--debug"])
        #expect(podmanFirst.status == 0, "\(podmanFirst.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(podmanReport) == ["CVE-2099-0001"])
        #expect(podmanFirst.stderr.contains("found in podman"), "\(podmanFirst.stderr)")
        let (containerdFirst, containerdReport) = try Self.scan(
            Self.shared, try Self.engines() + ["--image-src", "containerd,podman", "--debug"])
        #expect(containerdFirst.status == 0, "\(containerdFirst.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(containerdReport).isEmpty)
        #expect(containerdFirst.stderr.contains("found in containerd"), "\(containerdFirst.stderr)")
        // Trivy's default order: docker, containerd, podman, remote.
        let (defaultOrder, defaultReport) = try Self.scan(Self.shared, try Self.engines())
        #expect(defaultOrder.status == 0, "\(defaultOrder.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(defaultReport).isEmpty)
    }

    @Test func aMissingSocketFallsThroughToTheNextSource() throws {
        let (result, report) = try Self.scan(
            Self.shared,
            [
                "--image-src", "docker,containerd,podman", "--containerd-address", EngineCLI.missingContainerd,
                "--podman-host", try Self.setup().servers.podmanSocket(), "--debug",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        #expect(result.stderr.contains("docker: \(EngineCLI.missingDocker): no socket"), "\(result.stderr)")
        #expect(
            result.stderr.contains("containerd: unix://\(EngineCLI.missingContainerd): no socket"), "\(result.stderr)")
        #expect(!result.stderr.contains("drydock: error"))
    }

    @Test func anEngineWithoutTheImageFallsThrough() throws {
        let (result, report) = try Self.scan(
            Self.containerdOnly, try Self.engines() + ["--image-src", "podman,containerd"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        #expect(EngineCLI.metadata(report)["RepoTags"] as? [String] == ["docker.io/\(Self.containerdOnly)"])
    }

    @Test func whenNoSourceHasTheImageEveryOneIsListed() throws {
        let (result, _) = try Self.scan(
            "drydock-test/nowhere:1.0",
            [
                "--podman-host", try Self.setup().servers.podmanSocket(), "--containerd-address",
                try Self.setup().servers.containerdSocket(), "--offline",
            ])
        #expect(result.status == 3, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("cannot find image drydock-test/nowhere:1.0 in any image source") == true)
        #expect(lines.contains { $0.contains("- docker: \(EngineCLI.missingDocker): no socket") }, "\(lines)")
        #expect(lines.contains { $0.contains("- containerd: ") && $0.contains("no image drydock-test/nowhere:1.0") })
        #expect(lines.contains { $0.contains("- podman: ") && $0.contains("no image drydock-test/nowhere:1.0") })
        #expect(lines.contains { $0.contains("- remote: cannot pull docker.io/drydock-test/nowhere:1.0") })
    }

    @Test func noEngineRunningAndNoRegistry() throws {
        let (result, _) = try EngineCLI.scan(
            ["drydock-test/nowhere:1.0", "--podman-host", EngineCLI.missingPodman, "--offline"])
        #expect(result.status == 3, "\(result.stderr)")
        for source in ["docker", "containerd", "podman", "remote"] {
            #expect(result.stderr.contains("- \(source): "), "\(source) missing in: \(result.stderr)")
        }
    }

    @Test func anotherPlatformIsNotTheImage() throws {
        let (result, _) = try Self.scan(
            Self.shared, try Self.engines() + ["--image-src", "podman,containerd", "--platform", "linux/arm64"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("is for linux/amd64, not linux/arm64"), "\(result.stderr)")
    }

    @Test func containerdPicksThePlatformOfAnIndex() throws {
        let arguments = try Self.engines() + ["--image-src", "containerd"]
        let (host, hostReport) = try Self.scan("\(Self.multiPlatform):1.0", arguments + ["--platform", "linux/amd64"])
        #expect(host.status == 0, "\(host.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(hostReport) == ["CVE-2099-0001"])
        let (arm, armReport) = try Self.scan("\(Self.multiPlatform):1.0", arguments + ["--platform", "linux/arm64"])
        #expect(arm.status == 0, "\(arm.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(armReport).isEmpty)
        #expect(EngineCLI.metadata(armReport)["OS"] != nil)
        let (missing, _) = try Self.scan("\(Self.multiPlatform):1.0", arguments + ["--platform", "linux/s390x"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("has no image for platform linux/s390x"), "\(missing.stderr)")
    }

    @Test func podmanIsFoundAtItsRootlessSocketByDefault() throws {
        // $XDG_RUNTIME_DIR/podman/podman.sock, here a link to the test service's socket.
        let runtime = try PackagePaths.temporaryDirectory("xdg-runtime")
        try FileManager.default.createDirectory(
            at: runtime.appendingPathComponent("podman"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: runtime.appendingPathComponent("podman/podman.sock").path,
            withDestinationPath: try Self.setup().servers.podmanSocket())
        let (result, report) = try Self.scan(
            Self.shared, ["--image-src", "podman", "--debug"], environment: ["XDG_RUNTIME_DIR": runtime.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        #expect(
            result.stderr.contains("found in podman (unix://\(runtime.path)/podman/podman.sock)"), "\(result.stderr)")
    }

    @Test func unknownSourceIsAUsageError() throws {
        let (result, _) = try Self.scan(Self.shared, ["--image-src", "docker,kubernetes"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown image source 'kubernetes'"), "\(result.stderr)")
    }

    @Test func theSpoolFileIsGoneAfterTheScan() throws {
        let cache = try PackagePaths.temporaryDirectory("engine-cache")
        let (result, report) = try Self.scan(
            Self.shared,
            [
                "--image-src", "podman", "--podman-host", try Self.setup().servers.podmanSocket(),
                "--cache-dir", cache.path,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        let spool = cache.appendingPathComponent("tmp")
        #expect(FileManager.default.fileExists(atPath: spool.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.path) == [])
    }

    @Test func dockerOverTCPWithTLSFromTheEnvironment() throws {
        let servers = try Self.setup().servers
        let (port, certificates) = try servers.dockerTLS()
        let environment = [
            "DOCKER_HOST": "tcp://127.0.0.1:\(port)", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certificates,
        ]
        let (result, report) = try Self.scan(Self.shared, ["--image-src", "docker"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(EngineCLI.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        // Without the client certificate the TLS front refuses the connection: docker is then unreachable.
        var withoutCertificate = environment
        withoutCertificate["DOCKER_CERT_PATH"] = try PackagePaths.temporaryDirectory("no-certs").path
        let (refused, _) = try Self.scan(Self.shared, ["--image-src", "docker"], environment: withoutCertificate)
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.contains("- docker: tcp://127.0.0.1:\(port)"), "\(refused.stderr)")
    }
}
