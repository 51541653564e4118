import Foundation

/// The OCI artifact a DB is published as: an OCI image manifest whose config is the DB's
/// `metadata.json` and whose one layer is the `db export` bundle (a tar of `drydock.db` and
/// `metadata.json`, gzip-compressed), with annotations that let a puller check the DB before downloading it.
///
/// Pure: `manifest(…)` builds the manifest bytes, `parse(_:location:)` reads them back.
public enum DatabaseArtifact {
    /// The manifest's `artifactType`.
    public static let artifactType = "application/vnd.drydock.db.v1"
    /// The config blob's media type: the DB's `metadata.json`.
    public static let configMediaType = "application/vnd.drydock.db.config.v1+json"
    /// The layer's media type: a gzip-compressed `db export` bundle (what `db push` writes).
    public static let layerMediaType = "application/vnd.drydock.db.layer.v1.tar+gzip"
    /// The layer's media type for an uncompressed bundle (what earlier versions pushed; still pulled).
    public static let uncompressedLayerMediaType = "application/vnd.drydock.db.layer.v1.tar"
    /// Annotation: `sha256:` of `drydock.db` inside the bundle.
    public static let databaseDigestAnnotation = "dev.drydock.db.digest"
    /// Annotation: the DB's schema version (decimal).
    public static let schemaVersionAnnotation = "dev.drydock.db.schema-version"
    /// Annotation: the DB's build time (RFC 3339), the standard OCI creation annotation.
    public static let builtAtAnnotation = "org.opencontainers.image.created"
    /// The layer's file name annotation (what `oras pull` would write).
    public static let titleAnnotation = "org.opencontainers.image.title"
    /// The bundle's file name.
    public static let bundleFileName = "drydock-db.tar.gz"

    /// A content descriptor: media type, digest and size.
    public struct Descriptor: Sendable, Hashable {
        /// The blob's media type.
        public var mediaType: String
        /// `sha256:<hex>` of the blob.
        public var digest: String
        /// The blob's size in bytes.
        public var size: Int64

        /// A descriptor from its parts.
        public init(mediaType: String, digest: String, size: Int64) {
            self.mediaType = mediaType
            self.digest = digest
            self.size = size
        }
    }

    /// What a DB artifact's manifest says.
    public struct Manifest: Sendable, Hashable {
        /// The config blob (`metadata.json`).
        public var config: Descriptor
        /// The bundle layer.
        public var bundle: Descriptor
        /// `sha256:` of the DB file, from the annotation.
        public var databaseDigest: String
        /// The DB's schema version, from the annotation.
        public var schemaVersion: Int
        /// The DB's build time, from the annotation, when readable.
        public var builtAt: Date?
    }

    /// The manifest bytes (keys sorted, so pushing the same DB twice gives the same digest).
    public static func manifest(metadata: DatabaseMetadata, config: Descriptor, bundle: Descriptor) -> [UInt8] {
        func descriptor(_ value: Descriptor, annotations: [String: String]? = nil) -> [String: Any] {
            var object: [String: Any] = ["mediaType": value.mediaType, "digest": value.digest, "size": value.size]
            if let annotations { object["annotations"] = annotations }
            return object
        }
        let object: [String: Any] = [
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "artifactType": artifactType,
            "config": descriptor(config),
            "layers": [descriptor(bundle, annotations: [titleAnnotation: bundleFileName])],
            "annotations": [
                databaseDigestAnnotation: metadata.digest,
                schemaVersionAnnotation: String(metadata.schemaVersion),
                builtAtAnnotation: Timestamp.format(metadata.builtAt),
            ],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Array(data)
    }

    /// Reads a DB artifact's manifest; throws `verificationFailed` when it is not one.
    public static func parse(_ bytes: [UInt8], location: String) throws(VulnDBError) -> Manifest {
        func refuse(_ why: String) -> VulnDBError {
            VulnDBError(code: .verificationFailed, reason: "not a Drydock DB artifact: \(why)", location: location)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw refuse("the manifest is not a JSON object")
        }
        func descriptor(_ value: Any?) -> Descriptor? {
            guard let fields = value as? [String: Any], let mediaType = fields["mediaType"] as? String,
                let digest = fields["digest"] as? String, let size = (fields["size"] as? NSNumber)?.int64Value
            else { return nil }
            return Descriptor(mediaType: mediaType, digest: digest, size: size)
        }
        guard let config = descriptor(object["config"]), config.mediaType == configMediaType else {
            throw refuse("its config is not of type \(configMediaType) (is it an image?)")
        }
        let layers = (object["layers"] as? [Any] ?? []).compactMap(descriptor)
        guard
            let bundle = layers.first(where: {
                $0.mediaType == layerMediaType || $0.mediaType == uncompressedLayerMediaType
            })
        else {
            throw refuse("no layer of type \(layerMediaType) or \(uncompressedLayerMediaType)")
        }
        let annotations = object["annotations"] as? [String: String] ?? [:]
        guard let databaseDigest = annotations[databaseDigestAnnotation], databaseDigest.hasPrefix("sha256:") else {
            throw refuse("no \(databaseDigestAnnotation) annotation")
        }
        guard let schema = annotations[schemaVersionAnnotation].flatMap({ Int($0) }) else {
            throw refuse("no \(schemaVersionAnnotation) annotation")
        }
        return Manifest(
            config: config, bundle: bundle, databaseDigest: databaseDigest, schemaVersion: schema,
            builtAt: annotations[builtAtAnnotation].flatMap(Timestamp.parse))
    }
}
