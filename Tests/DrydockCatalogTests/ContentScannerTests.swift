import DrydockImage
import DrydockModel
import DrydockTestSupport
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
