import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Triage over HTTP: exceptions, triage of a finding, the audit log and OpenVEX — against both stores.
@Suite("Triage API")
struct TriageAPITests {
    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test("exceptions: scopes, versions, validation, audit log, OpenVEX", arguments: TestStoreKind.allCases)
    func exceptions(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind, withDatabase: false)
        let read = HTTPFields.bearer(ServerFixture.readToken)
        let write = HTTPFields.bearer(ServerFixture.writeToken)
        let admin = HTTPFields.bearer(ServerFixture.adminToken)
        let exception =
            #"{"id": "CVE-2099-0042", "owner": "team-a", "reason": "inflate never sees untrusted input", "expires": "2099-01-31", "purl": "pkg:apk/alpine/zlib", "image": "registry.example/team/*"}"#
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/exceptions", method: .post, headers: read, body: Self.body(exception)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/exceptions", method: .post, headers: write,
                body: Self.body(#"{"id": "CVE-1", "reason": "r", "expires": "2099-01-01"}"#)
            ) { response throws in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("missing: owner"))
            }
            let created = try await client.execute(
                uri: "/api/v1/exceptions", method: .post, headers: write, body: Self.body(exception)
            ) { response throws in
                #expect(response.status == .ok)
                return try response.decode(ExceptionRecord.self)
            }
            #expect(created.version == 1 && created.changedBy == "ci")
            let yaml =
                "id: CVE-2099-0042\nowner: team-a\nreason: narrowed\nexpires: 2099-01-31\naction: warn\npurl: pkg:apk/alpine/zlib\n"
            try await client.execute(
                uri: "/api/v1/exceptions/\(created.id)", method: .put, headers: write, body: Self.body(yaml)
            ) { response throws in
                let record = try response.decode(ExceptionRecord.self)
                #expect(record.version == 2 && record.exception?.action == "warn" && record.exception?.image == nil)
            }
            try await client.execute(uri: "/api/v1/exceptions", method: .get, headers: read) { response throws in
                #expect(try response.decode([ExceptionRecord].self).map(\.version) == [2])
            }
            try await client.execute(uri: "/api/v1/exceptions/\(created.id)/versions/1", method: .get, headers: read) {
                response throws in
                #expect(
                    try response.decode(ExceptionRecord.self).exception?.reason == "inflate never sees untrusted input")
            }
            try await client.execute(uri: "/api/v1/vex", method: .get, headers: read) { response throws in
                let json = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let statements = json?["statements"] as? [[String: Any]] ?? []
                #expect(json?["@context"] as? String == "https://openvex.dev/ns/v0.2.0")
                #expect(statements.count == 1)
                #expect(statements.first?["status"] as? String == "affected")
                #expect((statements.first?["status_notes"] as? String)?.contains("/versions/2") == true)
            }
            try await client.execute(uri: "/api/v1/exceptions/\(created.id)", method: .delete, headers: write) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/exceptions/\(created.id)", method: .get, headers: read) {
                response throws in
                #expect(try response.decode([ExceptionRecord].self).map(\.version) == [1, 2, 3])
            }
            try await client.execute(uri: "/api/v1/audit-log", method: .get, headers: write) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/audit-log?since=2026-01-01", method: .get, headers: admin) {
                response throws in
                let entries = try response.decode([AuditEntry].self)
                #expect(entries.map(\.action) == ["exception.remove", "exception.update", "exception.add"])
                #expect(entries.allSatisfy { $0.actor == "ci" })
            }
            try await client.execute(uri: "/api/v1/audit-log?since=yesterday", method: .get, headers: admin) {
                #expect($0.status == .badRequest)
            }
        }
        await fixture.close()
    }

    @Test("triage of a stored finding records an exception the findings query shows", arguments: TestStoreKind.allCases)
    func triage(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let submission = ScanSubmission(
            artifact: ServerAPITests.artifact, inventory: AdvisoryFeedFixtures.alpineInventory())
        let digest = ServerAPITests.artifact.imageID ?? ""
        let write = HTTPFields.bearer(ServerFixture.writeToken)
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: write, body: try jsonBody(submission)
            ) { #expect($0.status == .ok) }
            let findings = try await client.execute(
                uri: "/api/v1/images/\(digest)/findings", method: .get, headers: write
            ) { try $0.decode([FindingRecord].self) }
            let target = try #require(findings.first { $0.finding.vulnerabilityID == "CVE-2023-32681" })
            var request = TriageRequest(
                image: digest, vulnerabilityID: "CVE-2023-32681", purl: target.finding.purl, choice: .acceptRisk,
                reason: "not reachable from the service", expires: "2099-03-01")
            try await client.execute(
                uri: "/api/v1/triage", method: .post, headers: .bearer(ServerFixture.readToken),
                body: try jsonBody(request)
            ) { #expect($0.status == .forbidden) }
            let outcome = try await client.execute(
                uri: "/api/v1/triage", method: .post, headers: write, body: try jsonBody(request)
            ) { response throws in
                #expect(response.status == .ok)
                return try response.decode(TriageOutcome.self)
            }
            let written = try #require(outcome.written?.exception)
            #expect(written.owner == "ci" && written.action == "warn" && written.expires == "2099-03-01")
            #expect(written.reason == "Accept risk: not reachable from the service")
            #expect(written.image == [ServerAPITests.artifact.name])
            try await client.execute(uri: "/api/v1/images/\(digest)/findings", method: .get, headers: write) {
                response throws in
                let records = try response.decode([FindingRecord].self)
                let triaged = records.filter { $0.decision != nil }
                #expect(triaged.map(\.finding.vulnerabilityID) == ["CVE-2023-32681"])
                #expect(triaged.first?.decision?.rule.owner == "ci")
            }
            // An exception for another finding is left alone by fix-now.
            let other = try #require(findings.first { $0.finding.vulnerabilityID != "CVE-2023-32681" })
            let otherRequest = TriageRequest(
                image: digest, vulnerabilityID: other.finding.vulnerabilityID, purl: other.finding.purl,
                choice: .falsePositive, reason: "the vulnerable code is not shipped")
            let kept = try await client.execute(
                uri: "/api/v1/triage", method: .post, headers: write, body: try jsonBody(otherRequest)
            ) { try $0.decode(TriageOutcome.self) }
            request.choice = .fixNow
            let fixNow = try await client.execute(
                uri: "/api/v1/triage", method: .post, headers: write, body: try jsonBody(request)
            ) { try $0.decode(TriageOutcome.self) }
            #expect(fixNow.removed.map(\.id) == [outcome.written?.id])
            try await client.execute(uri: "/api/v1/images/\(digest)/findings", method: .get, headers: write) {
                response throws in
                let decided = try response.decode([FindingRecord].self).filter { $0.decision != nil }
                #expect(decided.map(\.finding.vulnerabilityID) == [other.finding.vulnerabilityID])
            }
            #expect(try await fixture.server.store.exceptions().map(\.id) == [kept.written?.id])
            request.choice = .falsePositive
            request.reason = " "
            try await client.execute(uri: "/api/v1/triage", method: .post, headers: write, body: try jsonBody(request))
            { #expect($0.status == .badRequest) }
        }
        await fixture.close()
    }
}
