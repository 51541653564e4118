import DrydockCatalog
import DrydockImage
import DrydockModel
import Testing

/// The walker hands files with an executable bit to an `ExecutableFileAnalyzer`, wherever they are,
/// reads nothing else, and records every whiteout when such an analyzer is present.
@Suite struct GoExecutableSelectionTests {
    /// Keeps the first four bytes of what it reads, so the test sees which files were read.
    struct MagicRecorder: ExecutableFileAnalyzer {
        var name: String { "magic-recorder" }
        var version: Int { 1 }
        var selector: FileSelector { FileSelector(exactPaths: ["etc/wanted"]) }
        var sizeLimit: Int { 1024 }
        func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
            .raw(Array(content.prefix(4)))
        }
    }

    /// Entries with explicit modes.
    final class ModeLayer: LayerEntrySource {
        private var entries: [(TarEntry, [UInt8])]
        private var position = -1
        private(set) var readPaths: [String] = []

        init(_ entries: [(String, UInt32, TarEntry.Kind, [UInt8])]) {
            self.entries = entries.map { path, mode, kind, bytes in
                (TarEntry(path: path, kind: kind, size: Int64(bytes.count), mode: mode), bytes)
            }
        }

        func nextEntry() throws -> TarEntry? {
            position += 1
            return position < entries.count ? entries[position].0 : nil
        }

        func readEntryContent(limit: Int) throws -> [UInt8] {
            readPaths.append(entries[position].0.path)
            return entries[position].1
        }

        func readEntryContent(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            Issue.record("only whole reads are expected here")
            return 0
        }
    }

    @Test func executablesAreReadWherever() throws {
        let elf: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 1, 2]
        let layer = ModeLayer([
            ("opt/app/server", 0o755, .file, elf),
            ("opt/app/config.yaml", 0o644, .file, Array("a: b".utf8)),
            ("usr/share/doc/readme", 0o644, .file, elf),
            ("usr/local/bin/tool", 0o700, .file, Array("#!/bin".utf8)),
            ("usr/local/bin", 0o755, .directory, []),
            ("etc/wanted", 0o644, .file, Array("yes!".utf8)),
            ("srv/.wh.old-binary", 0o644, .file, []),
            ("var/.wh..wh..opq", 0o644, .file, []),
        ])
        let walker = LayerWalker(analyzers: [MagicRecorder()])
        let analysis = try walker.analyze(layer, diffID: nil, location: "test")
        #expect(layer.readPaths == ["opt/app/server", "usr/local/bin/tool", "etc/wanted"])
        #expect(analysis.files.map(\.path) == ["opt/app/server", "usr/local/bin/tool", "etc/wanted"])
        #expect(analysis.files.first?.node == .file(.raw([0x7f, 0x45, 0x4c, 0x46])))
        #expect(analysis.whiteouts == ["srv/old-binary"])
        #expect(analysis.opaqueDirectories == ["var"])
    }

    @Test func withoutAnExecutableAnalyzerNothingChanges() throws {
        struct Plain: CatalogAnalyzer {
            var name: String { "plain" }
            var version: Int { 1 }
            var selector: FileSelector { FileSelector(exactPaths: ["etc/wanted"]) }
            var sizeLimit: Int { 1024 }
            func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding { .raw(content) }
        }
        let layer = ModeLayer([
            ("opt/app/server", 0o755, .file, [0x7f]), ("etc/wanted", 0o644, .file, [1]),
            ("srv/.wh.old-binary", 0o644, .file, []),
        ])
        let analysis = try LayerWalker(analyzers: [Plain()]).analyze(layer, diffID: nil, location: "test")
        #expect(layer.readPaths == ["etc/wanted"])
        #expect(analysis.whiteouts.isEmpty)
    }

    @Test func magicBytes() {
        #expect(ExecutableFile.format(ofPrefix: [0x7f, 0x45, 0x4c, 0x46]) == .elf)
        #expect(ExecutableFile.format(ofPrefix: [0xcf, 0xfa, 0xed, 0xfe]) == .machO)
        #expect(ExecutableFile.format(ofPrefix: [0xfe, 0xed, 0xfa, 0xce]) == .machO)
        #expect(ExecutableFile.format(ofPrefix: Array("MZ\u{0}\u{0}".utf8)) == .pe)
        #expect(ExecutableFile.format(ofPrefix: Array("#!/b".utf8)) == nil)
        #expect(ExecutableFile.format(ofPrefix: [0x7f, 0x45]) == nil)
        #expect(ExecutableFile([0x7f, 0x45, 0x4c, 0x46]) == nil)
    }
}
