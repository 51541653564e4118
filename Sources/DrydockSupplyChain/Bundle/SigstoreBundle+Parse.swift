import Foundation

extension SigstoreBundle {
    /// The media types of the versions this verifier reads.
    public static let mediaTypes: [String: Version] = [
        "application/vnd.dev.sigstore.bundle+json;version=0.1": .v0_1,
        "application/vnd.dev.sigstore.bundle+json;version=0.2": .v0_2,
        "application/vnd.dev.sigstore.bundle+json;version=0.3": .v0_3,
        "application/vnd.dev.sigstore.bundle.v0.3+json": .v0_3,
    ]

    /// Parses a bundle's JSON (pure: bytes in, value out).
    ///
    /// - Throws: ``SupplyChainError`` with code `.unsupportedVersion` for an unknown media type, `.malformed`
    ///   for anything else that does not fit the format, naming the field.
    public static func parse(_ bytes: [UInt8]) throws(SupplyChainError) -> SigstoreBundle {
        let root = try JSONFields.parse(bytes, path: "bundle")
        let mediaType = try root.string("mediaType")
        guard let version = mediaTypes[mediaType] else {
            throw SupplyChainError(
                .unsupportedVersion,
                "unknown bundle media type '\(mediaType)' (supported: Sigstore bundle versions 0.1, 0.2 and 0.3)",
                at: "bundle.mediaType")
        }
        let material = try root.object("verificationMaterial")
        let content: Content
        switch (try root.optionalObject("messageSignature"), try root.optionalObject("dsseEnvelope")) {
        case (let signature?, nil): content = .messageSignature(try parseMessageSignature(signature))
        case (nil, let envelope?): content = .dsseEnvelope(try parseEnvelope(envelope))
        case (nil, nil): throw .malformed("has neither messageSignature nor dsseEnvelope", at: "bundle")
        case (_?, _?): throw .malformed("has both messageSignature and dsseEnvelope", at: "bundle")
        }
        return SigstoreBundle(
            version: version, mediaType: mediaType,
            verificationMaterial: try parseMaterial(material, version: version), content: content)
    }

    private static func parseMaterial(_ material: JSONFields, version: Version) throws(SupplyChainError)
        -> VerificationMaterial
    {
        let key: KeyMaterial
        if let chain = try material.optionalObject("x509CertificateChain") {
            let certificates = try chain.objects("certificates").map { (entry) throws(SupplyChainError) in
                try entry.bytes("rawBytes")
            }
            guard !certificates.isEmpty else { throw .malformed("holds no certificate", at: chain.path) }
            key = .certificates(certificates)
        } else if let certificate = try material.optionalObject("certificate") {
            key = .certificates([try certificate.bytes("rawBytes")])
        } else if let publicKey = try material.optionalObject("publicKey") {
            key = .publicKey(hint: try publicKey.optionalString("hint"))
        } else {
            throw .malformed("has no certificate, certificate chain or public key", at: material.path)
        }
        if version == .v0_3, case .certificates(let chain) = key, chain.count > 1 {
            throw .malformed("a version 0.3 bundle holds the leaf certificate only, not a chain", at: material.path)
        }
        let entries = try material.objects("tlogEntries").map { (entry) throws(SupplyChainError) in
            try parseEntry(entry)
        }
        var timestamps: [[UInt8]] = []
        if let data = try material.optionalObject("timestampVerificationData") {
            for timestamp in try data.objects("rfc3161Timestamps") {
                timestamps.append(try timestamp.bytes("signedTimestamp"))
            }
        }
        return VerificationMaterial(key: key, tlogEntries: entries, rfc3161Timestamps: timestamps)
    }

    private static func parseEntry(_ entry: JSONFields) throws(SupplyChainError) -> TransparencyLogEntry {
        let kindVersion = try entry.object("kindVersion")
        var proof: TransparencyLogEntry.InclusionProof?
        if let inclusion = try entry.optionalObject("inclusionProof") {
            proof = TransparencyLogEntry.InclusionProof(
                logIndex: try inclusion.int64("logIndex"), rootHash: try inclusion.bytes("rootHash"),
                treeSize: try inclusion.int64("treeSize"),
                hashes: try inclusion.strings("hashes").enumerated().map { (index, text) throws(SupplyChainError) in
                    guard let bytes = Base64.decode(text) else {
                        throw .malformed("not valid base64", at: "\(inclusion.path).hashes[\(index)]")
                    }
                    return bytes
                },
                checkpoint: try inclusion.optionalObject("checkpoint")?.string("envelope"))
        }
        let logIndex = try entry.int64("logIndex")
        guard logIndex >= 0 else { throw .malformed("a log index cannot be negative", at: "\(entry.path).logIndex") }
        return TransparencyLogEntry(
            logIndex: logIndex, logID: try entry.object("logId").bytes("keyId"),
            kind: try kindVersion.string("kind"), kindVersion: try kindVersion.string("version"),
            integratedTime: try entry.optionalInt64("integratedTime") ?? 0,
            signedEntryTimestamp: try entry.optionalObject("inclusionPromise")?.bytes("signedEntryTimestamp"),
            inclusionProof: proof, canonicalizedBody: try entry.bytes("canonicalizedBody"))
    }

    private static func parseMessageSignature(_ object: JSONFields) throws(SupplyChainError) -> MessageSignature {
        let digest = try object.optionalObject("messageDigest")
        return MessageSignature(
            digestAlgorithm: try digest?.optionalString("algorithm"), digest: try digest?.optionalBytes("digest"),
            signature: try object.bytes("signature"))
    }

    static func parseEnvelope(_ object: JSONFields) throws(SupplyChainError) -> DSSEEnvelope {
        let signatures = try object.objects("signatures").map { (entry) throws(SupplyChainError) in
            DSSEEnvelope.Signature(sig: try entry.bytes("sig"), keyid: try entry.optionalString("keyid"))
        }
        guard !signatures.isEmpty else { throw .malformed("has no signature", at: "\(object.path).signatures") }
        return DSSEEnvelope(
            payload: try object.bytes("payload"), payloadType: try object.string("payloadType"),
            signatures: signatures)
    }
}
