import DrydockCatalog
import DrydockMisconfig
import DrydockModel
import DrydockPolicy
import Foundation

/// Finds and scans the configuration files of a `drydock config` target: a folder (walked like `fs`, `.git`
/// and `node_modules` skipped), a file, or standard input.
struct ConfigScan {
    var scanner: ConfigScanner
    /// `--skip-dirs`, `--skip-files`, `--file-patterns`.
    var filter = PathFilter()

    /// The largest input read from standard input or named on the command line.
    static let maximumFileSize = 64 << 20

    func scan(_ path: String) throws -> ConfigScanOutcome {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard data.count <= Self.maximumFileSize else {
                throw CommandFailure(.target, "standard input is over \(Self.maximumFileSize >> 20) MiB; not scanned")
            }
            return scanNamedFile("stdin", content: Array(data))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(.target, "cannot scan \(path): no such file or folder")
        }
        guard isDirectory.boolValue else {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.target, "cannot read \(path)")
            }
            let name = (path as NSString).lastPathComponent
            return scanNamedFile(name, content: Array(data))
        }
        let source = DirectoryEntrySource(root: path, skippedNames: [".git", "node_modules"])
        let analysis: LayerAnalysis
        do {
            let analyzer = ConfigFileAnalyzer(patterns: filter.filePatterns)
            analysis = try LayerWalker(analyzers: [analyzer], filter: filter).analyze(
                source, diffID: nil, location: path)
        } catch {
            throw CommandFailure(.target, "cannot read \(path): \(error)")
        }
        let files = analysis.files.compactMap { file -> ScannableFileEntry? in
            guard case .file(.scannable(let kept)) = file.node else { return nil }
            return ScannableFileEntry(path: file.path, layer: nil, file: kept)
        }
        var outcome = scanner.scan(files, root: path)
        outcome.warnings += analysis.warnings.map { ConfigWarning(path: $0.path, error: ConfigParseError($0.message)) }
        return outcome
    }

    /// A file named on the command line: by its name when that says what it is, else by its content.
    func scanNamedFile(_ name: String, content: [UInt8]) -> ConfigScanOutcome {
        let claimed = filter.filePatterns.first { $0.matches(name) }.flatMap {
            ConfigFileAnalyzer.patternTypes[$0.type]
        }
        let candidate =
            claimed ?? ConfigFileClassifier.classify(path: name, content: content)
            ?? ConfigFileClassifier.sniff(content)
        guard let candidate else {
            return ConfigScanOutcome(notes: [
                "\(name) is not a Dockerfile or a Kubernetes manifest; nothing was checked"
            ])
        }
        return scanner.scan(path: name, content: content, as: candidate)
    }
}

extension ConfigTargetResult {
    /// The result as a target for the gate: failures (and passes, when listed) as findings.
    func detectedTarget(includePasses: Bool) -> DetectedTarget {
        let findings = failures + (includePasses ? passes : [])
        return DetectedTarget(
            name: target, kind: .config, type: fileType.rawValue, findings: findings.map(Finding.misconfiguration),
            passedChecks: passes.count)
    }
}
