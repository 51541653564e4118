import DrydockModel
import Foundation

/// Parses the JVM build tools' lockfiles: Gradle's `gradle.lockfile` (Trivy type `gradle`) and sbt's
/// `*.sbt.lock` (Trivy type `sbt`).
public enum JavaLockfileParser {
    /// `GROUP:ARTIFACT:VERSION=configurations` lines; `#` comments and the `empty=` line are skipped, as
    /// are lines of another shape (with a warning). Every configuration counts, test ones included.
    public static func parseGradle(_ bytes: [UInt8], path: String) -> (packages: [Package], warnings: [CatalogWarning])
    {
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for (index, raw) in String(decoding: bytes, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline
        )
        .enumerated() {
            let line = raw.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("empty=") { continue }
            let coordinate = line.prefix { $0 != "=" }
            let parts = coordinate.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
                warnings.append(
                    CatalogWarning(path: path, line: index + 1, message: "not GROUP:ARTIFACT:VERSION=…; ignored"))
                continue
            }
            packages.append(
                MavenArtifact(groupID: String(parts[0]), artifactID: String(parts[1]), version: String(parts[2]))
                    .package(filePath: path))
        }
        return (packages, warnings)
    }

    /// sbt-dependency-lock's JSON (`lockVersion` 1): dependencies whose `configurations` include `compile`
    /// or `runtime` (test-only ones are left out, as Trivy does). Throws `CatalogError`
    /// (`malformed-database`) when the JSON does not have that shape.
    public static func parseSbt(_ bytes: [UInt8], path: String) throws(CatalogError) -> [Package] {
        struct Lock: Decodable {
            struct Dependency: Decodable {
                var org: String
                var name: String
                var version: String
                var configurations: [String]?
            }
            var lockVersion: Int?
            var dependencies: [Dependency]?
        }
        let lock: Lock
        do {
            lock = try JSONDecoder().decode(Lock.self, from: Data(bytes))
        } catch {
            throw CatalogError(
                code: .malformedDatabase, reason: "not an sbt lockfile", location: path,
                underlying: String(describing: error))
        }
        return (lock.dependencies ?? []).filter { dependency in
            let configurations = dependency.configurations ?? ["compile"]
            return configurations.contains("compile") || configurations.contains("runtime")
        }.map { MavenArtifact(groupID: $0.org, artifactID: $0.name, version: $0.version).package(filePath: path) }
    }
}
