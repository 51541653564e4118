import DrydockTestSupport
import Foundation
import Testing

/// The corpus suite for Alpine: the real images in `../shared/fixtures/images` and the real secdb in
/// `../shared/advisories/alpine-secdb`, checked against `scripts/oracles/alpine_expected.py`
/// (Python's tarfile + univers' Alpine version rules; no Drydock code).
@Suite("Alpine corpus against an independent oracle", .enabled(if: PackagePaths.hasShared))
struct AlpineCorpusTests {
    static let fixtures = ["alpine-310.tar.gz", "alpine-311.tar.gz"]

    var shared: URL { PackagePaths.shared ?? PackagePaths.root }
    var secdb: String { shared.appendingPathComponent("advisories/alpine-secdb").path }

    static let database: Result<String, any Error> = Result {
        guard let shared = PackagePaths.shared else { throw CLI.ProcessFailure(description: "no ../shared") }
        return try CLI.buildDatabase([shared.appendingPathComponent("advisories/alpine-secdb").path])
    }

    /// Runs the oracle; fails the test (never skips) when Python or univers is missing.
    func oracle(_ arguments: [String]) throws -> [String] {
        let script = PackagePaths.root.appendingPathComponent("scripts/oracles/alpine_expected.py").path
        guard let python = ProcessRunner.which("python3") else {
            throw CLI.ProcessFailure(description: "python3 is not installed; run scripts/install-test-deps")
        }
        let result = try ProcessRunner.run(python, [script] + arguments)
        guard result.status == 0 else {
            throw CLI.ProcessFailure(
                description: "oracle failed (install univers: scripts/install-test-deps): \(result.stderr)")
        }
        return result.output.split(separator: "\n").map(String.init)
    }

    /// Drydock's findings as the oracle prints them: `NAME VERSION ID FIXED[,FIXED]`.
    func drydockLines(_ image: String) throws -> [String] {
        let (result, report) = try CLI.scanJSON(image, database: try Self.database.get())
        #expect(result.status == 0, "\(result.stderr)")
        return CLI.findingRows(report).map { row in
            "\(row[0]) \(row[1]) \(row[2]) \(row[3].replacingOccurrences(of: ", ", with: ","))"
        }.sorted()
    }

    @Test("the real images: same findings as the oracle, OS and every package detected", arguments: fixtures)
    func realImages(fixture: String) throws {
        let image = shared.appendingPathComponent("fixtures/images/\(fixture)").path
        #expect(try drydockLines(image) == oracle([image, secdb]))
        let (_, report) = try CLI.scanJSON(image, database: try Self.database.get(), extra: ["--list-all-pkgs"])
        let os = (report["Metadata"] as? [String: Any])?["OS"] as? [String: Any]
        #expect(os?["Family"] as? String == "alpine")
        #expect((os?["Name"] as? String)?.hasPrefix(fixture == "alpine-310.tar.gz" ? "3.10." : "3.11.") == true)
        let packages = ((report["Results"] as? [[String: Any]])?.first?["Packages"] as? [[String: Any]]) ?? []
        let names = packages.map { "\($0["Name"] as? String ?? "") \($0["Version"] as? String ?? "")" }.sorted()
        #expect(names == (try oracle(["--packages", image])))
        #expect(names.count > 10)
    }

    @Test("the real package DB moved back to secdb fix versions: same findings as the oracle", arguments: fixtures)
    func downgraded(fixture: String) throws {
        let image = try AlpineDowngrade.image(
            from: shared.appendingPathComponent("fixtures/images/\(fixture)"), secdb: URL(fileURLWithPath: secdb))
        let expected = try oracle([image.path, secdb])
        #expect(expected.count >= 5, "the downgraded image should be vulnerable: \(expected)")
        #expect(try drydockLines(image.path) == expected)
    }
}
