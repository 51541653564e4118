import Crypto
import DrydockModel
import Foundation

/// The identifiers Trivy's JSON report carries, computed the way Trivy computes them so that tools that
/// deduplicate on them (DefectDojo's `Fingerprint`, dashboards keyed on `ArtifactID`) see stable values.
///
/// Every one is a pure function of the report's content: two scans of the same image give the same IDs, and
/// re-rendering a saved report gives them again.
enum ReportIdentity {
    /// `sha256:` + hex SHA-256 of `text`.
    static func sha256(_ text: String) -> String {
        "sha256:" + SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Trivy's `ArtifactID`: for an image, SHA-256 of `IMAGE-ID:REGISTRY/REPOSITORY` (the tag and digest left
    /// out, so every tag of one image in one repository has one ID), the image ID alone when no repository
    /// is known; empty for other artifacts.
    static func artifactID(_ artifact: ArtifactMetadata) -> String? {
        guard artifact.type == "container_image", let imageID = artifact.imageID, !imageID.isEmpty else { return nil }
        guard let reference = reference(artifact), let repository = repositoryContext(reference) else {
            return imageID
        }
        return sha256("\(imageID):\(repository)")
    }

    /// Trivy's `Metadata.Reference`: the image's first repository tag, else its first repository digest.
    static func reference(_ artifact: ArtifactMetadata) -> String? {
        guard artifact.type == "container_image" else { return nil }
        return artifact.repoTags.first ?? artifact.repoDigests.first
    }

    /// `registry/repository` of an image reference, as Docker normalises it: `alpine:3.10` →
    /// `index.docker.io/library/alpine`, `ghcr.io/org/app:1` → `ghcr.io/org/app`.
    static func repositoryContext(_ reference: String) -> String? {
        var name = Substring(reference)
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") { name = name[..<colon] }
        guard !name.isEmpty else { return nil }
        var parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let first = parts[0]
        let hasRegistry = parts.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        var registry = "index.docker.io"
        if hasRegistry {
            registry = first == "docker.io" ? "index.docker.io" : first
            parts.removeFirst()
        }
        if registry == "index.docker.io", parts.count == 1 { parts.insert("library", at: 0) }
        return ([registry] + parts).joined(separator: "/").lowercased()
    }

    /// Trivy's vulnerability `Fingerprint`: SHA-256 of `ARTIFACT-ID:TARGET:PKG-ID:VULNERABILITY-ID`.
    static func fingerprint(artifactID: String?, target: String, packageID: String, vulnerabilityID: String)
        -> String
    {
        sha256("\(artifactID ?? ""):\(target):\(packageID):\(vulnerabilityID)")
    }

    /// `PkgIdentifier.UID`: 16 hex digits naming one package of one target (FNV-1a over the target, the
    /// package ID, purl, `PkgPath` and layer), stable across runs. Trivy hashes its package struct; the value
    /// is opaque to consumers, who only compare it.
    static func packageUID(_ package: Package, target: String, path: String?) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let fields = [target, package.id, package.purl ?? "", path ?? "", package.layer?.diffID ?? ""]
        for field in fields {
            for byte in field.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Trivy's `ReportID`: a UUID version 7 whose time is `createdAt` and whose other bits come from a hash of
    /// the artifact, so one report keeps one ID however often it is rendered.
    static func reportID(createdAt: Date, artifact: ArtifactMetadata) -> String {
        let milliseconds = UInt64(max(0, (createdAt.timeIntervalSince1970 * 1000).rounded()))
        let seed = SHA256.hash(data: Array("\(artifact.name)\n\(artifact.imageID ?? "")\n\(milliseconds)".utf8))
        var bytes = Array(seed.prefix(16))
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }
}
