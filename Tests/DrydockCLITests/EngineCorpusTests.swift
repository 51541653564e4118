import DrydockTestSupport
import Foundation
import Testing

/// `podman load -i IMAGE.tar && drydock image NAME`, and the same through containerd: the real image
/// fixture of `../shared` scanned out of real engines gives the same findings as the tarball itself.
@Suite("Engine images equal their tarballs", .serialized, .enabled(if: PackagePaths.hasShared))
struct EngineCorpusTests {
    struct Setup: Sendable {
        var servers: EngineServers
        var database: String
        var archive: URL
    }

    nonisolated(unsafe) static var prepared: Result<Setup, any Error>?
    static let lock = NSLock()
    static let name = "example/python-app:1.0"

    /// The python-app fixture as a plain tar, loaded into Podman and into containerd (namespace
    /// `drydock-corpus`), and a DB of the real Alpine secdb and PyPI advisories.
    static func setup() throws -> Setup {
        lock.lock()
        defer { lock.unlock() }
        if let prepared { return try prepared.get() }
        let result = Result { () throws -> Setup in
            guard let shared = PackagePaths.shared else { throw CLI.ProcessFailure(description: "no ../shared") }
            let servers = try EngineServers.shared()
            let archive = try EngineCLI.plainTar(
                shared.appendingPathComponent("fixtures/images/alpine-310-python-app.tar.gz"))
            let database = try CLI.imageFixtureDatabase.get()
            try servers.podmanLoad(archive)
            try servers.containerdImport(archive, namespace: "drydock-corpus")
            return Setup(servers: servers, database: database, archive: archive)
        }
        prepared = result
        return try result.get()
    }

    /// Scans the tarball, then `reference` with `arguments`; expects equal results and image IDs.
    func expectSameAsTarball(
        _ reference: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> [String: Any] {
        let setup = try Self.setup()
        let (tarball, tarballReport) = try EngineCLI.scan(["--input", setup.archive.path, "--db", setup.database])
        #expect(tarball.status == 0, "\(tarball.stderr)")
        let (engine, engineReport) = try EngineCLI.scan(
            [reference, "--db", setup.database] + arguments, environment: environment)
        #expect(engine.status == 0, "\(engine.stderr)")
        #expect(!EngineCLI.vulnerabilityIDs(tarballReport).isEmpty, "the fixture should have findings")
        #expect(try EngineCLI.comparableResults(engineReport) == EngineCLI.comparableResults(tarballReport))
        let engineMetadata = EngineCLI.metadata(engineReport)
        let tarballMetadata = EngineCLI.metadata(tarballReport)
        #expect(engineMetadata["ImageID"] as? String == tarballMetadata["ImageID"] as? String)
        #expect(engineMetadata["DiffIDs"] as? [String] == tarballMetadata["DiffIDs"] as? [String])
        #expect(engineReport["ArtifactName"] as? String == reference)
        return engineReport
    }

    @Test("Podman through the Docker-compatible API (--docker-host unix://…)")
    func podmanAsDocker() throws {
        let socket = try Self.setup().servers.podmanSocket()
        let report = try expectSameAsTarball(
            Self.name, ["--image-src", "docker", "--docker-host", "unix://\(socket)"])
        let metadata = EngineCLI.metadata(report)
        #expect(metadata["RepoTags"] as? [String] == ["localhost/example/python-app:1.0"])
        let digests = metadata["RepoDigests"] as? [String] ?? []
        #expect(digests.count == 1 && digests[0].hasPrefix("localhost/example/python-app@sha256:"), "\(digests)")
    }

    @Test("Podman through its own socket (--podman-host), with the default source order")
    func podmanHost() throws {
        let socket = try Self.setup().servers.podmanSocket()
        let report = try expectSameAsTarball(Self.name, ["--podman-host", socket, "--debug"])
        #expect(EngineCLI.metadata(report)["RepoTags"] as? [String] == ["localhost/example/python-app:1.0"])
    }

    @Test("containerd (--containerd-address, CONTAINERD_NAMESPACE)")
    func containerd() throws {
        let socket = try Self.setup().servers.containerdSocket()
        let report = try expectSameAsTarball(
            Self.name, ["--image-src", "containerd", "--containerd-address", socket],
            environment: ["CONTAINERD_NAMESPACE": "drydock-corpus"])
        let metadata = EngineCLI.metadata(report)
        #expect(metadata["RepoTags"] as? [String] == ["docker.io/example/python-app:1.0"])
        let digests = metadata["RepoDigests"] as? [String] ?? []
        #expect(digests.count == 1 && digests[0].hasPrefix("docker.io/example/python-app@sha256:"), "\(digests)")
        // The content store names each layer's blob: here the uncompressed tar, so its digest is the diffID.
        let vulnerabilities = (report["Results"] as? [[String: Any]] ?? []).flatMap {
            $0["Vulnerabilities"] as? [[String: Any]] ?? []
        }
        #expect(!vulnerabilities.isEmpty)
        for vulnerability in vulnerabilities {
            let layer = vulnerability["Layer"] as? [String: Any] ?? [:]
            #expect(layer["Digest"] as? String != nil && layer["Digest"] as? String == layer["DiffID"] as? String)
        }
    }

    @Test("containerd through CONTAINERD_ADDRESS, by its full name")
    func containerdAddressFromEnvironment() throws {
        let socket = try Self.setup().servers.containerdSocket()
        _ = try expectSameAsTarball(
            "docker.io/example/python-app:1.0", ["--image-src", "containerd"],
            environment: ["CONTAINERD_NAMESPACE": "drydock-corpus", "CONTAINERD_ADDRESS": socket])
    }
}
