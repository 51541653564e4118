import DrydockTestSupport
import Foundation

/// Runs the Python checks in `scripts/report-checks` (real validators and a real browser) on written files.
enum ReportChecks {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var sarifSchema: String? {
        PackagePaths.shared.map { $0.appendingPathComponent("schemas/sarif-schema-2.1.0.json").path }
    }

    /// Writes `bytes` to a new temporary file named `name` and returns its path.
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = try PackagePaths.temporaryDirectory("report").appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Validates `files` against `schema` with Python's jsonschema; the violations, empty when valid.
    static func validate(schema: String, files: [String]) throws -> String {
        let script = PackagePaths.root.appendingPathComponent("scripts/report-checks/validate_json_schema.py").path
        guard let python = ProcessRunner.which("python3") else {
            throw Failure(description: "python3 is not installed; run scripts/install-test-deps")
        }
        let result = try ProcessRunner.run(python, [script, schema] + files, timeout: 120)
        if result.status == 2 { throw Failure(description: "validator could not run: \(result.stderr)") }
        return result.status == 0 ? "" : result.output + result.stderr
    }
}
