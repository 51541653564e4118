import DrydockTestSupport
import Foundation
import Synchronization
import Testing

/// `drydock image --server`: the client analyses locally, sends only the inventory (or the layers the server
/// lacks), and reports exactly what a local scan reports.
@Suite("Client/server scans from the CLI")
struct ServerScanTests {
    static func fixture(_ name: String) -> String? {
        guard let shared = PackagePaths.shared else { return nil }
        let path = shared.appendingPathComponent("fixtures/images/\(name)").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The JSON report with what varies between runs blanked: the time, the report ID derived from it and the
    /// DB's age.
    static func stable(_ output: String) -> String {
        output.replacing(#/"CreatedAt": "[^"]*"/#, with: #""CreatedAt": """#)
            .replacing(#/"ReportID": "[^"]*"/#, with: #""ReportID": """#)
            .replacing(#/"AgeSeconds": [0-9]+/#, with: #""AgeSeconds": 0"#)
    }

    @Test("an image scanned on the server gives the local scan's report, gate and exit code; layers go once")
    func sameReportAsLocal() throws {
        guard let image = Self.fixture("alpine-310-python-app.tar.gz") else {
            print("skipped: ../shared/fixtures/images/alpine-310-python-app.tar.gz is absent")
            return
        }
        let database = try CLI.imageFixtureDatabase.get()
        let server = try ServerProcess(database: database)
        defer { server.stop() }
        let cache = try PackagePaths.temporaryDirectory("server-scan-cache")
        for flags in [[], ["--severity", "CRITICAL,HIGH", "--ignore-unfixed", "--exit-code", "7"]] {
            let local = try CLI.run(["image", "--input", image, "--db", database, "--format", "json"] + flags)
            let remote = try CLI.run(
                [
                    "image", "--input", image, "--server", server.url, "--token", server.tokens["write"]!,
                    "--format", "json", "--cache-dir", cache.path, "--debug",
                ] + flags)
            #expect(local.status == (flags.isEmpty ? 0 : 7), "\(local.stderr)")
            #expect(remote.status == local.status, "\(remote.stderr)")
            #expect(Self.stable(remote.output) == Self.stable(local.output))
            #expect(local.output.contains("CVE-"))
            let sent = remote.stderr.firstMatch(of: #/server has ([0-9]+) of ([0-9]+) layers; sending ([0-9]+)/#)
            #expect(sent != nil, "\(remote.stderr)")
            if flags.isEmpty {
                // The server had never seen the image: every layer was sent.
                #expect(sent?.1 == "0")
            } else {
                // It had: nothing but the diffIDs.
                #expect(sent?.1 == sent?.2)
                #expect(sent?.3 == "0")
            }
        }
        // A read token may not scan.
        let refused = try CLI.run(
            ["image", "--input", image, "--server", server.url, "--token", server.tokens["read"]!, "--format", "json"])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("write"))
        // The scan was stored: the repository knows which image holds musl.
        let query = try CLI.run(
            ["query", "--server", server.url, "--token", server.tokens["read"]!, "--package", "musl"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.output.contains("alpine"))
    }
}

/// Two `drydock server` processes sharing one PostgreSQL store, with concurrent clients on both.
@Suite(
    "Two servers on one PostgreSQL store",
    .enabled(if: PackagePaths.hasShared, "needs ../shared (the DB is built from its advisories)"))
struct SharedStoreTests {
    @Test("pushes through both replicas at once all land in the one store, and either answers for all")
    func twoReplicas() throws {
        let database = try CLI.imageFixtureDatabase.get()
        let store = try TestStoreKind.postgres.makeLocation()
        let first = try ServerProcess(database: database, store: store)
        defer { first.stop() }
        let second = try ServerProcess(database: database, store: store, tokens: first.tokens)
        defer { second.stop() }
        let directory = try PackagePaths.temporaryDirectory("shared-store")
        let sbom = directory.appendingPathComponent("app.cdx.json")
        try Data(
            SBOMFixtures.cycloneDX(os: ("alpine", "3.10.4"), packages: [("apk", "alpine", "musl", "1.1.22-r2")]).utf8
        ).write(to: sbom)
        let count = 12
        let statuses = Mutex([Int32](repeating: -1, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let digest = String(repeating: String(index % 10), count: 64 - 2) + String(format: "%02d", index)
            let server = index % 2 == 0 ? first : second
            let result = try? CLI.run([
                "push-sbom", sbom.path, "--image", "registry.example/team/app-\(index):1.0@sha256:\(digest)",
                "--server", server.url, "--token", server.tokens["write"]!,
            ])
            statuses.withLock { $0[index] = result?.status ?? -2 }
        }
        #expect(statuses.withLock { $0 } == [Int32](repeating: 0, count: count))
        for server in [first, second] {
            let query = try CLI.run(
                ["query", "--server", server.url, "--token", server.tokens["read"]!, "--package", "musl"])
            #expect(query.status == 0, "\(query.stderr)")
            let answer = try JSONSerialization.jsonObject(with: query.stdout) as? [String: Any]
            #expect(answer?["total"] as? Int == count)
        }
    }
}
