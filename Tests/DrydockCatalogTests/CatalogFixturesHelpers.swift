import DrydockTestSupport
import Foundation

/// Oracle commands used by the catalog tests.
enum CatalogFixturesHelpers {
    /// Extracts `paths` from every layer of a docker-archive with the system `tar`; returns the root.
    static func extract(_ archive: URL, paths: [String]) throws -> URL {
        try CatalogFixtures.extractFromImage(archive, paths: paths)
    }

    /// The lines of `file` matching the basic regular expression `pattern`, by the system `grep`.
    static func grep(_ pattern: String, in file: URL) throws -> [Substring] {
        let output: [UInt8]
        do {
            output = try CatalogFixtures.run("grep", ["-a", pattern, file.path])
        } catch {
            return []  // grep exits 1 when nothing matches
        }
        return String(decoding: output, as: UTF8.self).split(separator: "\n")
    }
}
