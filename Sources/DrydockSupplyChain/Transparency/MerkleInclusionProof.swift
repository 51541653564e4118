import Crypto

/// RFC 6962 / RFC 9162 Merkle tree hashing and inclusion-proof verification.
public enum MerkleInclusionProof {
    /// The hash of a leaf: SHA-256 of 0x00 and the entry.
    public static func leafHash(_ entry: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: [0] + entry))
    }

    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: [1] + left + right))
    }

    /// The root hash an audit path leads to from `leafHash` at `index` in a tree of `treeSize` leaves
    /// (RFC 9162 §2.1.3.2), or why the path cannot be one.
    public static func rootHash(
        leafHash: [UInt8], index: Int64, treeSize: Int64, path: [[UInt8]]
    ) throws(SupplyChainError) -> [UInt8] {
        guard index >= 0, index < treeSize else {
            throw .failed("inclusion proof: leaf index \(index) is outside a tree of \(treeSize) entries")
        }
        guard path.allSatisfy({ $0.count == SHA256.byteCount }) else {
            throw .failed("inclusion proof: a path hash is not 32 bytes long")
        }
        var fn = index
        var sn = treeSize - 1
        var hash = leafHash
        for sibling in path {
            guard sn != 0 else { throw .failed("inclusion proof: the audit path is longer than the tree is deep") }
            if fn & 1 == 1 || fn == sn {
                hash = nodeHash(sibling, hash)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                hash = nodeHash(hash, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .failed("inclusion proof: the audit path is shorter than the tree is deep") }
        return hash
    }
}
