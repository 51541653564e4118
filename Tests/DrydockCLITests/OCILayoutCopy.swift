import Foundation
import Testing

/// Copies of a test OCI layout that hold one of its images under another name, as `docker save`, a local engine
/// or `skopeo copy … oci:` would give it.
enum OCILayoutCopy {
    /// A copy of `layout` (next to it) whose index lists only the manifest `digest`, named `refName`
    /// (`org.opencontainers.image.ref.name`: a bare tag, or a full `registry/repository:tag`); its path.
    static func single(_ layout: URL, digest: String, refName: String) throws -> String {
        let target = layout.deletingLastPathComponent().appendingPathComponent("layout-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: layout, to: target)
        let indexURL = target.appendingPathComponent("index.json")
        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: indexURL)) as? [String: Any])
        let manifests = try #require(index["manifests"] as? [[String: Any]])
        var entry = try #require(manifests.first { $0["digest"] as? String == digest }, "\(digest) in \(layout.path)")
        entry["annotations"] = ["org.opencontainers.image.ref.name": refName]
        let rewritten: [String: Any] = ["schemaVersion": 2, "manifests": [entry]]
        try JSONSerialization.data(withJSONObject: rewritten).write(to: indexURL)
        return target.path
    }
}
