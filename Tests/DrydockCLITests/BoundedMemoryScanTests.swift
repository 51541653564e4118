import DrydockTestSupport
import Foundation
import Testing

/// Peak memory does not grow with the size of the programs in a target: a 1 GiB Go program in a root
/// filesystem and a 160 MiB one in an image layer are scanned by the real binary, whose peak resident memory
/// (`ru_maxrss`, measured by a small parent: see `ProcessRunner.run`) must stay under 100 MiB while the program's modules and a finding are still reported. Reading
/// either program whole would need more memory than the program's size, so the bound fails then.
///
/// The programs are `SyntheticGoBinary` files whose bulk is a hole: they cost no disk to build.
@Suite(
    .enabled(if: ProcessRunner.which("python3") != nil, "python3 measures the peak memory"),
    .disabled(if: Sanitizer.active != nil, "peak memory means nothing under a sanitizer"))
struct BoundedMemoryScanTests {
    static let limitKiB = 100 * 1024

    static func database() throws -> String {
        let folder = try PackagePaths.temporaryDirectory("go-osv")
        let record: [String: Any] = [
            "schema_version": "1.6.0", "id": "GO-2099-0001", "modified": "2024-01-02T03:04:05Z",
            "summary": "golang.org/x/net: test advisory",
            "affected": [
                [
                    "package": ["ecosystem": "Go", "name": "golang.org/x/net"],
                    "ranges": [["type": "SEMVER", "events": [["introduced": "0"], ["fixed": "0.17.1"]]]],
                ]
            ],
        ]
        try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]).write(
            to: folder.appendingPathComponent("GO-2099-0001.json"))
        return try CLI.buildDatabase([folder.path])
    }

    /// `name@version` of the `gobinary` packages and the vulnerability IDs of a JSON report.
    static func contents(_ output: Data) -> (packages: [String], vulnerabilities: [String]) {
        let report = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] ?? [:]
        let results = (report["Results"] as? [[String: Any]] ?? []).filter { $0["Type"] as? String == "gobinary" }
        let packages = results.flatMap { $0["Packages"] as? [[String: Any]] ?? [] }.map {
            "\($0["Name"] as? String ?? "")@\($0["Version"] as? String ?? "")"
        }
        let vulnerabilities = results.flatMap { $0["Vulnerabilities"] as? [[String: Any]] ?? [] }.map {
            $0["VulnerabilityID"] as? String ?? ""
        }
        return (packages.sorted(), vulnerabilities)
    }

    /// The scan succeeded, reported the program's modules and their finding, and stayed under the bound.
    static func expectBoundedScan(_ result: ProcessRunner.Result) {
        #expect(result.status == 0, "\(result.stderr)")
        let report = contents(result.stdout)
        #expect(report.packages == SyntheticGoBinary.expectedPackageIDs)
        #expect(report.vulnerabilities == ["GO-2099-0001"])
        #expect(result.peakMemoryKiB > 0)
        #expect(result.peakMemoryKiB < limitKiB, "peak RSS \(result.peakMemoryKiB) KiB")
    }

    @Test func aGibibyteProgramInARootFilesystem() throws {
        let root = try PackagePaths.temporaryDirectory("big-rootfs")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("usr/local/bin"), withIntermediateDirectories: true)
        try SyntheticGoBinary(size: 1 << 30).write(to: root.appendingPathComponent("usr/local/bin/app"))
        let result = try CLI.run(
            [
                "rootfs", root.path, "--db", try Self.database(), "--skip-db-update", "--format", "json",
                "--list-all-pkgs",
            ], measuringPeakMemory: true)
        Self.expectBoundedScan(result)
    }

    @Test func aLargeProgramInAnImageLayer() throws {
        let folder = try PackagePaths.temporaryDirectory("big-image")
        defer { try? FileManager.default.removeItem(at: folder) }
        let layer = folder.appendingPathComponent("layer.tar")
        try SyntheticGoBinary(size: 160 << 20).writeLayerTar(to: layer, path: "usr/local/bin/app")
        let layout = try Self.ociLayout(layer: layer, in: folder)
        let environment = ["TMPDIR": folder.path]
        let result = try CLI.run(
            [
                "image", "--input", layout.path, "--db", try Self.database(), "--skip-db-update", "--format",
                "json", "--list-all-pkgs", "--no-cache",
            ], environment: environment, measuringPeakMemory: true)
        Self.expectBoundedScan(result)
        // The temporary copy of the program left nothing behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["layer.tar", "layout"])
    }

    /// An OCI layout holding one uncompressed layer, moved in place (so it stays sparse).
    static func ociLayout(layer: URL, in folder: URL) throws -> URL {
        let layout = folder.appendingPathComponent("layout")
        let blobs = layout.appendingPathComponent("blobs/sha256")
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        let diffID = try ImageFixtures.sha256(layer)
        let size = try FileManager.default.attributesOfItem(atPath: layer.path)[.size] as? Int ?? 0
        try FileManager.default.linkItem(at: layer, to: blobs.appendingPathComponent(String(diffID.dropFirst(7))))
        func blob(_ object: [String: Any]) throws -> (digest: String, size: Int) {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            let file = folder.appendingPathComponent("blob.tmp")
            try data.write(to: file)
            let digest = try ImageFixtures.sha256(file)
            try FileManager.default.moveItem(at: file, to: blobs.appendingPathComponent(String(digest.dropFirst(7))))
            return (digest, data.count)
        }
        let config = try blob([
            "architecture": "amd64", "os": "linux", "config": [String: Any](),
            "rootfs": ["type": "layers", "diff_ids": [diffID]],
        ])
        let manifest = try blob([
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": [
                "mediaType": "application/vnd.oci.image.config.v1+json", "digest": config.digest,
                "size": config.size,
            ],
            "layers": [["mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": diffID, "size": size]],
        ])
        let index: [String: Any] = [
            "schemaVersion": 2,
            "manifests": [
                [
                    "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest.digest,
                    "size": manifest.size, "annotations": ["org.opencontainers.image.ref.name": "big"],
                ]
            ],
        ]
        try JSONSerialization.data(withJSONObject: index).write(to: layout.appendingPathComponent("index.json"))
        try Data("{\"imageLayoutVersion\":\"1.0.0\"}".utf8).write(to: layout.appendingPathComponent("oci-layout"))
        return layout
    }
}
