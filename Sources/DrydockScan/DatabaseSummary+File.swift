import DrydockPolicy
import DrydockVulnDB
import Foundation

extension DatabaseSummary {
    /// The report's DB facts for the DB file at `path`: digest and next update from its `metadata.json` when
    /// that describes this DB (same build time), else the digest computed from the file. The schema version
    /// is the one this drydock reads (`VulnerabilityDatabase.open` refuses any other).
    public static func of(path: String, builtAt: Date?) -> DatabaseSummary {
        let metadata = try? DatabaseMetadata.read(forDatabase: path)
        let matching = metadata.flatMap { $0.builtAt == builtAt ? $0 : nil }
        let digest = matching?.digest ?? (try? DatabaseMetadata.digest(ofFile: path))
        return DatabaseSummary(
            path: path, schemaVersion: DatabaseSchema.version, builtAt: builtAt, digest: digest,
            nextUpdate: matching?.nextUpdate)
    }
}
