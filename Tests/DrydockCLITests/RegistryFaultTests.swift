import DrydockTestSupport
import Foundation
import Testing

/// Faults injected by scripts/registry/fault_proxy.py in front of a real docker-registry on loopback, and
/// Drydock's own security around registry access: secrets never printed, caches private to the user.
/// Shares the images `RegistryScanTests` pushes. Fails — never skips — when the registries cannot start.
@Suite(.serialized) struct RegistryFaultTests {
    static func fault(_ mode: String) throws -> String {
        "127.0.0.1:\(try RegistryScanTests.setup().servers.faultPort)/\(mode)/app:1.0"
    }

    @Test("a connection reset on the first request of every path is retried and the scan succeeds")
    func recoversFromConnectionResets() throws {
        let (result, report) = try RegistryScanTests.scan(try Self.fault("reset"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(RegistryScanTests.vulnerabilityIDs(report) == ["CVE-2099-0001"])
    }

    @Test("429 with Retry-After: 1 is retried no sooner than the server asked (the proxy refuses early retries)")
    func honoursRetryAfter() throws {
        let (result, report) = try RegistryScanTests.scan(try Self.fault("throttle"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("retried before Retry-After"), "\(result.stderr)")
        #expect(RegistryScanTests.vulnerabilityIDs(report) == ["CVE-2099-0001"])
    }

    @Test("a registry that stalls mid-pull is ended by --timeout with exit 5 and a clear message")
    func stallIsBounded() throws {
        let started = Date()
        let (result, _) = try RegistryScanTests.scan(try Self.fault("stall"), ["--timeout", "3s"])
        #expect(result.status == 5, "\(result.stderr)")
        #expect(result.stderr.contains("did not finish within --timeout 3s"), "\(result.stderr)")
        // Bounded: the proxy would hold the blob for 120 s.
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test("a blob with the wrong digest fails the scan and leaves nothing in the layer cache")
    func wrongDigestIsNeverCached() throws {
        let cache = try PackagePaths.temporaryDirectory("fault-cache")
        let environment = ["XDG_CACHE_HOME": cache.path]
        let (bad, _) = try RegistryScanTests.scan(try Self.fault("wrong-digest"), environment: environment)
        #expect(bad.status == 3, "\(bad.stderr)")
        #expect(bad.stderr.contains("hashes to"), "\(bad.stderr)")
        // The same image, intact: every layer is read, none is taken from the cache.
        let (good, report) = try RegistryScanTests.scan(
            try Self.fault("ok"), ["--debug"], environment: environment)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(RegistryScanTests.vulnerabilityIDs(report) == ["CVE-2099-0001"])
        #expect(!good.stderr.contains("cached: skipped"), "\(good.stderr)")
        #expect(good.stderr.contains("drydock: debug:"), "\(good.stderr)")
    }

    @Test("passwords and tokens never reach standard output or error, even with --debug")
    func secretsNeverPrinted() throws {
        let setup = try RegistryScanTests.setup()
        var outputs: [String] = []
        // Basic auth from flags, including a failing attempt with a wrong password.
        let basic = setup.servers.basicCredentials
        for password in [basic.password, "wrong-\(basic.password)"] {
            let (result, _) = try RegistryScanTests.scan(
                try Self.fault("basic"), ["--debug", "--username", basic.user, "--password", password])
            outputs += [String(decoding: result.stdout, as: UTF8.self), result.stderr]
        }
        // Token auth (bearer tokens from the token server) with credentials from a Docker config.
        let token = setup.servers.tokenCredentials
        let host = "127.0.0.1:\(setup.servers.tokenPort)"
        let config = try PackagePaths.temporaryDirectory("docker-config-secrets")
        let auth = Data("\(token.user):\(token.password)".utf8).base64EncodedString()
        try Data(#"{"auths":{"\#(host)":{"auth":"\#(auth)"}}}"#.utf8).write(
            to: config.appendingPathComponent("config.json"))
        let (tokenRun, _) = try RegistryScanTests.scan(
            "\(host)/private/app:1.0", ["--debug"], environment: ["DOCKER_CONFIG": config.path])
        #expect(tokenRun.status == 0, "\(tokenRun.stderr)")
        outputs += [String(decoding: tokenRun.stdout, as: UTF8.self), tokenRun.stderr]
        let secrets = [basic.password, token.password, auth, "Bearer ", "Authorization"]
        for output in outputs {
            for secret in secrets where !secret.isEmpty {
                #expect(!output.contains(secret), "output contains \(secret): \(output)")
            }
        }
    }

    @Test("the cache directory Drydock creates is private to the user (0700)")
    func layerCacheIsPrivate() throws {
        let cache = try PackagePaths.temporaryDirectory("private-cache")
        let (result, _) = try RegistryScanTests.scan(try Self.fault("ok"), environment: ["XDG_CACHE_HOME": cache.path])
        #expect(result.status == 0, "\(result.stderr)")
        let directory = cache.appendingPathComponent("drydock").path
        let attributes = try FileManager.default.attributesOfItem(atPath: directory)
        let mode = (attributes[.posixPermissions] as? Int ?? 0) & 0o777
        #expect(mode == 0o700, "\(directory) has mode \(String(mode, radix: 8))")
        // Its files (SQLite's default 0644 under the umask) are reachable only through it.
        #expect(FileManager.default.fileExists(atPath: directory + "/layers.db"))
    }
}
