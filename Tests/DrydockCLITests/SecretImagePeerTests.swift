import DrydockSecrets
import DrydockTestSupport
import Foundation
import Testing

/// The corpus suite's secret comparison on images: `drydock image` against `detect-secrets` (PyPI) run over
/// each layer's files, on the real image fixtures (`../shared/fixtures/images`) and on an image whose second
/// layer holds Trivy's secret test inputs and whose third deletes them. Skipped, with a line saying so,
/// without `../shared`.
@Suite("Secret corpus: images against detect-secrets")
struct SecretImagePeerTests {
    /// `diffID:/path:line` of every line Drydock reports in `archive`, with the rule that found it.
    static func drydockLines(_ archive: URL) throws -> [String: String] {
        let result = try CLI.run(["image", "--input", archive.path, "--scanners", "secret", "--format", "json"])
        guard result.status == 0 else {
            throw CLI.ProcessFailure(description: "drydock image failed: \(result.stderr)")
        }
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        var lines: [String: String] = [:]
        for target in report["Results"] as? [[String: Any]] ?? [] where target["Class"] as? String == "secret" {
            let path = target["Target"] as? String ?? ""
            for secret in target["Secrets"] as? [[String: Any]] ?? [] {
                let rule = secret["RuleID"] as? String ?? ""
                let diffID = (secret["Layer"] as? [String: Any])?["DiffID"] as? String ?? "config"
                // A private key's finding is its body; detect-secrets names the BEGIN line above it.
                var first = secret["StartLine"] as? Int ?? 0
                if rule == "private-key" { first = max(1, first - 1) }
                for line in first...max(first, secret["EndLine"] as? Int ?? 0) {
                    lines["\(diffID):\(path):\(line)"] = rule
                }
            }
        }
        return lines
    }

    /// Each layer of a `docker save` archive (plain or gzip-compressed) unpacked into its own folder.
    static func unpackLayers(_ archive: URL) throws -> [(diffID: String, folder: URL)] {
        let work = try ImageFixtures.temporaryDirectory(prefix: "secret-peer")
        try ImageFixtures.run("tar", ["-xf", archive.path, "-C", work.path])
        let manifestData = try Data(contentsOf: work.appendingPathComponent("manifest.json"))
        let manifest = try #require((try JSONSerialization.jsonObject(with: manifestData) as? [[String: Any]])?.first)
        let configData = try Data(contentsOf: work.appendingPathComponent(manifest["Config"] as? String ?? ""))
        let config = try #require(try JSONSerialization.jsonObject(with: configData) as? [String: Any])
        let diffIDs = (config["rootfs"] as? [String: Any])?["diff_ids"] as? [String] ?? []
        let layers = manifest["Layers"] as? [String] ?? []
        try #require(layers.count == diffIDs.count, "\(archive.lastPathComponent): one diffID per layer")
        return try zip(diffIDs, layers).enumerated().map { index, pair in
            let folder = work.appendingPathComponent("layer-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try ImageFixtures.run("tar", ["-xf", work.appendingPathComponent(pair.1).path, "-C", folder.path])
            return (pair.0, folder)
        }
    }

    /// What the two scanners flag in `archives`, each layer scanned once by detect-secrets.
    struct Comparison {
        /// detect-secrets' hits by `diffID:/path:line` (a line can have several, of different plugins).
        var theirs: [String: [DetectSecrets.Hit]] = [:]
        var ours: [String: String] = [:]

        /// The lines one of detect-secrets' format plugins flags, with one such hit each.
        var theirFormatLines: [String: DetectSecrets.Hit] {
            theirs.compactMapValues { hits in hits.first { DetectSecrets.formatTypes.contains($0.type) } }
        }

        /// detect-secrets' format-plugin lines Drydock does not report, minus those `explained` accounts for.
        func unexplained(_ explained: (String, DetectSecrets.Hit) -> String?) -> [String] {
            theirFormatLines.filter { key, hit in ours[key] == nil && explained(key, hit) == nil }.keys.sorted()
        }

        var summary: String {
            let format = theirFormatLines
            let agreed = format.keys.filter { ours[$0] != nil }.count
            let heuristic = theirs.count - format.count
            // `path:line (rule)`, without the diffID, for the first few.
            let onlyOurs = ours.keys.filter { theirs[$0] == nil }.sorted().map { key in
                "\(key.split(separator: ":", maxSplits: 2).last ?? "") (\(ours[key] ?? ""))"
            }
            return "\(agreed) lines flagged by both; \(format.count - agreed) only by detect-secrets' format plugins; "
                + "\(heuristic) by its heuristics alone (keywords, URLs with passwords); \(onlyOurs.count) only by "
                + "Drydock" + (onlyOurs.isEmpty ? "" : ", such as " + onlyOurs.prefix(6).joined(separator: ", "))
        }
    }

    static func compare(_ archives: [URL], disabling plugins: [String] = []) throws -> Comparison {
        var comparison = Comparison()
        var scannedLayers: Set<String> = []
        for archive in archives {
            comparison.ours.merge(try drydockLines(archive)) { first, _ in first }
            for (diffID, folder) in try unpackLayers(archive) where scannedLayers.insert(diffID).inserted {
                for hit in try DetectSecrets.scan(folder, disabling: plugins) {
                    comparison.theirs["\(diffID):/\(hit.file):\(hit.line)", default: []].append(hit)
                }
            }
        }
        return comparison
    }

    /// `../shared/fixtures`, or `nil` with a line saying the test is skipped.
    static func sharedFixtures() -> URL? {
        let shared = ImageFixtures.sharedFixtures()
        if shared == nil { print("secret image corpus skipped: ../shared/fixtures is absent") }
        return shared
    }

    @Test("the real image fixtures: what detect-secrets' format plugins flag, Drydock reports or allow-lists")
    func imageFixtures() throws {
        guard let shared = Self.sharedFixtures() else { return }
        let images = shared.appendingPathComponent("images")
        let archives = try FileManager.default.contentsOfDirectory(atPath: images.path).filter {
            $0.hasSuffix(".tar.gz")
        }
        .sorted().map { images.appendingPathComponent($0) }
        #expect(archives.count >= 3)
        let comparison = try Self.compare(archives, disabling: DetectSecrets.slowHeuristics)
        let scanner = try SecretScanner()
        // What Drydock does not read (allow rules such as usr-dirs, skip patterns) it cannot report.
        let unexplained = comparison.unexplained { _, hit in
            scanner.wants(path: hit.file, size: 100) ? nil : "allowed"
        }
        print("detect-secrets on the image fixtures (\(archives.count) images): \(comparison.summary)")
        #expect(unexplained.isEmpty, "detect-secrets flags \(unexplained), Drydock does not")
    }

    @Test("Trivy's secret inputs in a layer deleted later: the image scan agrees with detect-secrets as the files do")
    func deletedLayerCorpus() throws {
        guard let shared = Self.sharedFixtures() else { return }
        let testdata = shared.appendingPathComponent("trivy/pkg/fanal/secret/testdata")
        var corpus: [String: FileSpec] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: testdata.path) {
            corpus["srv/corpus/" + file] = .bytes([UInt8](try Data(contentsOf: testdata.appendingPathComponent(file))))
        }
        let archive = try ImageFixtures.dockerArchive(
            layers: [["etc/os-release": .file("ID=alpine\nVERSION_ID=3.19.1\n")], corpus, ["srv/corpus": .whiteout]],
            config: ImageFixtures.ConfigSpec(createdBy: ["ADD rootfs /", "COPY corpus /srv/corpus", "RUN rm -r corpus"]
            ),
            gzipLayers: true)
        let comparison = try Self.compare([archive])
        let layers = try Self.unpackLayers(archive)
        let unexplained = comparison.unexplained { _, hit in
            DetectSecrets.trivyTestdataDifferences[(hit.file as NSString).lastPathComponent + ":\(hit.line)"]
        }
        print("detect-secrets on Trivy's secret inputs in an image layer: \(comparison.summary)")
        #expect(unexplained.isEmpty, "detect-secrets flags \(unexplained), Drydock does not")
        // Every finding is in the layer that added the files, though a later layer deleted them.
        #expect(comparison.ours.count > 20)
        #expect(comparison.ours.keys.allSatisfy { $0.hasPrefix(layers[1].diffID + ":/srv/corpus/") })
        // The image scan finds exactly what the scanner finds in the same files.
        let scanner = try SecretScanner()
        var direct: Set<String> = []
        for (path, spec) in corpus {
            guard case .bytes(let content) = spec, scanner.wants(path: path, size: content.count) else { continue }
            for finding in scanner.scan(path: path, displayPath: "/" + path, content: content) {
                let first = finding.ruleID == "private-key" ? max(1, finding.startLine - 1) : finding.startLine
                for line in first...finding.endLine { direct.insert("\(layers[1].diffID):/\(path):\(line)") }
            }
        }
        #expect(Set(comparison.ours.keys) == direct)
    }
}
