import DrydockMisconfig
import DrydockTestSupport
import Foundation
import Testing

/// `docs/checks.md` is generated from the checks; this snapshot test fails when it is stale.
@Suite struct CheckDocumentationTests {
    @Test func checksPageIsCurrent() throws {
        let path = PackagePaths.root.appendingPathComponent("docs/checks.md").path
        let generated = CheckDocumentation.markdown()
        if ProcessInfo.processInfo.environment["DRYDOCK_UPDATE_DOCS"] == "1" {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            committed == generated,
            "docs/checks.md is stale: run DRYDOCK_UPDATE_DOCS=1 swift test --filter CheckDocumentationTests")
        for check in BuiltinChecks.all {
            #expect(committed.contains("## \(check.metadata.id)\n"))
        }
    }
}
