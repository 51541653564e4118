import DrydockPolicy
import Foundation

/// Writes Drydock's SBOMs and reports as in-toto attestation predicates, or as whole unsigned in-toto statements
/// (v1) about an image, for `drydock attest`: what `cosign attest --predicate FILE --type TYPE IMAGE` and
/// `cosign attest-blob --statement FILE` sign.
///
/// Pure: the rendered report in, bytes out. Nothing is signed here.
public enum InTotoStatementWriter {
    /// `_type` of the statements written.
    public static let statementType = "https://in-toto.io/Statement/v1"

    /// What a statement is about: an image by its repository and digest.
    public struct Subject: Sendable, Hashable {
        /// The repository, as cosign names the subject (`registry.example/team/app`).
        public var name: String
        /// The lowercase hexadecimal SHA-256 of the image's manifest (or index).
        public var sha256: String

        public init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }

        /// The subject of `name@sha256:HEX` (a repo digest as `ArtifactMetadata.repoDigests` holds it).
        public init?(repoDigest: String) {
            guard let at = repoDigest.lastIndex(of: "@") else { return nil }
            let digest = repoDigest[repoDigest.index(after: at)...]
            guard digest.hasPrefix("sha256:") else { return nil }
            let hex = digest.dropFirst("sha256:".count)
            guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
            self.init(name: String(repoDigest[..<at]), sha256: String(hex))
        }
    }

    /// The statement `{"_type", "subject", "predicateType", "predicate"}` around `predicate` (JSON text).
    public static func statement(predicate: [UInt8], predicateType: String, subject: Subject)
        throws(JSONParseError) -> [UInt8]
    {
        let value = try JSONParser.parse(predicate)
        let subjectValue = JSONValue.object([
            ("name", .string(subject.name)), ("digest", .object([("sha256", .string(subject.sha256))])),
        ])
        return JSONWriter.write(
            .object([
                ("_type", .string(statementType)), ("subject", .array([subjectValue])),
                ("predicateType", .string(predicateType)), ("predicate", value),
            ]))
    }

    /// cosign's vulnerability scan predicate (`https://cosign.sigstore.dev/attestation/vuln/v1`, the layout of
    /// cosign's `CosignVulnPredicate` that Trivy's `--format cosign-vuln` writes): `scanner.result` is the JSON
    /// report `report` (Trivy's schema), `scanner.db` the vulnerability DB's digest and build time.
    public static func vulnerabilityPredicate(
        report: [UInt8], toolVersion: String, database: DatabaseSummary?, startedAt: Date, finishedAt: Date
    ) throws(JSONParseError) -> [UInt8] {
        let result = try JSONParser.parse(report)
        let invocation = JSONValue.object([
            ("parameters", .null), ("uri", .string("")), ("event_id", .string("")), ("builder.id", .string("")),
        ])
        let db = JSONValue.object([
            ("uri", .string(database?.digest ?? "")),
            ("version", .string(database?.builtAt.map(ReportFields.timestamp) ?? "")),
        ])
        let scanner = JSONValue.object([
            ("uri", .string("pkg:generic/drydock@\(toolVersion)")), ("version", .string(toolVersion)), ("db", db),
            ("result", result),
        ])
        let metadata = JSONValue.object([
            ("scanStartedOn", .string(ReportFields.timestamp(startedAt))),
            ("scanFinishedOn", .string(ReportFields.timestamp(finishedAt))),
        ])
        return JSONWriter.write(.object([("invocation", invocation), ("scanner", scanner), ("metadata", metadata)]))
    }
}
