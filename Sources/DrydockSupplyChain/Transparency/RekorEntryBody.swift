import Crypto
import Foundation
import X509

/// Checks that a Rekor v1 entry's canonicalized body records this bundle: the same signature, the same
/// signer (certificate or key) and the same artifact — `hashedrekord` 0.0.1, `dsse` 0.0.1 and `intoto`
/// 0.0.1/0.0.2 entries.
enum RekorEntryBody {
    /// What the body must say.
    struct Expectation {
        /// The signer's certificate (DER) or, for key-based bundles, its key.
        var signer: Signer
        var content: SigstoreBundle.Content
        /// The artifact's SHA-256 digest (hashedrekord entries record it).
        var artifactDigest: [UInt8]?
    }

    enum Signer {
        case certificate([UInt8])
        case key(VerificationKey)
    }

    static func check(_ entry: TransparencyLogEntry, against expected: Expectation, at location: String)
        throws(SupplyChainError)
    {
        let body = try JSONFields.parse(entry.canonicalizedBody, path: "\(location).canonicalizedBody")
        let kind = try body.string("kind")
        let apiVersion = try body.string("apiVersion")
        guard kind == entry.kind, apiVersion == entry.kindVersion else {
            throw .failed(
                "the body is a \(kind) \(apiVersion) entry but the bundle says \(entry.kind) \(entry.kindVersion)",
                at: location)
        }
        let spec = try body.object("spec")
        switch (kind, apiVersion, expected.content) {
        case ("hashedrekord", "0.0.1", .messageSignature(let signature)):
            let recordedSignature = try spec.object("signature")
            guard try recordedSignature.bytes("content") == signature.signature else {
                throw .failed("the log entry records a different signature than the bundle's", at: location)
            }
            try checkSigner(
                try recordedSignature.object("publicKey").bytes("content"), expected.signer, at: location)
            let hash = try spec.object("data").object("hash")
            let algorithm = try hash.string("algorithm")
            guard algorithm == "sha256", let recorded = hexBytes(try hash.string("value")) else {
                throw .failed("the log entry records a \(algorithm) digest; only sha256 is supported", at: location)
            }
            if let digest = expected.artifactDigest, digest != recorded {
                throw .failed(
                    "the log entry is for artifact sha256:\(hex(recorded)), not sha256:\(hex(digest))", at: location)
            }
        case ("dsse", "0.0.1", .dsseEnvelope(let envelope)):
            try checkPayloadHash(try spec.object("payloadHash"), envelope, at: location)
            let recorded = try spec.objects("signatures")
            for signature in envelope.signatures {
                let match = try firstRecord(in: recorded, at: location) { (entry) throws(SupplyChainError) in
                    try entry.bytes("signature") == signature.sig
                }
                try checkSigner(try match.bytes("verifier"), expected.signer, at: location)
            }
        case ("intoto", "0.0.2", .dsseEnvelope(let envelope)):
            let content = try spec.object("content")
            try checkPayloadHash(try content.object("payloadHash"), envelope, at: location)
            let recorded = try content.object("envelope").objects("signatures")
            for signature in envelope.signatures {
                // intoto 0.0.2 stores each signature base64-encoded twice.
                let match = try firstRecord(in: recorded, at: location) { (entry) throws(SupplyChainError) in
                    let stored = try entry.bytes("sig")
                    return stored == signature.sig
                        || Base64.decode(String(decoding: stored, as: UTF8.self)) == signature.sig
                }
                try checkSigner(try match.bytes("publicKey"), expected.signer, at: location)
            }
        case ("intoto", "0.0.1", .dsseEnvelope(let envelope)):
            try checkPayloadHash(try spec.object("content").object("payloadHash"), envelope, at: location)
            try checkSigner(try spec.bytes("publicKey"), expected.signer, at: location)
        case ("hashedrekord", "0.0.2", _):
            let record = try spec.object("hashedRekordV002")
            let recorded = try record.object("signature")
            let (signature, digest): ([UInt8], [UInt8]?) =
                switch expected.content {
                case .messageSignature(let message): (message.signature, expected.artifactDigest)
                // A DSSE envelope logged as a hashedrekord: the digest is the PAE's.
                case .dsseEnvelope(let envelope):
                    (envelope.signatures.first?.sig ?? [], Array(SHA256.hash(data: envelope.preAuthenticationEncoding)))
                }
            guard try recorded.bytes("content") == signature else {
                throw .failed("the log entry records a different signature than the bundle's", at: location)
            }
            try checkVerifier(try recorded.object("verifier"), expected.signer, at: location)
            let data = try record.object("data")
            guard try data.string("algorithm") == "SHA2_256" else {
                throw .failed(
                    "the log entry records a \(try data.string("algorithm")) digest; only SHA2_256 is supported",
                    at: location)
            }
            let recordedDigest = try data.bytes("digest")
            if let digest, digest != recordedDigest {
                throw .failed(
                    "the log entry is for artifact sha256:\(hex(recordedDigest)), not sha256:\(hex(digest))",
                    at: location)
            }
        case ("dsse", "0.0.2", .dsseEnvelope(let envelope)):
            let record = try spec.object("dsseV002")
            let payloadHash = try record.object("payloadHash")
            guard try payloadHash.string("algorithm") == "SHA2_256",
                try payloadHash.bytes("digest") == Array(SHA256.hash(data: envelope.payload))
            else { throw .failed("the log entry records a different DSSE payload than the bundle's", at: location) }
            let recorded = try record.objects("signatures")
            for signature in envelope.signatures {
                let match = try firstRecord(in: recorded, at: location) { (entry) throws(SupplyChainError) in
                    try entry.bytes("content") == signature.sig
                }
                try checkVerifier(try match.object("verifier"), expected.signer, at: location)
            }
        case (_, _, .messageSignature):
            throw .failed(
                "a message signature must be logged as a hashedrekord 0.0.1 or 0.0.2 entry, not \(kind) \(apiVersion)",
                at: location)
        case (_, _, .dsseEnvelope):
            throw .failed(
                "a DSSE envelope must be logged as a dsse 0.0.1/0.0.2 or intoto 0.0.1/0.0.2 entry, not \(kind) \(apiVersion)",
                at: location)
        }
    }

    /// The recorded signature `matches` accepts, or the failure saying the log has none.
    private static func firstRecord(
        in records: [JSONFields], at location: String, matching matches: (JSONFields) throws(SupplyChainError) -> Bool
    ) throws(SupplyChainError) -> JSONFields {
        for record in records where try matches(record) { return record }
        throw .failed("the log entry does not record the envelope's signature", at: location)
    }

    private static func checkPayloadHash(
        _ hash: JSONFields, _ envelope: SigstoreBundle.DSSEEnvelope, at location: String
    ) throws(SupplyChainError) {
        let algorithm = try hash.string("algorithm")
        guard algorithm == "sha256", let recorded = hexBytes(try hash.string("value")) else {
            throw .failed("the log entry records a \(algorithm) payload hash; only sha256 is supported", at: location)
        }
        guard recorded == Array(SHA256.hash(data: envelope.payload)) else {
            throw .failed("the log entry records a different DSSE payload than the bundle's", at: location)
        }
    }

    /// A Rekor v2 verifier: a DER certificate or public key.
    private static func checkVerifier(_ verifier: JSONFields, _ expected: Signer, at location: String)
        throws(SupplyChainError)
    {
        switch expected {
        case .certificate(let der):
            guard try verifier.optionalObject("x509Certificate")?.bytes("rawBytes") == der else {
                throw .failed("the log entry records a different signing certificate", at: location)
            }
        case .key(let key):
            guard let raw = try verifier.optionalObject("publicKey")?.bytes("rawBytes"),
                (try? VerificationKey(pemOrDER: raw, source: location)) == key
            else { throw .failed("the log entry records a different public key", at: location) }
        }
    }

    /// `recorded` is a PEM certificate or public key, as the log stores it.
    private static func checkSigner(_ recorded: [UInt8], _ expected: Signer, at location: String)
        throws(SupplyChainError)
    {
        var text = String(decoding: recorded, as: UTF8.self)
        // intoto 0.0.2 entries encode the PEM in base64 once more.
        if !text.hasPrefix("-----BEGIN"), let inner = Base64.decode(text) {
            text = String(decoding: inner, as: UTF8.self)
        }
        switch expected {
        case .certificate(let der):
            guard let block = PEMBlock(text), block.der == der else {
                throw .failed("the log entry records a different signing certificate", at: location)
            }
        case .key(let key):
            guard let recordedKey = try? VerificationKey(pemOrDER: recorded, source: location), recordedKey == key
            else {
                throw .failed("the log entry records a different public key", at: location)
            }
        }
    }
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
}

func hexBytes(_ text: String) -> [UInt8]? {
    guard text.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.count / 2)
    var index = text.startIndex
    while index < text.endIndex {
        let next = text.index(index, offsetBy: 2)
        guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
        bytes.append(byte)
        index = next
    }
    return bytes
}
