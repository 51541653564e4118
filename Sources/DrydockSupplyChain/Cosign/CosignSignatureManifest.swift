import Foundation

/// Image signatures stored the way cosign stores them: an OCI manifest tagged `sha256-<digest>.sig` in the
/// image's repository, one layer per signature, each layer a simple-signing payload with the signature, the
/// certificate, its chain and the Rekor evidence in annotations.
///
/// Pure: the registry client fetches the manifest and the layers; this reads them.
public enum CosignSignatureManifest {
    /// The media type of a signature layer (a simple-signing payload).
    public static let simpleSigningMediaType = "application/vnd.dev.cosign.simplesigning.v1+json"

    /// The tag cosign stores an image's signatures under: `sha256-<hex>.sig` for `sha256:<hex>`.
    public static func signatureTag(forManifestDigest digest: String) -> String? {
        guard let separator = digest.firstIndex(of: ":"), digest[..<separator] == "sha256" else { return nil }
        return "sha256-\(digest[digest.index(after: separator)...]).sig"
    }

    /// The media type of an attestation layer (a DSSE envelope), under the `sha256-<digest>.att` tag.
    public static let dsseMediaType = "application/vnd.dsse.envelope.v1+json"

    /// The tag cosign stores an image's attestations under: `sha256-<hex>.att`.
    public static func attestationTag(forManifestDigest digest: String) -> String? {
        signatureTag(forManifestDigest: digest).map { String($0.dropLast(".sig".count)) + ".att" }
    }

    /// The signature layers (simple-signing payloads) and attestation layers (DSSE envelopes) of a signature
    /// or attestation manifest; other layers are skipped.
    public static func layers(_ manifest: [UInt8], source: String) throws(SupplyChainError) -> [CosignSignatureLayer] {
        let root = try JSONFields.parse(manifest, path: source)
        var result: [CosignSignatureLayer] = []
        for layer in try root.objects("layers") {
            let mediaType = try layer.optionalString("mediaType")
            guard mediaType == simpleSigningMediaType || mediaType == dsseMediaType else { continue }
            let isEnvelope = mediaType == dsseMediaType
            let annotations = try layer.optionalObject("annotations")
            // An attestation's signature is inside its envelope; cosign writes an empty annotation.
            let signature = try annotations?.optionalString("dev.cosignproject.cosign/signature") ?? ""
            guard let signatureBytes = Base64.decode(signature), isEnvelope || !signatureBytes.isEmpty else {
                throw .malformed("a signature layer has no base64 'dev.cosignproject.cosign/signature'", at: layer.path)
            }
            var evidence: CosignSignatureLayer.RekorEvidence?
            if let text = try annotations?.optionalString("dev.sigstore.cosign/bundle") {
                evidence = try CosignSignatureLayer.RekorEvidence.parse(Array(text.utf8), at: "\(layer.path).bundle")
            }
            result.append(
                CosignSignatureLayer(
                    digest: try layer.string("digest"), isEnvelope: isEnvelope,
                    predicateType: try annotations?.optionalString("predicateType"), signature: signatureBytes,
                    certificate: try annotations?.optionalString("dev.sigstore.cosign/certificate"),
                    chain: try annotations?.optionalString("dev.sigstore.cosign/chain"), rekor: evidence))
        }
        return result
    }
}

/// One cosign signature: the layer's payload digest, signature, certificate (PEM, keyless signatures) and its
/// chain, and the Rekor evidence cosign recorded when it signed.
public struct CosignSignatureLayer: Sendable, Hashable {
    /// The layer (simple-signing payload or DSSE envelope) digest.
    public var digest: String
    /// Whether the layer is a DSSE envelope (an attestation) rather than a simple-signing payload.
    public var isEnvelope: Bool = false
    /// The attestation's predicate type, as cosign's `predicateType` annotation states it.
    public var predicateType: String?
    public var signature: [UInt8]
    /// PEM certificate and chain, for keyless signatures.
    public var certificate: String?
    public var chain: String?
    public var rekor: RekorEvidence?

    /// cosign's `dev.sigstore.cosign/bundle` annotation: Rekor's signed entry timestamp and what it covers.
    public struct RekorEvidence: Sendable, Hashable {
        public var signedEntryTimestamp: [UInt8]
        public var body: [UInt8]
        public var integratedTime: Int64
        public var logIndex: Int64
        public var logID: [UInt8]

        static func parse(_ bytes: [UInt8], at location: String) throws(SupplyChainError) -> RekorEvidence {
            let root = try JSONFields.parse(bytes, path: location)
            let payload = try root.object("Payload")
            guard let logID = hexBytes(try payload.string("logID")) else {
                throw .malformed("the log ID is not hexadecimal", at: "\(location).Payload.logID")
            }
            return RekorEvidence(
                signedEntryTimestamp: try root.bytes("SignedEntryTimestamp"), body: try payload.bytes("body"),
                integratedTime: try payload.int64("integratedTime"), logIndex: try payload.int64("logIndex"),
                logID: logID)
        }
    }

    /// The signature as a Sigstore bundle (version 0.1 semantics: the signed entry timestamp is the log
    /// evidence), to verify with ``BundleVerifier`` against the payload's bytes; for an attestation layer,
    /// `payload` is the DSSE envelope and becomes the bundle's content.
    public func bundle(payload: [UInt8] = []) throws(SupplyChainError) -> SigstoreBundle {
        let key: SigstoreBundle.KeyMaterial
        if let certificate {
            var ders: [[UInt8]] = []
            var rest = Substring(certificate + "\n" + (chain ?? ""))
            while let block = PEMBlock(String(rest)), let end = rest.range(of: "-----END \(block.label)-----") {
                ders.append(block.der)
                rest = rest[end.upperBound...]
            }
            guard !ders.isEmpty else { throw .malformed("the certificate annotation is not PEM", at: digest) }
            key = .certificates(ders)
        } else {
            key = .publicKey(hint: nil)
        }
        var entries: [TransparencyLogEntry] = []
        if let rekor {
            let kind = (try? JSONFields.parse(rekor.body, path: digest)).flatMap { try? $0.optionalString("kind") }
            let version = (try? JSONFields.parse(rekor.body, path: digest)).flatMap {
                try? $0.optionalString("apiVersion")
            }
            entries.append(
                TransparencyLogEntry(
                    logIndex: rekor.logIndex, logID: rekor.logID, kind: kind ?? "", kindVersion: version ?? "",
                    integratedTime: rekor.integratedTime, signedEntryTimestamp: rekor.signedEntryTimestamp,
                    inclusionProof: nil, canonicalizedBody: rekor.body))
        }
        let content: SigstoreBundle.Content =
            isEnvelope
            ? .dsseEnvelope(try SigstoreBundle.parseEnvelope(try JSONFields.parse(payload, path: "envelope \(digest)")))
            : .messageSignature(.init(digestAlgorithm: nil, digest: nil, signature: signature))
        return SigstoreBundle(
            version: .v0_1, mediaType: "cosign signature layer \(digest)",
            verificationMaterial: .init(key: key, tlogEntries: entries, rfc3161Timestamps: []), content: content)
    }
}

/// A simple-signing payload (`{"critical": {"identity": …, "image": {"docker-manifest-digest": …}, "type":
/// "cosign container image signature"}, "optional": …}`): what a cosign image signature signs.
public struct SimpleSigningPayload: Sendable, Hashable {
    public var dockerManifestDigest: String
    public var dockerReference: String?
    public var type: String
    /// The optional annotations, as strings.
    public var optional: [String: String]

    public static func parse(_ bytes: [UInt8], source: String) throws(SupplyChainError) -> SimpleSigningPayload {
        let root = try JSONFields.parse(bytes, path: source)
        let critical = try root.object("critical")
        var optional: [String: String] = [:]
        if let object = try root.optionalObject("optional") {
            for (key, value) in object.object { optional[key] = "\(value)" }
        }
        return SimpleSigningPayload(
            dockerManifestDigest: try critical.object("image").string("docker-manifest-digest"),
            dockerReference: try critical.optionalObject("identity")?.optionalString("docker-reference"),
            type: try critical.string("type"), optional: optional)
    }
}
