import DrydockTestSupport
import Foundation
import Testing

/// `--cacert` over real HTTPS: Debian's docker-registry with a certificate from a CA the test makes with
/// openssl. Loopback hosts are always spoken to in plain HTTP, so the registry is reached as an `https://`
/// mirror of a made-up registry name (the way a private mirror is configured).
@Suite("Pulling over HTTPS with --cacert", .serialized)
struct TLSRegistryScanTests {
    struct Setup: Sendable {
        var registry: TLSRegistry
        var database: String
        var registriesFile: String
    }

    static let setup: Result<Setup, any Error> = Result {
        let registry = try TLSRegistry.shared()
        let layout = try ImageFixtures.ociLayout(images: [RegistryFixtures.alpine(muslVersion: "1.2.4-r2")])
        try registry.push(layout: layout, tag: "1.0", repository: "team/app")
        let file = registry.state.appendingPathComponent("registries.json")
        let config = """
            {"registries": {"private.drydock.test": {"mirrors": ["https://127.0.0.1:\(registry.port)"], "fallback": false}}}
            """
        try Data(config.utf8).write(to: file)
        let database = try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
        return Setup(registry: registry, database: database, registriesFile: file.path)
    }

    static func scan(_ extra: [String]) throws -> ProcessRunner.Result {
        let setup = try setup.get()
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["DOCKER_CONFIG"] = "/nonexistent-docker-config"
        environment["XDG_CONFIG_HOME"] = "/nonexistent-xdg"
        return try ProcessRunner.run(
            PackagePaths.drydock,
            [
                "image", "private.drydock.test/team/app:1.0", "--registry-config", setup.registriesFile, "--db",
                setup.database, "--format", "json",
            ] + extra, environment: environment, timeout: 180)
    }

    @Test("with --cacert naming the private CA the image is pulled over HTTPS and scanned")
    func trusted() throws {
        let result = try Self.scan(["--cacert", try Self.setup.get().registry.caCertificate.path])
        #expect(result.status == 0, "\(result.stderr)")
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        #expect(CLI.findingRows(report).map { $0[2] } == ["CVE-2099-0001"])
    }

    @Test("without --cacert, or with another CA, the pull fails fast with a TLS error naming the fix, exit 3")
    func untrusted() throws {
        let port = try Self.setup.get().registry.port
        for extra in [[], ["--cacert", try Self.setup.get().registry.unrelatedCA.path]] {
            let started = Date()
            let result = try Self.scan(extra)
            let elapsed = Date().timeIntervalSince(started)
            #expect(result.status == 3, "\(extra): \(result.stderr)")
            #expect(
                result.stderr.contains("the TLS certificate of 127.0.0.1:\(port) is not trusted"),
                "\(extra): \(result.stderr)")
            #expect(result.stderr.contains("CERTIFICATE_VERIFY_FAILED"), "\(extra): \(result.stderr)")
            #expect(result.stderr.contains("pass --cacert FILE with the CA that signed it, or --insecure"))
            #expect(result.stderr.contains("https://127.0.0.1:\(port)/v2/team/app"))
            // Retries with back-off would take well over 10 s; a busy CI machine needs more than 3 s to start up.
            #expect(elapsed < 10, "a TLS failure is not retried: took \(elapsed) s")
        }
    }

    @Test("--insecure, and only it, accepts the untrusted certificate (verification is on by default)")
    func insecureAccepts() throws {
        let result = try Self.scan(["--insecure"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        #expect(CLI.findingRows(report).map { $0[2] } == ["CVE-2099-0001"])
    }

    @Test("a --cacert file that is not PEM is a clear error")
    func badFile() throws {
        let file = try PackagePaths.temporaryDirectory("tls-bad").appendingPathComponent("ca.pem")
        try Data("not a certificate".utf8).write(to: file)
        let result = try Self.scan(["--cacert", file.path])
        #expect(result.status != 0 && result.status < 128)
        #expect(result.stderr.contains(file.path), "\(result.stderr)")
    }
}
