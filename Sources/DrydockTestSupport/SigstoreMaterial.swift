import Foundation

/// Sigstore test material written by `scripts/fixtures/sigstore_material.py` with Python's `cryptography`
/// (a test Fulcio CA, Rekor and CT log keys, bundles and a trusted root), made once per test process.
public enum SigstoreMaterial {
    /// One case of `cases.json`: a bundle, the artifact (file name or `sha256:` digest) and what must happen.
    public struct Case: Decodable, Sendable, CustomStringConvertible {
        public var name: String
        public var bundle: String
        public var artifact: String
        /// `pass`, `fail` (verification fails) or `error` (the bundle cannot be read).
        public var expect: String
        /// Words the failure's reason must contain.
        public var reason: String?
        public var identity: String?
        public var issuer: String?
        public var key: String?
        /// sigstore-python's verdict on the same case (`pass` or `fail: …`), when it was installed.
        public var sigstorePython: String?

        enum CodingKeys: String, CodingKey {
            case name, bundle, artifact, expect, reason, identity, issuer, key
            case sigstorePython = "sigstore_python"
        }

        public var description: String { name }
    }

    /// The folder holding the material and its cases, or why it could not be made (Python's `cryptography`
    /// missing: `scripts/install-test-deps` installs it).
    public static let made: Result<(directory: URL, cases: [Case]), ProcessRunner.Failure> = {
        do {
            let directory = try PackagePaths.temporaryDirectory("sigstore")
            let script = PackagePaths.root.appendingPathComponent("scripts/fixtures/sigstore_material.py").path
            let result = try ProcessRunner.run("/usr/bin/env", ["python3", script, directory.path], timeout: 120)
            guard result.status == 0 else {
                return .failure(
                    ProcessRunner.Failure(
                        description: "sigstore_material.py failed (is Python's cryptography installed? "
                            + "scripts/install-test-deps): \(result.stderr.suffix(400))"))
            }
            let data = try Data(contentsOf: directory.appendingPathComponent("cases.json"))
            return .success((directory, try JSONDecoder().decode([Case].self, from: data)))
        } catch {
            return .failure(ProcessRunner.Failure(description: "sigstore material: \(error)"))
        }
    }()

    /// The cases, or none when the material could not be made (the reason is printed once).
    public static var cases: [Case] {
        switch made {
        case .success(let material): return material.cases
        case .failure(let failure):
            print("Sigstore material tests skipped: \(failure)")
            return []
        }
    }
}
