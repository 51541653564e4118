import DrydockServer
import DrydockTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// `docs/openapi.yaml` describes exactly the routes the server registers.
@Suite("OpenAPI description")
struct OpenAPITests {
    /// `METHOD PATH` pairs of the description's `paths` (two-space paths, four-space methods).
    static func documented(_ text: String) -> Set<String> {
        var pairs: Set<String> = []
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, let match = line.wholeMatch(of: #/    (get|post|put|delete|patch):/#) {
                pairs.insert("\(match.1.uppercased()) \(path)")
            }
        }
        return pairs
    }

    @Test("every route is in docs/openapi.yaml and nothing else is")
    func routesMatch() async throws {
        let file = PackagePaths.root.appendingPathComponent("docs/openapi.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let fixture = try await ServerFixture.make(.sqlite)
        let registered = Set(fixture.server.routeSpecs().map { "\($0.method) \($0.path)" })
        await fixture.close()
        #expect(registered.count == 31)
        #expect(Self.documented(text) == registered)
    }

    @Test("GET /openapi.yaml serves docs/openapi.yaml (regenerate with scripts/embed-openapi)")
    func servedDescription() async throws {
        let file = PackagePaths.root.appendingPathComponent("docs/openapi.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let fixture = try await ServerFixture.make(.sqlite, withDatabase: false)
        try await fixture.test { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                #expect(response.text == text, "docs/openapi.yaml changed: run scripts/embed-openapi")
            }
        }
        await fixture.close()
    }
}
