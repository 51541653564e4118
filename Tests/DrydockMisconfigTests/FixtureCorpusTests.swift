import DrydockCatalog
import DrydockMisconfig
import DrydockTestSupport
import Foundation
import Testing

/// Every Dockerfile and Kubernetes manifest under `../shared/fixtures` (real files from public
/// repositories) is read without a parser error, and the results have the expected shape.
@Suite struct FixtureCorpusTests {
    /// The configuration files of a folder, as `drydock config` finds them.
    static func scan(_ folder: URL) throws -> (files: [ScannableFileEntry], outcome: ConfigScanOutcome) {
        let source = DirectoryEntrySource(root: folder.path, skippedNames: [".git", "node_modules"])
        let analysis = try LayerWalker(analyzers: [ConfigFileAnalyzer()]).analyze(
            source, diffID: nil, location: folder.path)
        let files = analysis.files.compactMap { file -> ScannableFileEntry? in
            guard case .file(.scannable(let kept)) = file.node else { return nil }
            return ScannableFileEntry(path: file.path, layer: nil, file: kept)
        }
        return (files, ConfigScanner().scan(files, root: folder.lastPathComponent))
    }

    @Test func everyFixtureParses() throws {
        guard PackagePaths.hasShared, let shared = PackagePaths.shared else { return }
        let (files, outcome) = try Self.scan(shared.appendingPathComponent("fixtures"))
        #expect(outcome.warnings.map(\.description) == [])
        let dockerfiles = outcome.results.filter { $0.fileType == .dockerfile }
        let manifests = outcome.results.filter { $0.fileType == .kubernetes }
        print(
            "fixture corpus: \(files.count) candidate files, \(dockerfiles.count) Dockerfiles, \(manifests.count) manifests, notes: \(outcome.notes)"
        )
        #expect(dockerfiles.count >= 60)
        #expect(manifests.count >= 200)
        #expect(outcome.notes.contains { $0.hasPrefix("helm chart 'onlineboutique'") })
        // The Windows images use `# escape=`` and PowerShell continuations.
        let windows = try #require(dockerfiles.first { $0.target.contains("windowsservercore-ltsc2022") })
        #expect(!windows.failures.isEmpty)
        // Official images run as root: DS-0002 fails on every python Dockerfile.
        let python = dockerfiles.filter { $0.target.hasPrefix("iac/docker-library-python/") }
        #expect(python.count == 42, "the folder's 44 files include two jq templates, which are not Dockerfiles")
        #expect(python.allSatisfy { result in result.failures.contains { $0.id == "DS-0002" } })
    }
}
