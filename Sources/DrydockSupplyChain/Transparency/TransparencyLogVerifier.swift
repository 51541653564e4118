import Foundation

/// Checks a bundle's transparency-log entries: each records this bundle, comes from a trusted log valid at
/// its integrated time, and is proven — by a signed entry timestamp, an RFC 6962 inclusion proof to a
/// signed checkpoint, or both (version 0.1 bundles need the timestamp, later versions the proof).
struct TransparencyLogVerifier {
    var trustedRoot: TrustedRoot

    /// Verifies every entry; returns the integrated times (seconds since 1970) that a verified signed entry
    /// timestamp vouches for. An inclusion proof alone proves the entry is in the log, not when it got there.
    func verify(_ bundle: SigstoreBundle, expecting expectation: RekorEntryBody.Expectation)
        throws(SupplyChainError) -> [Int64]
    {
        let entries = bundle.verificationMaterial.tlogEntries
        guard !entries.isEmpty else { throw .failed("the bundle has no transparency-log entry") }
        var times: [Int64] = []
        for (index, entry) in entries.enumerated() {
            let location = "bundle.verificationMaterial.tlogEntries[\(index)]"
            guard let log = trustedRoot.transparencyLog(id: entry.logID) else {
                throw .failed(
                    "the entry is from a log the trusted root does not know (log ID \(hex(entry.logID)))", at: location)
            }
            guard log.validFor.start != nil else {
                throw .malformed(
                    "the log \(log.baseURL) has no validity start (publicKey.validFor.start)", at: "trusted root")
            }
            let key = try VerificationKey(pemOrDER: log.publicKey, source: "trusted root log \(log.baseURL)")
            try RekorEntryBody.check(entry, against: expectation, at: location)
            let hasPromise = entry.signedEntryTimestamp != nil
            if let set = entry.signedEntryTimestamp {
                guard key.isValidSignature(set, for: SignedEntryTimestamp.signedPayload(for: entry)) else {
                    throw .failed(
                        "the signed entry timestamp (inclusion promise) does not verify with \(log.baseURL)'s key",
                        at: location)
                }
            } else if bundle.version == .v0_1 {
                throw .failed(
                    "a version 0.1 bundle's entry needs a signed entry timestamp (inclusion promise)", at: location)
            }
            if let proof = entry.inclusionProof {
                try verifyInclusion(entry, proof, key: key, requireCheckpoint: bundle.version != .v0_1, at: location)
            } else if bundle.version != .v0_1 {
                throw .failed(
                    "a version \(bundle.version.rawValue) bundle's entry needs an inclusion proof", at: location)
            }
            guard entry.integratedTime > 0, hasPromise else { continue }
            let time = Date(timeIntervalSince1970: TimeInterval(entry.integratedTime))
            guard log.validFor.contains(time) else {
                throw .failed(
                    "the log \(log.baseURL) was not valid at the entry's integrated time \(ISO8601.string(time))",
                    at: location)
            }
            times.append(entry.integratedTime)
        }
        return times
    }

    private func verifyInclusion(
        _ entry: TransparencyLogEntry, _ proof: TransparencyLogEntry.InclusionProof, key: VerificationKey,
        requireCheckpoint: Bool, at location: String
    ) throws(SupplyChainError) {
        let computed: [UInt8]
        do {
            computed = try MerkleInclusionProof.rootHash(
                leafHash: MerkleInclusionProof.leafHash(entry.canonicalizedBody), index: proof.logIndex,
                treeSize: proof.treeSize, path: proof.hashes)
        } catch {
            throw SupplyChainError(error.code, error.reason, at: location)
        }
        guard computed == proof.rootHash else {
            throw .failed(
                "the inclusion proof does not lead to the root hash it claims (computed \(hex(computed)), "
                    + "proof says \(hex(proof.rootHash)))", at: location)
        }
        guard let text = proof.checkpoint else {
            if requireCheckpoint { throw .failed("the inclusion proof has no signed checkpoint", at: location) }
            return
        }
        let checkpoint: SignedCheckpoint
        do {
            checkpoint = try SignedCheckpoint.parse(text)
        } catch {
            throw SupplyChainError(error.code, error.reason, at: location)
        }
        guard checkpoint.treeSize == proof.treeSize, checkpoint.rootHash == proof.rootHash else {
            throw .failed(
                "the checkpoint is for a tree of \(checkpoint.treeSize) entries with root \(hex(checkpoint.rootHash)), "
                    + "not the proof's \(proof.treeSize) entries with root \(hex(proof.rootHash))", at: location)
        }
        guard checkpoint.isSigned(by: key, logID: entry.logID) else {
            throw .failed("the checkpoint is not signed by the log's key", at: location)
        }
    }
}
