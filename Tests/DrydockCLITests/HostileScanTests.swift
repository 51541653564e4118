import DrydockTestSupport
import Foundation
import Testing

/// Hostile images and root filesystems through the `drydock` binary: each ends in a clean error (exit 3)
/// or a correct scan — never a crash, a hang (every run is bounded), a read outside the image or
/// root, or unbounded memory.
@Suite("Hostile images and root filesystems end to end", .serialized)
struct HostileScanTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
    }

    static let alpineRelease = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n"
    static let installed = "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nL:MIT\n\n"

    /// Runs drydock with a time bound; a crash shows as a status over 128.
    static func drydock(_ arguments: [String], timeout: TimeInterval = 120) throws -> ProcessRunner.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        return try ProcessRunner.run(PackagePaths.drydock, arguments, environment: environment, timeout: timeout)
    }

    static func report(_ result: ProcessRunner.Result) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
    }

    static func osFamily(_ report: [String: Any]) -> String? {
        ((report["Metadata"] as? [String: Any])?["OS"] as? [String: Any])?["Family"] as? String
    }

    @Test("a zstd bomb is refused by the default ratio limit with exit 3, naming the layer and the flag")
    func zstdBomb() throws {
        let bomb = try HostileArchives.zeroBomb(size: (1 << 30) + (64 << 20), compression: .zstd)
        let image = try HostileArchives.dockerArchive(blobs: [(bomb, nil)])
        let result = try Self.drydock(["image", "--input", image.path, "--db", try Self.database.get()])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("layer 0"), "\(result.stderr)")
        #expect(result.stderr.contains("--max-compression-ratio"), "\(result.stderr)")
        // A generous ratio lets the same layer through.
        let relaxed = try Self.drydock([
            "image", "--input", image.path, "--db", try Self.database.get(), "--max-compression-ratio", "10000000",
        ])
        #expect(!relaxed.stderr.contains("--max-compression-ratio"), "\(relaxed.stderr)")
        #expect(relaxed.status < 128)
    }

    @Test("a gzip bomb is refused by --max-layer-size with exit 3")
    func gzipBomb() throws {
        let bomb = try HostileArchives.zeroBomb(size: 256 << 20, compression: .gzip)
        let image = try HostileArchives.dockerArchive(blobs: [(bomb, nil)])
        let result = try Self.drydock([
            "image", "--input", image.path, "--db", try Self.database.get(), "--max-layer-size", "32M",
        ])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("more than 33554432 bytes (the maximum layer size, --max-layer-size)"))
        let bad = try Self.drydock(["image", "--input", image.path, "--max-layer-size", "lots"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'lots' is not a size"))
    }

    @Test(
        "a layer of a million entries streams in bounded memory",
        .disabled(if: Sanitizer.active != nil, "peak memory means nothing under a sanitizer"))
    func millionEntries() throws {
        let layer = try HostileArchives.manyEntries(1_000_000, prefix: [.file("etc/os-release", Self.alpineRelease)])
        let image = try HostileArchives.dockerArchive(blobs: [(layer, nil)])
        // The child's own peak RSS, from wait4 (not shared with other children of the test process).
        let script = """
            import os, subprocess, sys
            p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            err = p.stderr.read()
            _, status, usage = os.wait4(p.pid, 0)
            sys.stderr.write(err.decode(errors="replace"))
            print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
            """
        let result = try ProcessRunner.run(
            "python3",
            ["-c", script, PackagePaths.drydock, "image", "--input", image.path, "--db", try Self.database.get()],
            timeout: 600)
        let fields = result.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        try #require(fields.count == 2, "\(result.output) \(result.stderr)")
        #expect(fields[0] == 0, "\(result.stderr)")
        #expect(fields[1] < 200 * 1024, "peak RSS \(fields[1]) KiB")
        print("million-entry layer: drydock peak RSS \(fields[1] / 1024) MiB")
    }

    @Test("an image whose os-release links out of the layer or loops is read inside the image only")
    func linksInImage() throws {
        let database = try Self.database.get()
        // Each image, and the OS family its own files say (none when the link leads nowhere inside it).
        let cases: [([HostileArchives.Entry], String?)] = [
            // Climbs above the root: resolved inside the image, like a chroot, never the host's file.
            (
                [
                    .symlink("etc/os-release", "../../../../../../../usr/lib/os-release"),
                    .file("usr/lib/os-release", Self.alpineRelease), .file("lib/apk/db/installed", Self.installed),
                ], "alpine"
            ),
            (
                [
                    .symlink("etc/os-release", "/usr/lib/os-release"), .file("usr/lib/os-release", Self.alpineRelease),
                    .file("lib/apk/db/installed", Self.installed),
                ], "alpine"
            ),
            // Loops, and links to host files that the image does not hold.
            (
                [
                    .symlink("etc/os-release", "os-release.d"), .symlink("etc/os-release.d", "../etc/os-release"),
                    .symlink("usr/lib/os-release", "/etc/os-release"), .file("lib/apk/db/installed", Self.installed),
                ], nil
            ),
            ([.symlink("etc/os-release", "os-release"), .hardlink("etc/passwd", "../../../../etc/passwd")], nil),
            ([.symlink("etc/os-release", "/proc/self/root/etc/os-release")], nil),
        ]
        for (entries, family) in cases {
            let image = try HostileArchives.dockerArchive(layers: [HostileArchives.tar(entries)])
            let result = try Self.drydock(["image", "--input", image.path, "--db", database, "--format", "json"])
            #expect(result.status == 0 || result.status == 3, "\(result.status): \(result.stderr)")
            #expect(!result.output.contains("bookworm") && !result.output.contains("Debian GNU"), "host file read")
            #expect(!result.output.contains("root:x:0:0"))
            if result.status == 0 {
                #expect(Self.osFamily(Self.report(result)) == family, "\(result.output)")
            }
        }
    }

    @Test("entries naming paths outside the image never create files; only --output is written")
    func nothingWrittenOutside() throws {
        let marker = "drydock-escape-\(UUID().uuidString)"
        let outsideTargets = ["/tmp/\(marker)", FileManager.default.temporaryDirectory.path + "/\(marker)-2"]
        let tar = HostileArchives.tar([
            .file("../../../../../../../../tmp/\(marker)", "escaped"),
            .file("/tmp/\(marker)-abs", "escaped"),
            .symlink("etc/link", "/tmp"), .file("etc/link/\(marker)-via-link", "escaped"),
            .hardlink("etc/hard", "../../../../tmp/\(marker)"),
            .file("etc/os-release", Self.alpineRelease),
        ])
        let image = try HostileArchives.dockerArchive(layers: [tar])
        let out = try PackagePaths.temporaryDirectory("hostile-out")
        let report = out.appendingPathComponent("report.json")
        let result = try Self.drydock([
            "image", "--input", image.path, "--db", try Self.database.get(), "--format", "json", "--output",
            report.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["report.json"])
        for path in outsideTargets + ["/tmp/\(marker)-abs", "/tmp/\(marker)-via-link"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) was written")
        }
    }

    @Test("rootfs with symlink loops and links out of the root terminates and reads only inside it")
    func rootfsLinks() throws {
        let work = try PackagePaths.temporaryDirectory("hostile-rootfs")
        let root = work.appendingPathComponent("root")
        let outside = work.appendingPathComponent("outside")
        let files = FileManager.default
        for directory in ["etc", "usr/lib", "lib/apk/db", "srv", "usr/lib/python3.11"] {
            try files.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        let site = outside.appendingPathComponent("site-packages/Django-3.2.0.dist-info")
        try files.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("Metadata-Version: 2.1\nName: Django\nVersion: 3.2.0\n\n".utf8).write(
            to: site.appendingPathComponent("METADATA"))
        try Data(Self.alpineRelease.utf8).write(to: root.appendingPathComponent("usr/lib/os-release"))
        try Data(Self.installed.utf8).write(to: root.appendingPathComponent("lib/apk/db/installed"))
        let links: [(String, String)] = [
            ("etc/os-release", "../../../../../../../../usr/lib/os-release"),
            ("srv/loop-a", "loop-b"), ("srv/loop-b", "loop-a"), ("srv/self", "."), ("srv/up", "../.."),
            ("srv/host-root", "/"), ("srv/host-etc", "/etc"),
            ("usr/lib/python3.11/site-packages", outside.appendingPathComponent("site-packages").path),
        ]
        for (path, target) in links {
            try files.createSymbolicLink(atPath: root.appendingPathComponent(path).path, withDestinationPath: target)
        }
        let result = try Self.drydock(
            ["rootfs", root.path, "--db", try Self.database.get(), "--format", "json", "--list-all-pkgs"], timeout: 120)
        #expect(result.status == 0 || result.status == 3, "\(result.status): \(result.stderr)")
        #expect(!result.output.contains("Django"), "a package outside the root was read")
        #expect(!result.output.contains("bookworm") && !result.output.contains("Debian GNU"), "host file read")
        #expect(Self.osFamily(Self.report(result)) != "debian")
        if result.status == 0 {
            #expect(Self.osFamily(Self.report(result)) == "alpine", "\(result.output)")
        }
    }
}
