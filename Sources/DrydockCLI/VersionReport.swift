import DrydockReport
import DrydockVulnDB
import Foundation

/// What `drydock --version` and `drydock version` print: the release, the commit, the DB schema this build
/// reads, and the DB the cache holds (from its `metadata.json`, without opening the DB).
struct VersionReport {
    /// The DB file looked at.
    var databasePath: String
    /// Its metadata, when the file and its `metadata.json` exist.
    var metadata: DatabaseMetadata?
    /// Why the metadata could not be read, when it exists but is malformed.
    var problem: String?

    /// Reads the metadata of the DB at `databasePath`.
    init(databasePath: String) {
        self.databasePath = databasePath
        guard FileManager.default.fileExists(atPath: databasePath) else { return }
        do {
            metadata = try DatabaseMetadata.read(forDatabase: databasePath)
        } catch {
            problem = error.description
        }
    }

    /// The text form, in Trivy's layout with Drydock's additions.
    var text: String {
        var lines = ["Version: \(BuildInfo.version)", "Commit: \(BuildInfo.commit ?? "none (development build)")"]
        lines.append("Vulnerability DB:")
        lines.append("  Schema read: \(DatabaseSchema.version)")
        lines.append("  Path: \(databasePath)")
        if let metadata {
            lines.append("  Version: \(metadata.schemaVersion)")
            lines.append("  UpdatedAt: \(Timestamp.format(metadata.builtAt))")
            lines.append("  NextUpdate: \(Timestamp.format(metadata.nextUpdate))")
            lines.append("  Digest: \(metadata.digest)")
        } else if let problem {
            lines.append("  Unreadable: \(problem)")
        } else if FileManager.default.fileExists(atPath: databasePath) {
            lines.append("  No metadata.json beside it (made by an older build); run `drydock db info`")
        } else {
            lines.append("  Not downloaded yet: run `drydock db update` (or any scan)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON form: Trivy's `Version` and `VulnerabilityDB` keys, with Drydock's `Commit` and `SchemaRead`.
    var json: String {
        var database = JSONObjectBuilder()
        database.add("SchemaRead", .int(Int64(DatabaseSchema.version)))
        database.add("Path", .string(databasePath))
        if let metadata {
            database.add("Version", .int(Int64(metadata.schemaVersion)))
            database.add("UpdatedAt", .string(Timestamp.format(metadata.builtAt)))
            database.add("NextUpdate", .string(Timestamp.format(metadata.nextUpdate)))
            database.add("Digest", .string(metadata.digest))
        }
        var object = JSONObjectBuilder()
        object.add("Version", .string(BuildInfo.version))
        object.add("Commit", string: BuildInfo.commit)
        object.add("VulnerabilityDB", database.value)
        return String(decoding: JSONWriter.write(object.value), as: UTF8.self)
    }
}
