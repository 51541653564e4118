import ArgumentParser
import DrydockSecrets

/// Trivy's `--image-config-scanners`: what the image configuration (environment variables, history commands,
/// labels) is scanned for, apart from the image's files.
struct ImageConfigScanOptions: ParsableArguments {
    /// The values this version takes.
    static let supported: Set<String> = ["misconfig", "secret"]

    @Option(
        name: .long,
        help: """
            What to look for in the image configuration, comma-separated: misconfig, secret. Default: what \
            --scanners has of those (Trivy's default is nothing; see docs/secrets.md, docs/misconfig.md).
            """)
    var imageConfigScanners: String?

    mutating func validate() throws {
        _ = try names()
    }

    /// The names given, or `nil` without the flag.
    func names() throws -> Set<String>? {
        guard let imageConfigScanners else { return nil }
        let names = Set(
            imageConfigScanners.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty })
        let unsupported = names.subtracting(Self.supported).sorted()
        guard unsupported.isEmpty else {
            throw ValidationError(
                "--image-config-scanners \(unsupported.joined(separator: ",")): this version supports "
                    + Self.supported.sorted().joined(separator: ", "))
        }
        return names
    }

    /// Whether the image configuration (its history as a Dockerfile) gets misconfiguration checks: as the flag
    /// says when given, otherwise when `--scanners` has `misconfig`.
    func checksMisconfig(_ options: ScanOptions) -> Bool {
        (try? names())?.map { $0.contains("misconfig") } ?? options.scans("misconfig")
    }
}

/// What an image scan scans for secrets: its layers' files (`--scanners secret`) and its configuration
/// (`--scanners secret`, or `--image-config-scanners secret` when given).
struct ImageSecretScan {
    /// The scanner for the layers' files, when `--scanners` has `secret`.
    var files: SecretScanner?
    /// The scanner for the image configuration, when it is scanned.
    var config: SecretScanner?
}

extension ScanOptions {
    /// What to scan for secrets in an image, with one scanner for both (`--secret-config` read once).
    ///
    /// Throws `CommandFailure` (usage) when the secret configuration cannot be used.
    func imageSecretScan(_ imageConfig: ImageConfigScanOptions) throws -> ImageSecretScan {
        let files = scans("secret")
        let config = (try? imageConfig.names())?.map { $0.contains("secret") } ?? files
        guard files || config else { return ImageSecretScan() }
        let scanner = try secret.scanner()
        return ImageSecretScan(files: files ? scanner : nil, config: config ? scanner : nil)
    }
}
