import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The HTTP API, the same tests against both stores.
@Suite("Server API")
struct ServerAPITests {
    static let artifact = ArtifactMetadata(
        name: "registry.example/team/app:1.0", type: "container_image",
        imageID: "sha256:" + String(repeating: "c", count: 64), repoTags: ["registry.example/team/app:1.0"])

    @Test("health, readiness and metrics need no token; readiness needs the DB", arguments: TestStoreKind.allCases)
    func operations(kind: TestStoreKind) async throws {
        let bare = try await ServerFixture.make(kind, withDatabase: false)
        try await bare.test { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("no vulnerability DB"))
            }
        }
        await bare.close()
        let fixture = try await ServerFixture.make(kind)
        try await fixture.test { client in
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/healthz", method: .get) { response throws in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(
                    response.text.contains(#"drydock_http_requests_total{method="GET",route="/healthz",status="200"}"#))
                // The allocator's figures, read at the scrape: a server holds some memory, in use (glibc's; under
                // AddressSanitizer its own allocator replaces glibc's, whose figures stay at zero).
                let inUse = response.text.split(separator: "\n").first { $0.hasPrefix("drydock_heap_in_use_bytes ") }
                let bytes = inUse.flatMap { Double($0.split(separator: " ")[1]) }
                #expect(bytes.map { Sanitizer.active != nil || $0 > 1_000_000 } == true)
                #expect(response.text.contains("\ndrydock_heap_free_bytes "))
            }
        }
        await fixture.close()
    }

    @Test("tokens: none is 401, a lower scope 403, the right scope passes", arguments: TestStoreKind.allCases)
    func authentication(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let submission = ScanSubmission(artifact: Self.artifact, inventory: AdvisoryFeedFixtures.alpineInventory())
        try await fixture.test { client in
            try await client.execute(uri: "/api/v1/images", method: .get) { response throws in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"drydock\"")
            }
            try await client.execute(uri: "/api/v1/images", method: .get, headers: .bearer("not-a-token-at-all")) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: .bearer(ServerFixture.readToken),
                body: try jsonBody(submission)
            ) { response throws in
                #expect(response.status == .forbidden)
                #expect(try response.decode(APIErrorBody.self).error.code == "forbidden")
            }
            try await client.execute(uri: "/api/v1/images", method: .get, headers: .bearer(ServerFixture.adminToken)) {
                #expect($0.status == .ok)
            }
        }
        await fixture.close()
    }

    @Test(
        "a scan answers Trivy JSON with the findings, stores the image, and queries find it",
        arguments: TestStoreKind.allCases)
    func scanAndQuery(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let submission = ScanSubmission(
            artifact: Self.artifact, inventory: AdvisoryFeedFixtures.alpineInventory(), labels: ["team": "payments"])
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: .bearer(ServerFixture.writeToken),
                body: try jsonBody(submission)
            ) { response throws in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let results = json?["Results"] as? [[String: Any]] ?? []
                let ids = results.flatMap {
                    ($0["Vulnerabilities"] as? [[String: Any]] ?? []).compactMap { $0["VulnerabilityID"] as? String }
                }
                #expect(
                    ids == ["CVE-2019-14697", "CVE-2019-1547", "CVE-2020-1967", "PYSEC-2023-100", "CVE-2023-32681"])
            }
            let read = HTTPFields.bearer(ServerFixture.readToken)
            try await client.execute(
                uri: "/api/v1/packages?name=openssl&version=%3C1.1.1g-r0", method: .get, headers: read
            ) { response throws in
                let page = try response.decode(QueryPage<PackageHit>.self)
                #expect(page.items.map(\.image.digest) == [Self.artifact.imageID])
                #expect(page.items.first?.image.labels == ["team": "payments"])
                #expect(page.items.first?.image.references == ["registry.example/team/app:1.0"])
            }
            try await client.execute(uri: "/api/v1/vulnerabilities/CVE-2023-32681/images", method: .get, headers: read)
            { response throws in
                let page = try response.decode(QueryPage<AffectedImage>.self)
                #expect(page.items.first?.findings.map(\.finding.vulnerabilityID) == ["CVE-2023-32681"])
            }
            let digest = Self.artifact.imageID ?? ""
            try await client.execute(uri: "/api/v1/images/\(digest)/findings", method: .get, headers: read) {
                response throws in
                #expect(try response.decode([FindingRecord].self).count == 5)
            }
            try await client.execute(uri: "/api/v1/images/\(digest)/history", method: .get, headers: read) {
                response throws in
                #expect(try response.decode([FindingEventRecord].self).filter { $0.kind == "new" }.count == 5)
            }
            try await client.execute(uri: "/api/v1/images/sha256:nope", method: .get, headers: read) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/packages?name=musl&version=%3E%3D%3E", method: .get, headers: read) {
                response throws in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/api/v1/findings/overdue?critical=0&high=0&medium=0&low=0&unknown=0", method: .get, headers: read
            ) {
                response throws in
                // An SLA of 0 days: every open finding is past it.
                #expect(try response.decode(QueryPage<OverdueFinding>.self).total == 5)
            }
            try await client.execute(uri: "/api/v1/findings/overdue", method: .get, headers: read) { response throws in
                // The server's SLA (critical 15 days, …): nothing seen just now is overdue.
                #expect(try response.decode(QueryPage<OverdueFinding>.self).total == 0)
            }
        }
        await fixture.close()
    }

    @Test(
        "scans by layers: the server says which layers it lacks and merges stored ones",
        arguments: TestStoreKind.allCases)
    func layers(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let image = try ImageFixtures.alpineArchive()
        defer { try? FileManager.default.removeItem(at: image.deletingLastPathComponent()) }
        let analyses = try LayerFixtures.analyses(of: image)
        var imageArtifact = analyses.artifact
        imageArtifact.imageID = "sha256:" + String(repeating: "d", count: 64)
        let artifact = imageArtifact
        let diffIDs = artifact.layers.compactMap(\.diffID)
        let write = HTTPFields.bearer(ServerFixture.writeToken)
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/layers/missing", method: .post, headers: write,
                body: try jsonBody(LayerQuery(analyzerKey: analyses.key, diffIDs: diffIDs))
            ) { response throws in
                #expect(try response.decode(LayerQueryAnswer.self).missing == diffIDs)
            }
            var submission = ScanSubmission(artifact: artifact, inventory: nil, layers: [], analyzerKey: analyses.key)
            try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: write, body: try jsonBody(submission)
            ) { response throws in
                #expect(response.status == .conflict)
                #expect(try response.decode(APIErrorBody.self).error.missingLayers == diffIDs)
            }
            submission.layers = analyses.layers
            try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: write, body: try jsonBody(submission)
            ) { response throws in
                #expect(response.status == .ok)
            }
            try await client.execute(
                uri: "/api/v1/layers/missing", method: .post, headers: write,
                body: try jsonBody(LayerQuery(analyzerKey: analyses.key, diffIDs: diffIDs))
            ) { response throws in
                #expect(try response.decode(LayerQueryAnswer.self).missing.isEmpty)
            }
            submission.layers = []
            try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: write, body: try jsonBody(submission)
            ) { response throws in
                #expect(response.status == .ok)
                let report = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((report?["Metadata"] as? [String: Any])?["OS"] != nil)
            }
        }
        await fixture.close()
    }

    @Test(
        "an SBOM push is stored under the reference's digest and answers its counts", arguments: TestStoreKind.allCases)
    func pushSBOM(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let sbom = SBOMFixtures.cycloneDX(os: ("alpine", "3.10.4"), packages: [("apk", "alpine", "musl", "1.1.22-r2")])
        let digest = "sha256:" + String(repeating: "e", count: 64)
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/sboms?image=registry.example/team/api@\(digest)&label=team=search", method: .post,
                headers: .bearer(ServerFixture.writeToken), body: ByteBuffer(string: sbom)
            ) { response throws in
                #expect(response.status == .ok, "\(response.text)")
                let answer = try response.decode(SBOMPushAnswer.self)
                #expect(answer.digest == digest)
                #expect(answer.findings == 1)
            }
            try await client.execute(
                uri: "/api/v1/sboms?image=x", method: .post, headers: .bearer(ServerFixture.writeToken),
                body: ByteBuffer(string: "{}")
            ) { #expect($0.status == .badRequest) }
            try await client.execute(
                uri: "/api/v1/vulnerabilities/CVE-2019-14697/images?label=team=search", method: .get,
                headers: .bearer(ServerFixture.readToken)
            ) { response throws in
                #expect(try response.decode(QueryPage<AffectedImage>.self).items.map(\.image.digest) == [digest])
            }
        }
        await fixture.close()
    }

    @Test("a body over --max-body is refused with 413", arguments: [TestStoreKind.sqlite])
    func bodyLimit(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind, maxBody: 1024)
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/sboms?image=x", method: .post, headers: .bearer(ServerFixture.writeToken),
                body: ByteBuffer(bytes: [UInt8](repeating: 0x20, count: 4096))
            ) { response throws in
                #expect(response.status == .contentTooLarge)
            }
        }
        await fixture.close()
    }
}
