import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The `/ui` pages at the router: token auth on every page, write scope and the CSRF field for forms, escaping.
@Suite("Triage UI pages")
struct TriageUIPagesTests {
    static let artifact = ArtifactMetadata(
        name: "registry.example/<script>alert(1)</script>:1.0", type: "container_image",
        imageID: "sha256:" + String(repeating: "d", count: 64), repoTags: [])

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map {
                "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&"))
    }

    @Test(
        "pages need a token, forms need write and the CSRF field, output is escaped", arguments: TestStoreKind.allCases)
    func pages(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let digest = Self.artifact.imageID ?? ""
        try await fixture.test { client in
            try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: .bearer(ServerFixture.writeToken),
                body: try jsonBody(
                    ScanSubmission(artifact: Self.artifact, inventory: AdvisoryFeedFixtures.alpineInventory()))
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ui/findings", method: .get) { response throws in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/ui/login")
            }
            try await client.execute(
                uri: "/ui/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["token": "wrong-token-0123456789"])
            ) { #expect($0.headers[.location] == "/ui/login?failed=1") }
            let cookie = try await client.execute(
                uri: "/ui/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["token": ServerFixture.readToken])
            ) { response throws -> String in
                let setCookie = response.headers[.setCookie] ?? ""
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
                return String(setCookie.prefix { $0 != ";" })
            }
            let page = try await client.execute(uri: "/ui/images/\(digest)", method: .get, headers: [.cookie: cookie]) {
                response throws -> String in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(page.contains("CVE-2023-32681"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"))
            #expect(!page.contains("action=\"/ui/triage\""), "a read token is offered triage forms")
            let triage = [
                "image": digest, "vulnerabilityID": "CVE-2023-32681", "choice": "accept-risk", "reason": "r",
                "expires": "2099-01-01", "back": "/ui/images/\(digest)",
            ]
            try await client.execute(
                uri: "/ui/triage", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: Self.form(triage)
            ) { #expect($0.status == .forbidden) }
            // A write token by header (no cookie, no CSRF needed) may; the redirect stays in the UI.
            var viaHeader = triage
            viaHeader["back"] = "https://evil.example/"
            try await client.execute(
                uri: "/ui/triage", method: .post,
                headers: [
                    .authorization: "Bearer \(ServerFixture.writeToken)",
                    .contentType: "application/x-www-form-urlencoded",
                ],
                body: Self.form(viaHeader)
            ) { response throws in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/ui/findings?flash=Accept") == true)
            }
            // With the cookie, a write session needs the CSRF field.
            let writeCookie = try await client.execute(
                uri: "/ui/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["token": ServerFixture.writeToken])
            ) { String(($0.headers[.setCookie] ?? "").prefix { $0 != ";" }) }
            let headers: HTTPFields = [.cookie: writeCookie, .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/ui/triage", method: .post, headers: headers, body: Self.form(triage)) {
                #expect($0.status == .forbidden)
            }
            let csrf = try await client.execute(uri: "/ui/findings", method: .get, headers: [.cookie: writeCookie]) {
                response throws -> String in
                let match = response.text.firstMatch(of: #/name="csrf" value="([0-9a-f]{64})"/#)
                return String(match?.1 ?? "")
            }
            var withCSRF = triage
            withCSRF["csrf"] = csrf
            withCSRF["choice"] = "false-positive"
            try await client.execute(uri: "/ui/triage", method: .post, headers: headers, body: Self.form(withCSRF)) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/ui/exceptions", method: .get, headers: [.cookie: writeCookie]) {
                response throws in
                #expect(response.text.components(separatedBy: "CVE-2023-32681").count - 1 == 2)
                #expect(response.text.contains("ci"))
            }
            for path in ["/ui/sla", "/ui/search?package=musl", "/ui/search?vulnerability=CVE-2023-32681"] {
                try await client.execute(uri: path, method: .get, headers: [.cookie: cookie]) { response throws in
                    #expect(response.status == .ok, "\(path)")
                    #expect(!response.text.contains("template"), "\(path)")
                }
            }
        }
        await fixture.close()
    }
}
