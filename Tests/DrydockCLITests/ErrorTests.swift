import DrydockTestSupport
import Foundation
import Testing

@Suite("Bad input: one clear message and the documented exit code")
struct ErrorTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
    }

    func database() throws -> String { try Self.database.get() }

    func expectFailure(_ arguments: [String], status: Int32, mentions: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        for text in mentions {
            #expect(result.stderr.contains(text), "stderr does not mention \(text): \(result.stderr)")
        }
        #expect(!result.stderr.contains("Fatal error"), "crashed: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 3, "too chatty: \(result.stderr)")
    }

    @Test("a missing image file is exit 3 naming it")
    func missingImage() throws {
        try expectFailure(
            ["image", "--input", "/nonexistent/image.tar", "--db", database()], status: 3,
            mentions: ["/nonexistent/image.tar"])
    }

    @Test("a truncated tarball is exit 3")
    func truncated() throws {
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        let size = try FileManager.default.attributesOfItem(atPath: image.path)[.size] as? Int ?? 0
        let cut = try ImageFixtures.truncatedCopy(of: image, length: size / 2)
        try expectFailure(
            ["image", "--input", cut.path, "--db", database()], status: 3, mentions: [cut.lastPathComponent])
    }

    @Test("a corrupt gzip archive is exit 3")
    func corruptGzip() throws {
        let image = try ImageFixtures.gzip(try ImageFixtures.dockerArchive(layers: [DebianScenario.layer]))
        let corrupt = try ImageFixtures.corruptedCopy(of: image, at: [200, 201, 202, 203, 400, 401])
        try expectFailure(
            ["image", "--input", corrupt.path, "--db", database()], status: 3, mentions: [corrupt.lastPathComponent])
    }

    @Test("a file that is not an image is exit 3")
    func notAnImage() throws {
        let file = try PackagePaths.temporaryDirectory("junk").appendingPathComponent("notes.txt")
        try Data("just some text\n".utf8).write(to: file)
        try expectFailure(
            ["image", "--input", file.path, "--db", database()], status: 3, mentions: [file.lastPathComponent])
    }

    @Test("a tar without manifest.json is exit 3 naming the missing member")
    func missingManifest() throws {
        let tar = try ImageFixtures.layerTar(["hello.txt": .file("hi\n")])
        try expectFailure(
            ["image", "--input", tar.path, "--db", database()], status: 3, mentions: [tar.lastPathComponent])
    }

    @Test("an image with no detectable OS and no packages is exit 3, never 'clean'")
    func unknownOS() throws {
        let image = try ImageFixtures.dockerArchive(layers: [["app/run.sh": .file("#!/bin/sh\n")]])
        try expectFailure(
            ["image", "--input", image.path, "--db", database()], status: 3, mentions: ["operating system not detected"]
        )
    }

    @Test("a missing DB is exit 4 saying how to build one")
    func missingDatabase() throws {
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        try expectFailure(
            ["image", "--input", image.path, "--db", "/nonexistent/drydock.db"], status: 4,
            mentions: ["/nonexistent/drydock.db", "db build"])
    }

    @Test("a DB file that is not a Drydock DB is exit 4")
    func corruptDatabase() throws {
        let file = try PackagePaths.temporaryDirectory("baddb").appendingPathComponent("drydock.db")
        try Data(repeating: 0x42, count: 4096).write(to: file)
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        try expectFailure(["image", "--input", image.path, "--db", file.path], status: 4, mentions: [file.path])
        try expectFailure(["db", "info", "--db", file.path], status: 4, mentions: [file.path])
    }

    @Test(
        "usage errors are exit 2",
        arguments: [
            ["image"], ["image", "--input", "x", "--severity", "SEVERE"],
            ["image", "--input", "x", "--exit-code", "3"],
            ["image", "--input", "x", "--format", "xml"], ["image", "--input", "x", "--scanners", "rootkits"],
            ["nonsense"],
            ["db", "build", "--output", "/tmp/x.db"],
        ])
    func usage(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }

    @Test("an unwritable --output is exit 2 naming the path")
    func unwritableOutput() throws {
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer])
        try expectFailure(
            ["image", "--input", image.path, "--db", database(), "--output", "/nonexistent/dir/report.json"], status: 2,
            mentions: ["/nonexistent/dir/report.json"])
    }

    @Test("a release the DB does not cover is a warning and 'Not checked', not a clean report")
    func uncoveredRelease() throws {
        var layer = DebianScenario.layer
        layer["etc/debian_version"] = .file("13.1\n")
        layer["etc/os-release"] = .file("ID=debian\nVERSION_ID=\"13\"\n")
        let image = try ImageFixtures.dockerArchive(layers: [layer])
        let result = try CLI.run(["image", "--input", image.path, "--db", database()])
        #expect(result.status == 0)
        #expect(result.stderr.contains("no advisories for Debian:13"))
        #expect(result.output.contains("Not checked: the vulnerability DB has no advisories for Debian:13"))
    }
}
