import DrydockTestSupport
import Foundation

/// Helpers shared by the SBOM tests: the schema validators and the round-trip comparison.
enum SBOMSupport {
    /// Runs `scripts/oracles/sbom_validate.py FORMAT FILE`; returns its problems (empty when valid).
    /// Throws when Python or the validator libraries are missing (install them: scripts/install-test-deps).
    static func validate(_ format: String, _ file: URL) throws -> [String] {
        guard let python = ProcessRunner.which("python3") else {
            throw CLI.ProcessFailure(description: "python3 is not installed; run scripts/install-test-deps")
        }
        let script = PackagePaths.root.appendingPathComponent("scripts/oracles/sbom_validate.py").path
        let result = try ProcessRunner.run(python, [script, format, file.path])
        if result.status != 0 && result.status != 1 {
            throw CLI.ProcessFailure(description: "sbom_validate.py failed (\(result.status)): \(result.stderr)")
        }
        let problems = result.output.split(separator: "\n").map(String.init)
        if result.status == 1 && problems.isEmpty {
            throw CLI.ProcessFailure(description: "sbom_validate.py: \(result.stderr)")
        }
        return problems
    }

    /// The parts of a JSON report that must be identical between scanning an image and scanning the SBOM
    /// Drydock wrote for it: `Results` (every field of every target, package and finding) with the artifact's
    /// name in target names replaced by `ARTIFACT` and the packages' `InstalledFiles` left out (SBOMs do
    /// not list files), `Metadata.OS`, and the `Drydock` verdict and coverage. Left out as artifact fields:
    /// `ArtifactName`, `ArtifactType`, `CreatedAt`, the rest of `Metadata` (image config, layers),
    /// `Drydock.Database` and `Drydock.Warnings` (they name the artifact).
    static func findings(_ report: [String: Any], artifactName: String) -> NSDictionary {
        var results: [[String: Any]] = []
        for var result in report["Results"] as? [[String: Any]] ?? [] {
            if let target = result["Target"] as? String {
                result["Target"] = target.replacingOccurrences(of: artifactName, with: "ARTIFACT")
            }
            // Installed file lists are not in SBOMs (docs/sbom.md), and Trivy's `PkgIdentifier.UID` and
            // `Fingerprint` hash them and the artifact's ID: identifiers derived from what differs by design.
            if let packages = result["Packages"] as? [[String: Any]] {
                result["Packages"] = packages.map { package in
                    var package = package
                    package["InstalledFiles"] = nil
                    package["Identifier"] = withoutUID(package["Identifier"])
                    return package
                }
            }
            if let findings = result["Vulnerabilities"] as? [[String: Any]] {
                result["Vulnerabilities"] = findings.map { finding in
                    var finding = finding
                    finding["Fingerprint"] = nil
                    finding["PkgIdentifier"] = withoutUID(finding["PkgIdentifier"])
                    return finding
                }
            }
            results.append(result)
        }
        let drydock = report["Drydock"] as? [String: Any] ?? [:]
        let metadata = report["Metadata"] as? [String: Any] ?? [:]
        return [
            "Results": results, "OS": metadata["OS"] ?? NSNull(), "Verdict": drydock["Verdict"] ?? NSNull(),
            "Coverage": drydock["Coverage"] ?? NSNull(),
        ] as NSDictionary
    }

    private static func withoutUID(_ identifier: Any?) -> Any? {
        guard var object = identifier as? [String: Any] else { return identifier }
        object["UID"] = nil
        return object
    }

    /// The JSON object in `data`.
    static func object(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// Writes a jar holding only `META-INF/maven/GROUP/ARTIFACT/pom.properties`, with Python's zipfile.
    static func jar(group: String, artifact: String, version: String, to file: URL) throws {
        guard let python = ProcessRunner.which("python3") else {
            throw CLI.ProcessFailure(description: "python3 is not installed")
        }
        let result = try ProcessRunner.run(
            python,
            [
                "-c",
                """
                import sys, zipfile
                group, artifact, version, path = sys.argv[1:5]
                with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                    z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\\n")
                    z.writestr(f"META-INF/maven/{group}/{artifact}/pom.properties",
                               f"groupId={group}\\nartifactId={artifact}\\nversion={version}\\n")
                """,
                group, artifact, version, file.path,
            ])
        guard result.status == 0 else { throw CLI.ProcessFailure(description: "jar: \(result.stderr)") }
    }
}
