import DrydockTestSupport
import Foundation
import Testing

@Suite("Scanning OCI image layouts from the CLI")
struct OCILayoutScanTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
    }

    /// A layout holding the vulnerable Debian image as `vulnerable` and a patched one as `patched`.
    static func layout(packAsTar: Bool) throws -> URL {
        var patched = DebianScenario.layer
        patched["var/lib/dpkg/status"] = .file(
            DebianScenario.status.replacingOccurrences(of: "3.0.11-1~deb12u1", with: "3.0.11-1~deb12u2"))
        return try ImageFixtures.ociLayout(
            images: [
                ImageFixtures.ImageSpec(layers: [DebianScenario.layer], tags: ["vulnerable"]),
                ImageFixtures.ImageSpec(layers: [patched], tags: ["patched"]),
            ], packAsTar: packAsTar)
    }

    @Test("PATH:TAG selects one image of a layout (directory or tar)", arguments: [false, true])
    func tagSelection(packAsTar: Bool) throws {
        let layout = try Self.layout(packAsTar: packAsTar)
        let database = try Self.database.get()
        let (vulnerable, report) = try CLI.scanJSON("\(layout.path):vulnerable", database: database)
        #expect(vulnerable.status == 0, "\(vulnerable.stderr)")
        #expect(CLI.findingRows(report).contains { $0[0] == "openssl" })
        let (patched, patchedReport) = try CLI.scanJSON("\(layout.path):patched", database: database)
        #expect(patched.status == 0, "\(patched.stderr)")
        #expect(!CLI.findingRows(patchedReport).contains { $0[0] == "openssl" })
        #expect(CLI.findingRows(patchedReport).contains { $0[0] == "bash" })
    }

    @Test("a layout of several images without a tag is exit 3 listing the tags")
    func ambiguous() throws {
        let layout = try Self.layout(packAsTar: false)
        let result = try CLI.run(["image", "--input", layout.path, "--db", try Self.database.get()])
        #expect(result.status == 3)
        #expect(result.stderr.contains("vulnerable") && result.stderr.contains("patched"), "\(result.stderr)")
    }

    @Test("an unknown tag is exit 3 naming it")
    func unknownTag() throws {
        let layout = try Self.layout(packAsTar: false)
        let result = try CLI.run(["image", "--input", "\(layout.path):nope", "--db", try Self.database.get()])
        #expect(result.status == 3)
        #expect(result.stderr.contains("nope"), "\(result.stderr)")
    }
}
