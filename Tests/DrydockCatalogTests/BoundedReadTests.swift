import DrydockCatalog
import DrydockImage
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// Big programs and archives are read by offset, never whole: counted byte budgets prove it. The programs are
/// `SyntheticGoBinary` files of 1 GiB whose bulk is a hole, so building them costs neither disk nor time.
@Suite struct BoundedReadTests {
    static let gibibyte = 1 << 30

    /// Passes a layer's entries through, and counts what the walker asked for whole versus in chunks.
    final class BudgetedSource: LayerEntrySource {
        let base: any LayerEntrySource
        private(set) var largestWholeRead = 0
        private(set) var chunkedBytes = 0

        init(_ base: any LayerEntrySource) { self.base = base }

        func nextEntry() throws -> TarEntry? { try base.nextEntry() }

        func readEntryContent(limit: Int) throws -> [UInt8] {
            let content = try base.readEntryContent(limit: limit)
            largestWholeRead = max(largestWholeRead, content.count)
            return content
        }

        func readEntryContent(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let got = try base.readEntryContent(into: buffer)
            chunkedBytes += got
            return got
        }

        func openEntryFile() throws(CatalogError) -> (any RandomAccessBytes)? { try base.openEntryFile() }
    }

    static func goPackageIDs(_ result: CatalogResult) -> [String] {
        result.inventory.targets.filter { $0.type == "gobinary" }.flatMap(\.packages).map(\.id).sorted()
    }

    @Test func aGibibyteProgramInARootFilesystemIsReadByOffset() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-bigrootfs")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("usr/local/bin"), withIntermediateDirectories: true)
        try SyntheticGoBinary(size: Self.gibibyte).write(to: root.appendingPathComponent("usr/local/bin/app"))
        let result = try DirectoryCataloger(mode: .rootfs).catalog(directory: root.path)
        #expect(Self.goPackageIDs(result) == SyntheticGoBinary.expectedPackageIDs)
        let stats = try #require(result.layers.first?.stats)
        // Headers, the section table and the build-info section: a few pages of a 1 GiB file.
        #expect(stats.bytesRead < 64 * 1024)
        #expect(stats.bytesSpilled == 0)
    }

    @Test func aLargeProgramInALayerIsPutAsideAndReadByOffset() throws {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-biglayer")
        let tar = folder.appendingPathComponent("layer.tar")
        let size = 64 << 20
        try SyntheticGoBinary(size: size).writeLayerTar(to: tar, path: "opt/app/server")
        let reader = TarReader(source: try FileByteSource(path: tar.path), location: tar.path)
        let source = BudgetedSource(reader)
        let walker = LayerWalker(
            analyzers: ImageCataloger.defaultAnalyzers,
            spill: SpillPolicy(inMemoryLimit: 1 << 20, directory: folder.path))
        let analysis = try walker.analyze(source, diffID: nil, location: "test layer")
        let result = LayerMerger.merge([analysis], references: [LayerReference()], artifactName: "test")
        #expect(Self.goPackageIDs(result) == SyntheticGoBinary.expectedPackageIDs)
        // Never asked for whole: streamed into the temporary file, then read by offset.
        #expect(source.largestWholeRead == 0)
        #expect(source.chunkedBytes == size)
        #expect(analysis.stats.bytesSpilled == size)
        #expect(analysis.stats.bytesRead < 64 * 1024)
        // The temporary file was removed from its folder at once.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["layer.tar"])
    }

    @Test func aLargeLayerEntryThatIsNoProgramIsNotPutAside() throws {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-bigdata")
        let tar = folder.appendingPathComponent("layer.tar")
        var binary = SyntheticGoBinary(size: 16 << 20)
        binary.pieces[0].bytes[0] = 0x23  // `#`: a script, not an ELF file
        try binary.writeLayerTar(to: tar, path: "usr/bin/installer")
        let reader = TarReader(source: try FileByteSource(path: tar.path), location: tar.path)
        let walker = LayerWalker(
            analyzers: ImageCataloger.defaultAnalyzers,
            spill: SpillPolicy(inMemoryLimit: 1 << 20, directory: folder.path))
        let analysis = try walker.analyze(reader, diffID: nil, location: "test layer")
        #expect(analysis.stats.bytesSpilled == 0)
        #expect(analysis.stats.bytesRead == LayerWalker.prefixSize)
        #expect(analysis.files.map(\.node) == [.unusable])
    }

    @Test func aTemporaryFolderThatCannotBeWrittenIsAWarningNotAFailure() throws {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-nospill")
        let tar = folder.appendingPathComponent("layer.tar")
        try SyntheticGoBinary(size: 4 << 20).writeLayerTar(to: tar, path: "usr/bin/app")
        let reader = TarReader(source: try FileByteSource(path: tar.path), location: tar.path)
        let walker = LayerWalker(
            analyzers: ImageCataloger.defaultAnalyzers,
            spill: SpillPolicy(inMemoryLimit: 1 << 20, directory: folder.appendingPathComponent("missing").path))
        let analysis = try walker.analyze(reader, diffID: nil, location: "test layer")
        #expect(analysis.warnings.map(\.kind) == [.fileUnreadable])
        #expect(analysis.warnings.first?.message.contains("cannot create a temporary file") == true)
    }

    /// A 100 MiB jar: a stored filler entry, a stored nested jar (read in place) and a compressed one
    /// (inflated in memory). Only the directory, the metadata and the nested jars' own directories are read.
    @Test(.enabled(if: CatalogFixtures.commandAvailable("python3")))
    func aBigJarIsReadByOffset() throws {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-bigjar")
        let script =
            JavaArchiveTests.jarBuilders + """
                stored = jar([('META-INF/maven/org.yaml/snakeyaml/pom.properties', pom('org.yaml', 'snakeyaml', '1.33'))])
                packed = jar([('META-INF/maven/com.google/gson/pom.properties', pom('com.google', 'gson', '2.8.0'))])
                with zipfile.ZipFile(os.path.join(sys.argv[1], 'app-1.0.jar'), 'w', zipfile.ZIP_STORED) as z:
                    z.writestr('META-INF/maven/com.example/app/pom.properties', pom('com.example', 'app', '1.0'))
                    z.writestr('BOOT-INF/classes/filler.bin', b'\\0' * (100 << 20))
                    z.writestr('BOOT-INF/lib/snakeyaml-1.33.jar', stored)
                    z.writestr(zipfile.ZipInfo('BOOT-INF/lib/gson-2.8.0.jar'), packed, zipfile.ZIP_DEFLATED)
                """
        try CatalogFixtures.run("python3", ["-c", script, folder.path])
        let file = CountingBytes(try FileBytes(path: folder.appendingPathComponent("app-1.0.jar").path))
        let parsed = try JavaArchiveParser.parse(file, path: "app/app-1.0.jar")
        #expect(
            Set(parsed.packages.map(\.id))
                == ["com.example:app:1.0", "org.yaml:snakeyaml:1.33", "com.google:gson:2.8.0"])
        #expect(parsed.warnings.isEmpty)
        #expect(file.count > 100 << 20)
        #expect(file.bytesRead < 512 * 1024)
    }

    /// rpm databases in all three formats, read by offset through the page cache, give exactly what reading them
    /// whole gives (packages, installed files, warnings), and read at most about twice over (the page cache is
    /// small: overflow chains and payloads read straight from the file pass some pages twice).
    @Test(.enabled(if: Shared.available(RPMCorpusTests.root)), arguments: RPMCorpusTests.all)
    func rpmDatabasesReadByOffsetMatchWholeReads(relative: String) throws {
        let url = try Shared.file(RPMCorpusTests.root + relative)
        let whole = try RPMDatabaseParser.parse(try Shared.bytes(url), path: relative)
        let file = CountingBytes(try FileBytes(path: url.path))
        let byOffset = try RPMDatabaseParser.parse(file, path: relative)
        #expect(byOffset == whole)
        #expect(!byOffset.packages.isEmpty)
        #expect(file.bytesRead <= 2 * file.count)
    }
}
