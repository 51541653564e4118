import DrydockTestSupport
import Foundation
import Testing

/// A registry that sends too much: a manifest of 1 GiB, endless manifests, blobs, error documents and token
/// answers (scripts/registry/fault_proxy.py). Drydock stops reading at its documented bound (4 MiB for a
/// manifest or index, the manifest's size for a config, 1 MiB for a token answer, the request's bound for an error
/// document),
/// fails with a message naming the URL, and its memory stays near that of an ordinary scan. What is asserted is
/// how many bytes the proxy managed to send and the process's peak memory, never the wall time.
@Suite(.serialized) struct RegistryBoundsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var mode: String
        /// What the error message must say besides the URL.
        var message: String
        /// What the URL in the message must contain.
        var url: String
        var testDescription: String { mode }
    }

    static let cases = [
        Case(mode: "huge-manifest", message: "is larger than the 4 MiB Drydock reads", url: "/manifests/1.0"),
        Case(mode: "endless-manifest", message: "is larger than the 4 MiB Drydock reads", url: "/manifests/1.0"),
        Case(mode: "endless-blob", message: "is longer than the", url: "/blobs/sha256:"),
        Case(mode: "endless-error", message: "was not found", url: "/manifests/1.0"),
        Case(
            mode: "endless-token", message: "the token server's answer is larger than the 1 MiB", url: "/_endless-token"
        ),
    ]

    /// Bytes the proxy sent so far in each streaming mode.
    static func sent(port: Int) throws -> [String: Int] {
        let fetch = try ProcessRunner.run(
            "python3",
            [
                "-c", "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())",
                "http://127.0.0.1:\(port)/_stats",
            ])
        guard fetch.status == 0 else { throw CLI.ProcessFailure(description: "proxy stats: \(fetch.stderr)") }
        let object = (try JSONSerialization.jsonObject(with: fetch.stdout) as? [String: Any]) ?? [:]
        return object.compactMapValues { ($0 as? NSNumber)?.intValue }
    }

    /// `drydock image 127.0.0.1:FAULT/MODE/app:1.0` with its peak memory measured.
    static func scan(_ mode: String) throws -> ProcessRunner.Result {
        let setup = try RegistryScanTests.setup()
        var environment = LayerCacheIsolation.isolated(ProcessInfo.processInfo.environment)
        environment["NO_COLOR"] = "1"
        environment["DOCKER_CONFIG"] = "/nonexistent-docker-config"
        environment["XDG_CONFIG_HOME"] = "/nonexistent-xdg"
        // --timeout only as a backstop: a client that kept reading would end with exit 5, not with the bound.
        return try ProcessRunner.run(
            PackagePaths.drydock,
            [
                "image", "127.0.0.1:\(setup.servers.faultPort)/\(mode)/app:1.0", "--db", setup.database,
                "--format", "json", "--timeout", "120s",
            ],
            environment: environment, measuringPeakMemory: true)
    }

    @Test("a registry sending too much is cut off at the bound with an error naming the URL", arguments: cases)
    func stopsAtTheBound(_ hostile: Case) throws {
        let port = try RegistryScanTests.setup().servers.faultPort
        let baseline = try Self.scan("ok")
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let before = try Self.sent(port: port)[hostile.mode] ?? 0
        let result = try Self.scan(hostile.mode)
        let sent = (try Self.sent(port: port)[hostile.mode] ?? 0) - before
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains(hostile.message), "\(result.stderr)")
        #expect(result.stderr.contains("http://127.0.0.1:\(port)/"), "\(result.stderr)")
        #expect(result.stderr.contains(hostile.url), "\(result.stderr)")
        // What the proxy got out before Drydock hung up: the bound plus what loopback's socket buffers held (a
        // few MiB), never the gigabyte on offer.
        #expect(sent > 0, "the proxy sent nothing: the fault was not exercised")
        #expect(sent < 48 << 20, "the proxy sent \(sent) bytes of \(hostile.mode) before Drydock stopped reading")
        print(
            "\(hostile.mode): the proxy sent \(sent) bytes; peak memory \(result.peakMemoryKiB) KiB, an ordinary scan "
                + "\(baseline.peakMemoryKiB) KiB; \(result.stderr.split(separator: "\n").last ?? "")")
        // Memory: an ordinary scan's peak plus a little, not the body.
        let extraKiB = result.peakMemoryKiB - baseline.peakMemoryKiB
        #expect(
            extraKiB < 48 << 10,
            "peak \(result.peakMemoryKiB) KiB against \(baseline.peakMemoryKiB) KiB for an ordinary scan")
    }
}
