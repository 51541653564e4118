import DrydockModel
import Testing

@testable import DrydockCatalog

/// Language packages an OS package installed are reported once, as the OS package.
@Suite("OS-owned language packages")
struct OSOwnedFilesTests {
    static let debSite = "usr/lib/python3/dist-packages"
    static let localSite = "usr/local/lib/python3.11/dist-packages"
    static let apkSite = "usr/lib/python3.11/site-packages"

    static func metadata(_ name: String, _ version: String) -> String {
        "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\n\n"
    }

    /// A Debian 12 image: `python3-six` owns its wheel metadata (its `.list` names it), `python3-venv` owns a
    /// folder only; `requests` is pip-installed under `usr/local`.
    static func debianImage(pipLayer: Bool = true) -> [[MemoryLayer.Member]] {
        let status =
            Samples.dpkgStanza("python3-six", "1.16.0-4", source: "six", arch: "all") + "\n"
            + Samples.dpkgStanza("python3-venv", "3.11.2-1+b1", source: "python3-defaults")
        let base: [MemoryLayer.Member] = [
            .file("etc/os-release", Samples.debianOSRelease),
            .file("etc/debian_version", "12.5\n"),
            .file("var/lib/dpkg/status", status),
            .file(
                "var/lib/dpkg/info/python3-six.list",
                "/.\n/usr\n/usr/lib\n/usr/lib/python3\n/usr/lib/python3/dist-packages\n"
                    + "/\(debSite)/six-1.16.0.dist-info\n/\(debSite)/six-1.16.0.dist-info/METADATA\n"
                    + "/\(debSite)/six.py\n"),
            .file("var/lib/dpkg/info/python3-venv.list", "/.\n/usr\n/usr/lib/python3/dist-packages\n"),
            .file("\(debSite)/six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0")),
        ]
        let pip: [MemoryLayer.Member] = [
            .file("\(localSite)/requests-2.31.0.dist-info/METADATA", metadata("requests", "2.31.0"))
        ]
        return pipLayer ? [base, pip] : [base]
    }

    @Test("a deb's Python metadata is reported as the deb only; a pip-installed package still is")
    func debianPython() throws {
        let result = try Samples.catalog(Self.debianImage())
        let os = try #require(result.inventory.targets.first { $0.kind == .osPackages })
        #expect(os.packages.map(\.id) == ["python3-six@1.16.0-4", "python3-venv@3.11.2-1+b1"])
        let python = try #require(result.inventory.targets.first { $0.type == "python-pkg" })
        #expect(python.packages.map(\.id) == ["requests@2.31.0"])
        #expect(python.packages.first?.filePath == "\(Self.localSite)/requests-2.31.0.dist-info/METADATA")
        #expect(result.inventory.allPackages.filter { $0.name == "six" }.isEmpty)
        #expect(result.layers.map(\.packagesIntroduced) == [2, 1])
    }

    @Test("with only OS-owned metadata no language target is left")
    func onlyOwned() throws {
        let result = try Samples.catalog(Self.debianImage(pipLayer: false))
        #expect(!result.inventory.targets.contains { $0.kind == .languagePackages })
    }

    @Test("keepOSOwnedLanguagePackages reports both, as Trivy's comprehensive priority does")
    func keepBoth() throws {
        let walker = LayerWalker(analyzers: ImageCataloger.defaultAnalyzers)
        let analysis = try walker.analyze(
            MemoryLayer(Self.debianImage(pipLayer: false)[0]), diffID: "sha256:0", location: "layer 0")
        let result = LayerMerger.merge(
            [analysis], references: [LayerReference(diffID: "sha256:0")], artifactName: "debian:12",
            keepOSOwnedLanguagePackages: true)
        let python = try #require(result.inventory.targets.first { $0.type == "python-pkg" })
        #expect(python.packages.map(\.id) == ["six@1.16.0"])
    }

    @Test("an apk's py3 metadata (F:/R: lines) is reported as the apk only")
    func alpinePython() throws {
        let database = Samples.apkDatabase([
            Samples.apkRecord("musl", "1.2.4-r2", files: ["lib": ["ld-musl-x86_64.so.1"]]),
            Samples.apkRecord(
                "py3-six", "1.16.0-r6", origin: "py3-six",
                files: ["\(Self.apkSite)/six-1.16.0.dist-info": ["METADATA", "RECORD"], Self.apkSite: ["six.py"]]),
        ])
        let base: [MemoryLayer.Member] = [
            .file("etc/os-release", Samples.alpineOSRelease),
            .file("etc/alpine-release", "3.18.4\n"),
            .file(LayerMergerTests.apkPath, database),
            .file("\(Self.apkSite)/six-1.16.0.dist-info/METADATA", Self.metadata("six", "1.16.0")),
        ]
        let pip: [MemoryLayer.Member] = [
            .file("\(Self.apkSite)/flask-3.0.0.dist-info/METADATA", Self.metadata("flask", "3.0.0"))
        ]
        let result = try Samples.catalog([base, pip])
        let os = try #require(result.inventory.targets.first { $0.kind == .osPackages })
        #expect(os.packages.map(\.id) == ["musl@1.2.4-r2", "py3-six@1.16.0-r6"])
        let python = try #require(result.inventory.targets.first { $0.type == "python-pkg" })
        #expect(python.packages.map(\.id) == ["flask@3.0.0"])
    }

    @Test("an OS-owned Go binary keeps its modules, as Trivy keeps them")
    func binariesAreKept() throws {
        let module = Package(name: "golang.org/x/net", version: "v0.17.0", ecosystem: .go, filePath: "usr/bin/tool")
        let owner = Package(
            name: "tool", version: "1.0-1", ecosystem: .debian, sourceName: "tool", architecture: "amd64",
            filePath: "var/lib/dpkg/status", installedFiles: ["usr/bin/tool", "usr/share/tool/package.json"])
        let node = Package(
            name: "left-pad", version: "1.3.0", ecosystem: .npm, filePath: "usr/share/tool/package.json")
        let analysis = LayerAnalysis(files: [
            LayerFile(path: "etc/debian_version", node: .file(.raw(Array("12.5\n".utf8)))),
            LayerFile(
                path: "var/lib/dpkg/status",
                node: .file(.packageDatabase(PackageDatabase(kind: .dpkg, packages: [owner])))),
            LayerFile(
                path: "usr/bin/tool", node: .file(.languageFile(LanguageFile(type: .gobinary, packages: [module])))),
            LayerFile(
                path: "usr/share/tool/package.json",
                node: .file(.languageFile(LanguageFile(type: .nodePackage, packages: [node])))),
        ])
        let result = LayerMerger.merge([analysis], references: [LayerReference()], artifactName: "x")
        let ids = result.inventory.targets.filter { $0.kind == .languagePackages }.flatMap(\.packages).map(\.id)
        #expect(ids == ["golang.org/x/net@v0.17.0"])
    }

    @Test(
        "owners are probed against the candidate files only",
        arguments: [
            (["a/METADATA"], ["/a/METADATA", "b"], ["a/METADATA"]),
            (["a/METADATA"], ["a/METADATA"], ["a/METADATA"]),
            (["a/METADATA", "c/METADATA"], ["a", "a/METADATA/x"], []),
            ([], ["a/METADATA"], []),
        ])
    func owners(candidates: [String], owned: [String], expected: [String]) {
        let package = Package(name: "p", version: "1", ecosystem: .debian, installedFiles: owned)
        let found = OSOwnedFiles.owners(of: Set(candidates), among: [package])
        #expect(found.keys.sorted() == expected)
        #expect(found.values.allSatisfy { $0 == "p@1" })
    }
}
