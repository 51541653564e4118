import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

@Suite("Archive members and file sources")
struct ArchiveMemberTests {
    @Test(
        "a path stored twice in the outer tar reads the later copy, as tar extraction would", arguments: [false, true])
    func repeatedMember(compressOuter: Bool) throws {
        let hold = try ImageFixtures.temporaryDirectory()
        var member = ""
        let plain = try ImageFixtures.dockerArchive(layers: [["etc/real": .file("the later copy\n")]]) { stage in
            let dir = try #require(
                try FileManager.default.contentsOfDirectory(atPath: stage.path).first { $0.count == 64 })
            member = dir + "/layer.tar"
            try FileManager.default.createDirectory(
                at: hold.appendingPathComponent(dir), withIntermediateDirectories: true)
            try FileManager.default.moveItem(
                at: stage.appendingPathComponent(member), to: hold.appendingPathComponent(member))
            let decoy = try ImageFixtures.layerTar(["etc/decoy": .file("the earlier copy\n")])
            try FileManager.default.copyItem(at: decoy, to: stage.appendingPathComponent(member))
        }
        try ImageFixtures.run("tar", ["-rf", plain.path, "-C", hold.path, member])
        let url = compressOuter ? try ImageFixtures.gzip(plain) : plain
        let archive = try ImageArchive.open(url.path)
        let files = try collectLayers(archive)[0]
        #expect(files["etc/real"]?.content == Array("the later copy\n".utf8))
        #expect(files["etc/decoy"] == nil)
    }

    @Test("FileByteSource seeks over regular files and reports the end")
    func fileSkip() throws {
        let url = try ImageFixtures.temporaryDirectory().appendingPathComponent("f")
        let bytes = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 / 7) }
        try Data(bytes).write(to: url)
        let source = try FileByteSource(path: url.path)
        #expect(source.fileSize == 1_000_000)
        var small = [UInt8](repeating: 0, count: 10)
        #expect(try small.withUnsafeMutableBytes { try source.read(into: $0) } == 10)
        #expect(small == Array(bytes[0..<10]))
        #expect(try source.skip(600_000) == 600_000)
        #expect(try small.withUnsafeMutableBytes { try source.read(into: $0) } == 10)
        #expect(small == Array(bytes[600_010..<600_020]))
        #expect(try source.skip(1_000_000) == 399_980)
        #expect(try small.withUnsafeMutableBytes { try source.read(into: $0) } == 0)
        #expect(source.position == 1_000_000)
    }

    @Test("a pipe (not seekable) is skipped by reading through the buffer")
    func pipeSkip() throws {
        let big = (0..<900_000).map { UInt8(truncatingIfNeeded: $0 / 3) }
        let tarURL = try ImageFixtures.layerTar(["a.bin": .bytes(big), "b.txt": .file("after the big one\n")])
        let fifo = try ImageFixtures.temporaryDirectory().appendingPathComponent("fifo")
        try ImageFixtures.run("mkfifo", [fifo.path])
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "cat \"$0\" > \"$1\"", tarURL.path, fifo.path]
        try writer.run()
        defer { writer.waitUntilExit() }
        let source = try FileByteSource(path: fifo.path)
        #expect(source.fileSize == nil)
        let reader = TarReader(source: source, location: fifo.path)
        var last: [UInt8] = []
        while let entry = try reader.next() {
            if entry.path == "b.txt" { last = try reader.readContent(limit: 100) }
        }
        #expect(last == Array("after the big one\n".utf8))
    }

    @Test("opening a missing file is notFound")
    func missingFile() throws {
        let error = try #require(throws: ImageError.self) { try FileByteSource(path: "/nonexistent/file") }
        #expect(error.code == .notFound)
    }
}
