import DrydockCatalog
import DrydockImage
import DrydockMatch
import DrydockModel
import DrydockTestSupport
import DrydockVulnDB
import Foundation
import Testing

/// Real Go binaries in an image layer, real Go vulnerability records (OSV), Drydock's whole path from
/// archive to findings — checked against an independent evaluation of the same records in Python with
/// univers' `GolangVersion`.
@Suite struct GoEndToEndTests {
    static let osvFolder = "advisories/osv/Go"
    /// Records chosen by rule, not by outcome: every `GO-2021-*` and `GO-2023-*` record, whatever
    /// package it names, plus a (withdrawn) bbolt record.
    static func recordNames(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix("GO-2021-") || $0.hasPrefix("GO-2023-") || $0 == "GO-2026-4923.json"
        }.sorted()
    }

    /// Keeps the bytes of the programs in `usr/local/bin/` (the fixture files carry no executable bit).
    struct Programs: ExecutableFileAnalyzer {
        var name: String { "programs" }
        var version: Int { 1 }
        var selector: FileSelector { FileSelector(prefixes: [PathPrefix("usr/local/bin/")]) }
        var sizeLimit: Int { 64 << 20 }
        func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding { .raw(content) }
    }

    @Test(
        .enabled(
            if: Shared.available(osvFolder) && Shared.available(GoBinaryTests.folder)
                && CatalogFixtures.commandAvailable("python3")))
    func findingsMatchIndependentEvaluation() throws {
        let scratch = try CatalogFixtures.scratchDirectory(prefix: "drydock-go-e2e")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let osv = try Shared.file(Self.osvFolder)
        let records = scratch.appendingPathComponent("osv/Go")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        let names = try Self.recordNames(in: osv)
        for name in names {
            try FileManager.default.copyItem(
                at: osv.appendingPathComponent(name), to: records.appendingPathComponent(name))
        }
        let database = scratch.appendingPathComponent("drydock.db").path
        _ = try DatabaseBuilder.build(
            output: database, sources: [records.path], builtAt: Date(timeIntervalSince1970: 0))

        let archive = try ImageFixtures.dockerArchive(layers: [
            ["usr/local/bin/app": .bytes(try GoBinaryTests.bytes("test.elf")), "etc/motd": .file("hello\n")],
            ["usr/local/bin/bbolt": .bytes(try GoBinaryTests.bytes("semver-main-module-version.macho"))],
        ])
        let image = try ImageArchive.open(archive.path)
        let walker = LayerWalker(analyzers: [Programs()])
        var targets: [InventoryTarget] = []
        try image.forEachLayer { _, reader in
            let analysis = try walker.analyze(reader, diffID: nil, location: "test")
            for file in analysis.files {
                guard case .file(.raw(let bytes)) = file.node,
                    let info = try GoBinaryParser.buildInfo(bytes, path: file.path)
                else { continue }
                targets.append(
                    InventoryTarget(
                        kind: .languagePackages, name: file.path, type: "gobinary",
                        packages: GoBinaryParser.packages(info, path: file.path)))
            }
        }
        #expect(targets.map(\.name) == ["usr/local/bin/app", "usr/local/bin/bbolt"])
        let result = try Matcher(source: try VulnerabilityDatabase.open(path: database))
            .match(Inventory(operatingSystem: nil, targets: targets))
        var ours: Set<String> = []
        for finding in result.allFindings {
            for id in finding.allIDs where id.hasPrefix("GO-") {
                ours.insert("\(id) \(finding.package.name) \(finding.package.version)")
            }
        }

        // The packages, as `go version -m` lists them for these two files (checked in GoBinaryTests).
        let packages = [
            "stdlib 1.15.2", "github.com/aquasecurity/go-pep440-version v0.0.0-20210121094942-22b2f8951d46",
            "github.com/aquasecurity/go-version v0.0.0-20210121072130-637058cfe492",
            "golang.org/x/xerrors v0.0.0-20200804184101-5ec99f83aff1", "go.etcd.io/bbolt v1.3.5", "stdlib 1.20.6",
        ]
        let script = """
            import sys, json, os
            from univers.versions import GolangVersion
            folder, packages = sys.argv[1], [p.split(' ') for p in sys.argv[2:]]
            def v(text):
                return GolangVersion(text if text.startswith('v') else 'v' + text)
            for name in sorted(os.listdir(folder)):
                record = json.load(open(os.path.join(folder, name)))
                if record.get('withdrawn'):
                    continue
                for affected in record.get('affected', []):
                    for pname, pversion in packages:
                        if affected['package']['name'] != pname:
                            continue
                        hit = pversion.lstrip('v') in [x.lstrip('v') for x in affected.get('versions', [])]
                        for r in affected.get('ranges', []):
                            if r['type'] != 'SEMVER':
                                continue
                            state = False
                            events = []
                            for e in r['events']:
                                kind, value = next(iter(e.items()))
                                events.append((v('0.0.0') if value == '0' else v(value), kind))
                            order = {'introduced': 0, 'fixed': 1, 'last_affected': 2}
                            for value, kind in sorted(events, key=lambda x: (x[0], order[x[1]])):
                                if kind == 'introduced' and v(pversion) >= value:
                                    state = True
                                elif kind == 'fixed' and v(pversion) >= value:
                                    state = False
                                elif kind == 'last_affected' and v(pversion) > value:
                                    state = False
                            hit = hit or state
                        if hit:
                            shown = pversion if pname != 'stdlib' else 'v' + pversion
                            print(record['id'], pname, shown)
            """
        let output = try CatalogFixtures.run("python3", ["-c", script, records.path] + packages)
        let oracle = Set(String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init))
        #expect(ours == oracle)
        #expect(oracle.count >= 10)  // the chosen records do hit: stdlib 1.15.2 predates most 2021 fixes
        // GO-2026-4923 (bbolt) is withdrawn: neither side may report it.
        #expect(!ours.contains { $0.hasPrefix("GO-2026-4923") })
    }
}

/// The default image analyzers find programs by content and jars by name, in any folder.
@Suite struct GoDefaultCatalogTests {
    @Test(
        .enabled(
            if: Shared.available(GoBinaryTests.folder) && Shared.available(RustTests.binaryFolder)
                && Shared.available(JavaArchiveTests.folder)))
    func imageCatalogerFindsProgramsAndJars() throws {
        let rust = try Shared.bytes(try Shared.file("\(RustTests.binaryFolder)/test.elf"))
        let war = try Shared.bytes(try Shared.file("\(JavaArchiveTests.folder)/test.war"))
        let archive = try ImageFixtures.dockerArchive(layers: [
            ["usr/local/bin/app": .bytes(try GoBinaryTests.bytes("test.elf")), "usr/bin/rusty": .bytes(rust)],
            ["opt/tomcat/webapps/test.war": .bytes(war), "usr/local/bin/script": .file("#!/bin/sh\n")],
        ])
        let result = try ImageCataloger().catalog(try ImageArchive.open(archive.path), artifactName: "test")
        let targets = Dictionary(uniqueKeysWithValues: result.inventory.targets.map { ($0.name, $0) })
        #expect(targets["usr/local/bin/app"]?.type == "gobinary")
        #expect(targets["usr/local/bin/app"]?.packages.map(\.id).contains("stdlib@v1.15.2") == true)
        #expect(targets["usr/bin/rusty"]?.type == "rustbinary")
        #expect(targets["usr/bin/rusty"]?.packages.map(\.id) == ["crate_with_features@0.1.0", "library_crate@0.1.0"])
        #expect(targets["opt/tomcat/webapps/test.war"]?.type == "jar")
        #expect(targets["opt/tomcat/webapps/test.war"]?.packages.contains { $0.name == "com.example:web-app" } == true)
        #expect(targets["usr/local/bin/script"] == nil)
        #expect(result.inventory.warnings.isEmpty)
    }

    /// In a root filesystem, a program outside the usual folders is found through its executable bit;
    /// the same bytes without the bit are not read. A project directory (`fs`) reads build files only.
    @Test(.enabled(if: Shared.available(GoBinaryTests.folder) && Shared.available(GoModTests.folder)))
    func rootfsFindsProgramsByModeAndFsReadsGoMod() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-rootfs-go")
        defer { try? FileManager.default.removeItem(at: root) }
        let program = try GoBinaryTests.bytes("test.elf")
        for (path, mode) in [("opt/app/server", 0o755), ("opt/app/copy.bin", 0o644)] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(program).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        }
        try Data(try GoModTests.bytes("replaced/go.mod")).write(to: root.appendingPathComponent("opt/app/go.mod"))
        let rootfs = try DirectoryCataloger(mode: .rootfs).catalog(directory: root.path)
        #expect(rootfs.inventory.targets.map(\.name).sorted() == ["opt/app/go.mod", "opt/app/server"])
        #expect(rootfs.inventory.targets.first { $0.name == "opt/app/server" }?.type == "gobinary")
        let fs = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        #expect(fs.inventory.targets.map(\.name) == ["opt/app/go.mod"])
        #expect(fs.inventory.targets.first?.type == "gomod")
    }
}
