import DrydockCatalog
import DrydockModel

/// Test helpers shared by the catalog tests.
enum Samples {
    /// Walks each layer (base first) with the default analyzers and merges them as `artifactName`.
    static func catalog(_ layers: [[MemoryLayer.Member]], artifactName: String = "test:1") throws -> CatalogResult {
        let walker = LayerWalker(analyzers: ImageCataloger.defaultAnalyzers)
        var analyses: [LayerAnalysis] = []
        var references: [LayerReference] = []
        for (index, members) in layers.enumerated() {
            analyses.append(
                try walker.analyze(MemoryLayer(members), diffID: "sha256:\(index)", location: "layer \(index)"))
            references.append(LayerReference(diffID: "sha256:\(index)"))
        }
        return LayerMerger.merge(analyses, references: references, artifactName: artifactName)
    }

    /// Imitates Alpine 3.10's `lib/apk/db/installed` records (fields trimmed to the ones that matter).
    static func apkRecord(
        _ name: String, _ version: String, origin: String? = nil, license: String = "MIT",
        files: [String: [String]] = [:]
    ) -> String {
        var lines = [
            "C:Q1abcdefghijklmnopqrstuvwxyz01=", "P:\(name)", "V:\(version)", "A:x86_64", "S:1024", "I:4096",
            "T:test package \(name)", "U:https://example.org/", "L:\(license)", "o:\(origin ?? name)",
            "m:Natanael Copa <ncopa@alpinelinux.org>", "t:1565162130", "c:0c777cf840e82cdc528651e3f3f8f9dda6b1b028",
        ]
        for folder in files.keys.sorted() {
            lines.append("F:\(folder)")
            for file in files[folder] ?? [] {
                lines += ["R:\(file)", "a:0:0:755", "Z:Q1TTLtUopPeiF9JrA0cgKQZYggG+c="]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An installed database of `records` (blank-line separated, trailing blank line like apk writes).
    static func apkDatabase(_ records: [String]) -> String {
        records.joined(separator: "\n") + "\n"
    }

    /// Imitates one stanza of Debian 12's `var/lib/dpkg/status`.
    static func dpkgStanza(
        _ name: String, _ version: String, source: String? = nil, arch: String = "amd64",
        status: String? = "install ok installed"
    ) -> String {
        var lines = ["Package: \(name)"]
        if let status { lines.append("Status: \(status)") }
        lines += [
            "Priority: required", "Section: libs", "Installed-Size: 100",
            "Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>", "Architecture: \(arch)",
            "Multi-Arch: same",
        ]
        if let source { lines.append("Source: \(source)") }
        lines += [
            "Version: \(version)", "Depends: libgcc-s1", "Description: test package \(name)",
            " A longer description that continues", " .", " over several lines.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static let alpineOSRelease = """
        NAME="Alpine Linux"
        ID=alpine
        VERSION_ID=3.10.4
        PRETTY_NAME="Alpine Linux v3.10"
        HOME_URL="https://alpinelinux.org/"
        BUG_REPORT_URL="https://bugs.alpinelinux.org/"

        """

    static let debianOSRelease = """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        VERSION="12 (bookworm)"
        VERSION_CODENAME=bookworm
        ID=debian
        HOME_URL="https://www.debian.org/"

        """
}
