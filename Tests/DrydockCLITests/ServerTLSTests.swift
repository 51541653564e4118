import DrydockTestSupport
import Foundation
import Testing

/// `drydock server --tls-cert/--tls-key` serves HTTPS; clients trust it with `--server-cacert`.
@Suite("drydock server over HTTPS")
struct ServerTLSTests {
    /// A private CA and a certificate for 127.0.0.1 it signed, made with `openssl`: (CA, certificate, key).
    static func certificates() throws -> (ca: String, certificate: String, key: String)? {
        let directory = try PackagePaths.temporaryDirectory("server-tls")
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: URL(fileURLWithPath: path("san.ext")))
        let steps = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", path("ca.pem"),
                "-days", "2", "-subj", "/CN=drydock test CA",
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("server.key"), "-out", path("server.csr"),
                "-subj", "/CN=127.0.0.1",
            ],
            [
                "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", path("san.ext"),
            ],
        ]
        for step in steps {
            let result: ProcessRunner.Result
            do {
                result = try ProcessRunner.run("/usr/bin/openssl", step)
            } catch {
                return nil
            }
            guard result.status == 0 else { throw CLI.ProcessFailure(description: "openssl: \(result.stderr)") }
        }
        return (path("ca.pem"), path("server.pem"), path("server.key"))
    }

    @Test(
        "a client that trusts the CA is answered; one that does not fails with exit code 3",
        .enabled(if: PackagePaths.hasShared, "needs ../shared (the DB is built from its advisories)"))
    func https() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), let tls = try Self.certificates()
        else {
            print("skipped: /usr/bin/openssl is not installed (apt-get install openssl)")
            return
        }
        let database = try CLI.imageFixtureDatabase.get()
        let server = try ServerProcess(
            database: database, extra: ["--tls-cert", tls.certificate, "--tls-key", tls.key])
        defer { server.stop() }
        #expect(server.url.hasPrefix("https://"))
        let arguments = ["query", "--server", server.url, "--token", server.tokens["read"]!, "--package", "musl"]
        let trusted = try CLI.run(arguments + ["--server-cacert", tls.ca])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.output.contains(#""total""#))
        let untrusted = try CLI.run(arguments)
        #expect(untrusted.status == 3)
        #expect(untrusted.stderr.contains("cannot reach drydock server"))
    }
}
