import DrydockTestSupport
import Foundation
import Testing

/// zstd and zstd:chunked layers, end to end: docker-archive, OCI layouts recompressed by skopeo, and a
/// registry the image was pushed to with `skopeo copy --dest-compress-format zstd`.
@Suite("Scanning zstd-compressed images from the CLI", .serialized)
struct ZstdScanTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
    }

    /// The vulnerable Alpine image (musl 1.2.4-r2, CVE-2099-0001) as a gzip OCI layout tagged `1.0`. Each
    /// layer holds a file unique to this run: a registry already holding the same gzip blobs (pushed by
    /// other tests) would let skopeo reuse them instead of recompressing.
    static let gzipLayout: Result<URL, any Error> = Result {
        var spec = RegistryFixtures.alpine(muslVersion: "1.2.4-r2")
        let marker = UUID().uuidString
        for index in spec.layers.indices {
            spec.layers[index]["srv/zstd-test/\(index)"] = .file(marker)
        }
        return try ImageFixtures.ociLayout(images: [spec])
    }

    static func skopeo(_ arguments: [String]) throws {
        guard let skopeo = ProcessRunner.which("skopeo") else {
            throw CLI.ProcessFailure(description: "skopeo is not installed (scripts/install-test-deps installs it)")
        }
        let result = try ProcessRunner.run(skopeo, ["copy", "--quiet"] + arguments)
        guard result.status == 0 else {
            throw CLI.ProcessFailure(description: "skopeo copy \(arguments) failed: \(result.stderr)")
        }
    }

    /// The gzip layout recompressed by skopeo into a new layout with `format` (`zstd`, `zstd:chunked`).
    static func recompressed(_ format: String) throws -> URL {
        let output = try PackagePaths.temporaryDirectory("zstd-layout").appendingPathComponent("layout")
        try skopeo([
            "--dest-compress", "--dest-compress-format", format, "oci:\(try gzipLayout.get().path):1.0",
            "oci:\(output.path):1.0",
        ])
        return output
    }

    /// Layer media types and blobs of the single image of `layout`.
    static func layers(of layout: URL) throws -> [(mediaType: String, blob: [UInt8])] {
        func document(_ digest: String) throws -> [String: Any] {
            let url = layout.appendingPathComponent("blobs/sha256/" + digest.dropFirst("sha256:".count))
            return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        }
        let index =
            try JSONSerialization.jsonObject(with: Data(contentsOf: layout.appendingPathComponent("index.json")))
            as? [String: Any] ?? [:]
        let manifestDigest = (index["manifests"] as? [[String: Any]])?.first?["digest"] as? String ?? ""
        let layers = try document(manifestDigest)["layers"] as? [[String: Any]] ?? []
        return try layers.map { layer in
            let digest = layer["digest"] as? String ?? ""
            let url = layout.appendingPathComponent("blobs/sha256/" + digest.dropFirst("sha256:".count))
            return (layer["mediaType"] as? String ?? "", try ImageFixtures.bytes(url))
        }
    }

    static func expectVulnerable(_ result: ProcessRunner.Result, _ report: [String: Any]) {
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLI.findingRows(report).map { $0[2] } == ["CVE-2099-0001"], "\(result.stderr)")
    }

    @Test("a docker-archive whose layers are zstd scans like the gzip one")
    func dockerArchive() throws {
        let spec = RegistryFixtures.alpine(muslVersion: "1.2.4-r2")
        let tars = try spec.layers.map { try ImageFixtures.layerTar($0) }
        let archive = try HostileArchives.dockerArchive(layerFiles: tars, compression: .zstd)
        let (result, report) = try CLI.scanJSON(archive.path, database: try Self.database.get())
        Self.expectVulnerable(result, report)
        #expect((report["Metadata"] as? [String: Any])?["DiffIDs"] as? [String] == (try tars.map(ImageFixtures.sha256)))
    }

    @Test("an OCI layout recompressed to zstd by skopeo (tar+zstd media type) scans")
    func ociLayout() throws {
        let layout = try Self.recompressed("zstd")
        let layers = try Self.layers(of: layout)
        #expect(layers.map(\.mediaType) == Array(repeating: "application/vnd.oci.image.layer.v1.tar+zstd", count: 2))
        #expect(layers.allSatisfy { Array($0.blob.prefix(4)) == [0x28, 0xb5, 0x2f, 0xfd] })
        let (result, report) = try CLI.scanJSON("\(layout.path):1.0", database: try Self.database.get())
        Self.expectVulnerable(result, report)
    }

    @Test("a zstd:chunked layout (skippable frames and a table of contents at the end) scans the same")
    func chunkedLayout() throws {
        let layout = try Self.recompressed("zstd:chunked")
        let blobs = try Self.layers(of: layout).map(\.blob)
        // skopeo wrote the chunked format: a skippable frame (magic 0x184D2A5?) holds the manifest.
        let skippable = blobs.contains { blob in
            blob.indices.dropLast(4).contains { i in
                blob[i] & 0xf0 == 0x50 && blob[i + 1] == 0x2a && blob[i + 2] == 0x4d && blob[i + 3] == 0x18
            }
        }
        #expect(skippable, "skopeo did not write zstd:chunked skippable frames")
        let (result, report) = try CLI.scanJSON("\(layout.path):1.0", database: try Self.database.get())
        Self.expectVulnerable(result, report)
    }

    @Test(
        "an image pushed to a registry with skopeo --dest-compress-format zstd[:chunked] is pulled and scanned",
        arguments: ["zstd", "zstd:chunked"])
    func registry(format: String) throws {
        let servers = try RegistryServers.shared()
        let repository = "zstd/" + format.replacingOccurrences(of: ":", with: "-")
        let reference = "127.0.0.1:\(servers.plainPort)/\(repository):1.0"
        try Self.skopeo([
            "--dest-tls-verify=false", "--dest-compress-format", format, "oci:\(try Self.gzipLayout.get().path):1.0",
            "docker://\(reference)",
        ])
        let raw = try ProcessRunner.run(
            ProcessRunner.which("skopeo") ?? "/usr/bin/skopeo",
            ["inspect", "--raw", "--tls-verify=false", "docker://\(reference)"])
        #expect(raw.output.contains("tar+zstd"), "the registry holds no zstd layer: \(raw.output) \(raw.stderr)")
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["DOCKER_CONFIG"] = "/nonexistent-docker-config"
        environment["XDG_CONFIG_HOME"] = "/nonexistent-xdg"
        let result = try ProcessRunner.run(
            PackagePaths.drydock, ["image", reference, "--db", try Self.database.get(), "--format", "json"],
            environment: environment)
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        Self.expectVulnerable(result, report)
    }
}
