import DrydockImage
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// The walker's content-scanner hook, with a scanner that reports every file holding the word `SECRET`.
@Suite("Content scanner hook")
struct ContentScannerTests {
    struct WordScanner: ContentScanner {
        var limit = 1000
        var name: String { "secret" }
        var fingerprint: String { "word:1" }
        func decision(path: String, size: Int) -> ContentScanDecision {
            if path.hasPrefix("skip/") { return .skip }
            return size > limit ? .tooLarge(limit: limit) : .scan
        }
        func scan(path: String, content: [UInt8]) -> [Finding] {
            guard String(decoding: content, as: UTF8.self).contains("SECRET") else { return [] }
            return [
                .secret(
                    SecretFinding(
                        filePath: path, ruleID: "word", category: "c", severity: .high, title: "t", startLine: 1,
                        endLine: 1, match: "****"))
            ]
        }
    }

    @Test("every regular file is offered once: unclaimed files and files an analyzer reads")
    func walk() throws {
        let layer = MemoryLayer([
            .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n# SECRET\n"),
            .file("srv/app/.env", "TOKEN=SECRET\n"),
            .file("srv/app/plain.txt", "nothing here\n"),
            .file("skip/a.txt", "SECRET\n"),
            .file("srv/big.txt", String(repeating: "SECRET ", count: 200)),
            .symlink("srv/link", "app/.env"),
            .whiteout("srv/old.env"),
        ])
        let walker = LayerWalker(analyzers: ImageCataloger.osAnalyzers, contentScanner: WordScanner())
        let analysis = try walker.analyze(layer, diffID: nil, location: "test")
        #expect(analysis.contentFindings.compactMap(\.secret).map(\.filePath) == ["etc/os-release", "srv/app/.env"])
        #expect(layer.readPaths == ["etc/os-release", "srv/app/.env", "srv/app/plain.txt"])
        #expect(
            analysis.warnings.contains { $0.path == "srv/big.txt" && $0.message.contains("not scanned for secrets") })
        // os-release is still analysed as before.
        #expect(analysis.files.map(\.path) == ["etc/os-release"])
        // The content scanner's fingerprint is part of the cache key: another scanner, another key.
        let plain = LayerWalker(analyzers: ImageCataloger.osAnalyzers).analyzerFingerprint
        #expect(walker.analyzerFingerprint == plain + ";word:1")
        #expect(plain.hasPrefix("os-release:") && !plain.contains(";"))
    }

    @Test("an image's findings come back with their layer, those of deleted files included")
    func deletedInLaterLayer() throws {
        let url = try ImageFixtures.dockerArchive(
            layers: [
                ["etc/os-release": .file("ID=alpine\nVERSION_ID=3.19.1\n")],
                ["srv/app/.env": .file("TOKEN=SECRET\n")],
                ["srv/app/.env": .whiteout],
            ],
            config: .init(createdBy: ["ADD rootfs /", "COPY .env /srv/app/", "RUN rm /srv/app/.env"]),
            repoTags: ["test/secret:1"], gzipLayers: true)
        let archive = try ImageArchive.open(url.path)
        let result = try ImageCataloger(analyzers: ImageCataloger.osAnalyzers, contentScanner: WordScanner())
            .catalog(archive, artifactName: "test/secret:1")
        let findings = result.contentFindings.compactMap(\.secret)
        #expect(findings.count == 1)
        let layer = try #require(findings.first?.layer)
        #expect(layer.diffID == archive.image.config.diffIDs[1])
        #expect(layer.createdBy == "COPY .env /srv/app/")
    }

    @Test("content findings survive the layer cache codec")
    func codec() throws {
        var analysis = LayerAnalysis(diffID: "sha256:" + String(repeating: "a", count: 64))
        analysis.contentFindings = [
            .secret(
                SecretFinding(
                    filePath: "/a", ruleID: "r", category: "c", severity: .low, title: "t", startLine: 1, endLine: 1,
                    match: "**", offset: 3))
        ]
        #expect(try LayerAnalysisCodec.decode(LayerAnalysisCodec.encode(analysis)) == analysis)
    }
}

/// A live tree changes while it is scanned (a log file grows, a temporary file goes away): that file is left out
/// with a warning, the rest of the scan goes on.
@Suite("Content scanner on a changing tree")
struct ContentScannerLiveTreeTests {
    /// A directory source that appends to, or removes, a file right after listing it.
    final class ChangingSource: LayerEntrySource {
        let inner: DirectoryEntrySource
        let root: String
        init(root: String) {
            self.root = root
            inner = DirectoryEntrySource(root: root)
        }
        func nextEntry() throws -> TarEntry? {
            let entry = try inner.nextEntry()
            if let entry, entry.path == "var/log/app.log" {
                let handle = try #require(FileHandle(forWritingAtPath: root + "/" + entry.path))
                handle.seekToEndOfFile()
                handle.write(Data("SECRET grew\n".utf8))
                handle.closeFile()
            } else if let entry, entry.path == "tmp/gone.txt" {
                try FileManager.default.removeItem(atPath: root + "/" + entry.path)
            }
            return entry
        }
        func readEntryContent(limit: Int) throws -> [UInt8] { try inner.readEntryContent(limit: limit) }
        func readEntryContent(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            try inner.readEntryContent(into: buffer)
        }
        func openEntryFile() throws(CatalogError) -> (any RandomAccessBytes)? { try inner.openEntryFile() }
    }

    @Test("a file that grows or vanishes after it was listed is a warning, not a failed scan")
    func growingAndVanishingFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in [
            ("var/log/app.log", "line 1\n"), ("tmp/gone.txt", "SECRET\n"), ("srv/.env", "TOKEN=SECRET\n"),
        ] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let walker = LayerWalker(
            analyzers: ImageCataloger.osAnalyzers, contentScanner: ContentScannerTests.WordScanner())
        let analysis = try walker.analyze(ChangingSource(root: root.path), diffID: nil, location: root.path)
        #expect(analysis.contentFindings.compactMap(\.secret).map(\.filePath) == ["srv/.env"])
        let grew = try #require(analysis.warnings.first { $0.path == "var/log/app.log" })
        #expect(grew.message.contains("changed during the scan") && grew.kind == .fileUnreadable)
        let gone = try #require(analysis.warnings.first { $0.path == "tmp/gone.txt" })
        #expect(gone.message.contains("No such file") && gone.kind == .fileUnreadable)
    }
}
