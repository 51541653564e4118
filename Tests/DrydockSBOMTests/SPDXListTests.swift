import DrydockLicenses
import DrydockTestSupport
import Foundation
import Testing

/// SBOM writers and readers take SPDX identifiers from Drydock's one SPDX table (`DrydockLicenses`, SPDX
/// License List 3.28.0). CycloneDX ships its own copy of the list (`spdx.schema.json`, what its validators
/// check `license.id` against): every identifier in it must be in Drydock's table. (The installed copy may
/// be older and lack recent identifiers; the schema-validation tests of written SBOMs catch an identifier a
/// validator refuses.)
struct SPDXListAgreesWithCycloneDX {
    static let script = """
        import cyclonedx, json, os
        path = os.path.join(os.path.dirname(cyclonedx.__file__), "schema", "_res", "spdx.SNAPSHOT.schema.json")
        print("\\n".join(json.load(open(path))["enum"]))
        """

    static var available: Bool {
        guard (try? ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import cyclonedx"]).status) == 0 else {
            print("skipped: cyclonedx-python-lib is not installed (scripts/install-test-deps installs it)")
            return false
        }
        return true
    }

    @Test(.enabled(if: available))
    func everyCycloneDXIdentifierIsKnown() throws {
        let run = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", Self.script])
        try #require(run.status == 0, "\(run.stderr)")
        let schema = Set(run.output.split(separator: "\n").map(String.init))
        let ours = Set(SPDXIdentifiers.allLicenses + SPDXIdentifiers.allExceptions)
        #expect(schema.count > 700)
        #expect(schema.subtracting(ours).sorted().isEmpty, "in CycloneDX's list only")
    }
}
