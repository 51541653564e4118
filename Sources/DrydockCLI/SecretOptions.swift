import ArgumentParser
import DrydockCatalog
import DrydockModel
import DrydockPolicy
import DrydockSecrets
import Foundation

/// Flags for secret scanning, with Trivy's names.
struct SecretOptions: ParsableArguments {
    /// Trivy's default configuration file, read from the working directory when present.
    static let defaultConfigFile = "trivy-secret.yaml"

    @Option(
        name: .long,
        help: """
            Secret scanning configuration in Trivy's trivy-secret.yaml format: custom rules, disabled rules, \
            allow rules (default: ./trivy-secret.yaml when it exists; see docs/secrets.md).
            """)
    var secretConfig: String?

    /// The configuration file in force: `--secret-config`, else `./trivy-secret.yaml` when it exists.
    var configPath: String? {
        if let secretConfig { return secretConfig }
        return FileManager.default.fileExists(atPath: Self.defaultConfigFile) ? Self.defaultConfigFile : nil
    }

    /// The scanner for this run. `scanRoot` is the directory scanned (`fs`, `rootfs`), so that the
    /// configuration file is not scanned itself when it lies inside it.
    ///
    /// Throws `CommandFailure` (usage, exit code 2) naming the file and line when the configuration cannot be
    /// read or used.
    func scanner(scanRoot: String? = nil) throws -> SecretScanner {
        var configuration = SecretConfiguration()
        var ownPaths: Set<String> = []
        if let path = configPath {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.usage, "--secret-config \(path): cannot read the file (missing or unreadable)")
            }
            do {
                configuration = try SecretConfigParser.parse(Array(data), path: path)
            } catch {
                throw CommandFailure(.usage, "invalid secret configuration: \(error)")
            }
            if let scanRoot, let relative = Self.relativePath(of: path, under: scanRoot) { ownPaths.insert(relative) }
        }
        do {
            return try SecretScanner(configuration: configuration, ownPaths: ownPaths)
        } catch {
            throw CommandFailure(.usage, "invalid secret configuration: \(error)")
        }
    }

    /// `file` relative to `root` when it lies inside it (both resolved to absolute, symbolic links followed).
    static func relativePath(of file: String, under root: String) -> String? {
        let resolve = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let (file, root) = (resolve(file), resolve(root))
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : nil
    }
}

extension ScanOptions {
    /// The secret scanner when `--scanners` has `secret`, else `nil`; see `SecretOptions.scanner(scanRoot:)`.
    func secretScanner(scanRoot: String? = nil) throws -> SecretScanner? {
        scans("secret") ? try secret.scanner(scanRoot: scanRoot) : nil
    }
}

/// Secret results: one target per file (Trivy's `Class: "secret"` results), then the image configuration's.
enum SecretTargets {
    /// Targets for the secrets the catalog's content scanner found and, with `imageConfig`, those in the image
    /// configuration (`config.json`), whose copy in `artifact` (`Metadata.ImageConfig` of the report) is
    /// masked too.
    static func make(_ catalog: CatalogResult, artifact: inout ArtifactMetadata, imageConfig: SecretScanner?)
        -> [DetectedTarget]
    {
        var files = SecretFile.group(catalog.contentFindings.compactMap(\.secret))
        if let scanner = imageConfig, let config = artifact.imageConfigJSON {
            let scanned = scanner.scanImageConfigMasking(config)
            artifact.imageConfigJSON = scanned.masked
            if let file = scanned.file { files.append(file) }
        }
        return files.map {
            DetectedTarget(name: $0.path, kind: .secret, type: "", findings: $0.findings.map(Finding.secret))
        }
    }
}
