import DrydockTestSupport
import Foundation

/// Runs the built `drydock` binary as a user would.
enum CLI {
    static func run(_ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws
        -> ProcessRunner.Result
    {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment = LayerCacheIsolation.isolated(environment)
        return try ProcessRunner.run(
            PackagePaths.drydock, arguments, input: input, environment: environment, directory: directory)
    }

    /// A DB of `../shared`'s Alpine secdb and PyPA advisories, built once per test run and shared by the
    /// suites that scan the image fixtures (scans only read it).
    static let imageFixtureDatabase: Result<String, any Error> = Result {
        guard let shared = PackagePaths.shared else { throw ProcessFailure(description: "no ../shared") }
        return try buildDatabase([
            shared.appendingPathComponent("advisories/alpine-secdb").path,
            shared.appendingPathComponent("advisories/osv/PyPI").path,
        ])
    }

    /// Builds a DB from `sources` into a new temporary file and returns its path.
    static func buildDatabase(_ sources: [String]) throws -> String {
        let output = try PackagePaths.temporaryDirectory("db").appendingPathComponent("drydock.db").path
        let result = try run(["db", "build", "--quiet", "--output", output] + sources)
        guard result.status == 0 else {
            throw ProcessFailure(description: "db build failed (\(result.status)): \(result.stderr)")
        }
        return output
    }

    /// Scans an image archive to JSON and returns the parsed report.
    static func scanJSON(_ input: String, database: String, extra: [String] = []) throws -> (
        ProcessRunner.Result, [String: Any]
    ) {
        let result = try run(["image", "--input", input, "--db", database, "--format", "json"] + extra)
        let object = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result, object)
    }

    /// `[PkgName, InstalledVersion, VulnerabilityID, FixedVersion, Severity]` rows of a JSON report.
    static func findingRows(_ report: [String: Any]) -> [[String]] {
        let results = report["Results"] as? [[String: Any]] ?? []
        return results.flatMap { result in
            (result["Vulnerabilities"] as? [[String: Any]] ?? []).map { vuln in
                ["PkgName", "InstalledVersion", "VulnerabilityID", "FixedVersion", "Severity"].map {
                    vuln[$0] as? String ?? ""
                }
            }
        }
    }

    struct ProcessFailure: Error, CustomStringConvertible {
        var description: String
    }
}
