import Foundation

/// A Sigstore bundle (`application/vnd.dev.sigstore.bundle…`, versions 0.1 to 0.3): the signature or DSSE
/// envelope, the material to verify it with, and the transparency-log and timestamp evidence.
///
/// Parse one with ``SigstoreBundle/parse(_:)``; verify it with ``BundleVerifier``.
public struct SigstoreBundle: Sendable, Hashable {
    /// The bundle format versions this verifier reads.
    public enum Version: String, Sendable, Hashable, CaseIterable {
        case v0_1 = "0.1"
        case v0_2 = "0.2"
        case v0_3 = "0.3"
    }

    /// The format version, from the media type.
    public var version: Version
    /// The media type as written.
    public var mediaType: String
    /// What the signer's key is known by.
    public var verificationMaterial: VerificationMaterial
    /// What was signed.
    public var content: Content

    /// The signer's key material.
    public enum KeyMaterial: Sendable, Hashable {
        /// DER certificates, leaf first (v0.1/v0.2 `x509CertificateChain`, v0.3 `certificate` as one).
        case certificates([[UInt8]])
        /// A key the verifier supplies; the hint names it.
        case publicKey(hint: String?)
    }

    /// The bundle's `verificationMaterial`.
    public struct VerificationMaterial: Sendable, Hashable {
        public var key: KeyMaterial
        public var tlogEntries: [TransparencyLogEntry]
        /// DER RFC 3161 timestamp responses (`timestampVerificationData.rfc3161Timestamps[].signedTimestamp`).
        public var rfc3161Timestamps: [[UInt8]]
    }

    /// The signed content: a signature over an artifact's digest, or a DSSE envelope.
    public enum Content: Sendable, Hashable {
        case messageSignature(MessageSignature)
        case dsseEnvelope(DSSEEnvelope)

        /// The signature bytes (an envelope's first): what RFC 3161 timestamps are made over.
        public var signature: [UInt8] {
            switch self {
            case .messageSignature(let message): return message.signature
            case .dsseEnvelope(let envelope): return envelope.signatures.first?.sig ?? []
            }
        }
    }

    /// A signature over an artifact (`messageSignature`).
    public struct MessageSignature: Sendable, Hashable {
        /// `SHA2_256`, `SHA2_384`, `SHA2_512`, when the bundle says.
        public var digestAlgorithm: String?
        /// The artifact's digest as the signer saw it, when the bundle says.
        public var digest: [UInt8]?
        public var signature: [UInt8]
    }

    /// A DSSE envelope (`dsseEnvelope`).
    public struct DSSEEnvelope: Sendable, Hashable {
        public var payload: [UInt8]
        public var payloadType: String
        public var signatures: [Signature]

        /// One signature in the envelope.
        public struct Signature: Sendable, Hashable {
            public var sig: [UInt8]
            public var keyid: String?
        }

        /// The DSSE pre-authentication encoding of the payload: what each signature is made over.
        public var preAuthenticationEncoding: [UInt8] {
            let type = Array(payloadType.utf8)
            var bytes = Array("DSSEv1 \(type.count) ".utf8) + type
            bytes += Array(" \(payload.count) ".utf8)
            return bytes + payload
        }
    }
}

/// One transparency-log entry of a bundle (`verificationMaterial.tlogEntries[]`).
public struct TransparencyLogEntry: Sendable, Hashable {
    public var logIndex: Int64
    /// The log's ID: SHA-256 of its public key (DER SubjectPublicKeyInfo).
    public var logID: [UInt8]
    /// The entry type (`hashedrekord`, `dsse`, `intoto`) and its version (`0.0.1`).
    public var kind: String
    public var kindVersion: String
    /// When the log says it saw the entry, in seconds since 1970; 0 when the entry has none (Rekor v2).
    public var integratedTime: Int64
    /// The signed entry timestamp (`inclusionPromise.signedEntryTimestamp`).
    public var signedEntryTimestamp: [UInt8]?
    public var inclusionProof: InclusionProof?
    /// The entry's body as the log stored it (JSON for Rekor v1 entries).
    public var canonicalizedBody: [UInt8]

    /// An RFC 6962 audit path from the entry's leaf to a signed tree head.
    public struct InclusionProof: Sendable, Hashable {
        public var logIndex: Int64
        public var rootHash: [UInt8]
        public var treeSize: Int64
        public var hashes: [[UInt8]]
        /// The signed checkpoint (a signed note), when the bundle has one.
        public var checkpoint: String?
    }
}
