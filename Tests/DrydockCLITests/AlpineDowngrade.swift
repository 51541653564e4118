import DrydockTestSupport
import Foundation

/// Builds a two-layer Alpine image from a real one whose installed versions are moved back to
/// versions the release's secdb lists as fixes, so that some advisories apply and some are fixed
/// exactly at the installed version (the boundary). The second layer "upgrades" one package back,
/// so the merged DB differs from the first layer's.
enum AlpineDowngrade {
    static func image(from fixture: URL, secdb: URL) throws -> URL {
        let work = try PackagePaths.temporaryDirectory("alpine-downgrade")
        try ImageFixtures.run("tar", ["-xzf", fixture.path, "-C", work.path])
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: work.appendingPathComponent("manifest.json")))
        guard let layer = ((manifest as? [[String: Any]])?.first?["Layers"] as? [String])?.first else {
            throw CLI.ProcessFailure(description: "no layer in \(fixture.path)")
        }
        let root = work.appendingPathComponent("root")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let wanted = ["lib/apk/db/installed", "etc/alpine-release", "etc/os-release"]
        try ImageFixtures.run("tar", ["-xf", work.appendingPathComponent(layer).path, "-C", root.path] + wanted)
        func text(_ path: String) throws -> String {
            String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
        }
        let release = try text("etc/alpine-release").split(separator: ".").prefix(2).joined(separator: ".")
        let fixes = try fixVersions(secdb.appendingPathComponent("v\(release)"))
        let installed = try text("lib/apk/db/installed")
        let downgraded = rewrite(installed, fixes: fixes)
        let base: [String: FileSpec] = [
            "etc/alpine-release": .file(try text("etc/alpine-release")),
            "etc/os-release": .file(try text("etc/os-release")),
            "lib/apk/db/installed": .file(downgraded.text),
        ]
        let upgrade: [String: FileSpec] = [
            "lib/apk/db/installed": .file(rewrite(installed, fixes: fixes, keep: downgraded.first).text)
        ]
        return try ImageFixtures.dockerArchive(layers: [base, upgrade], gzipLayers: true)
    }

    /// origin -> secdb fixed versions (sorted as text, "0" left out).
    static func fixVersions(_ directory: URL) throws -> [String: [String]] {
        var fixes: [String: Set<String>] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            let object = try JSONSerialization.jsonObject(
                with: Data(contentsOf: directory.appendingPathComponent(name)))
            for entry in (object as? [String: Any])?["packages"] as? [[String: Any]] ?? [] {
                guard let pkg = entry["pkg"] as? [String: Any], let origin = pkg["name"] as? String else { continue }
                for version in (pkg["secfixes"] as? [String: Any] ?? [:]).keys where version != "0" {
                    fixes[origin, default: []].insert(version)
                }
            }
        }
        return fixes.mapValues { $0.sorted() }
    }

    /// Rewrites each package's `V:` to the lowest (as text) secdb fix of its origin, except the origin `keep`.
    static func rewrite(_ installed: String, fixes: [String: [String]], keep: String? = nil) -> (
        text: String, first: String?
    ) {
        var firstChanged: String?
        let stanzas = installed.components(separatedBy: "\n\n").map { stanza -> String in
            let lines = stanza.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let origin = lines.first { $0.hasPrefix("o:") }.map { String($0.dropFirst(2)) }
            guard let origin, origin != keep, let versions = fixes[origin], !versions.isEmpty else { return stanza }
            if firstChanged == nil { firstChanged = origin }
            let target = versions[0]
            return lines.map { $0.hasPrefix("V:") ? "V:\(target)" : $0 }.joined(separator: "\n")
        }
        return (stanzas.joined(separator: "\n\n"), firstChanged)
    }
}
