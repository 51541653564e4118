import DrydockModel

/// Takes the header blobs out of rpm's "ndb" database, `Packages.db` (SUSE, openSUSE).
///
/// The format (rpm's `lib/backend/ndb/rpmpkg.c`; all numbers little-endian 32-bit):
/// - a 32-byte file header: magic `RpmP`, format version 0, generation, number of 4 KiB slot pages;
/// - the slot pages, starting at byte 0 (the file header takes the first two 16-byte slots): each slot is
///   magic `Slot`, package index (0 for a free slot), block offset and block count, in 16-byte blocks;
/// - at each used slot's block offset, a blob header: magic `BlbS`, package index, checksum, blob length,
///   followed by the header blob itself and a 12-byte tail.
///
/// The blob checksum (Adler-32) is not verified: the header's own structure is checked when it is decoded.
public enum RPMNDBReader {
    /// `RpmP` read as a little-endian integer.
    static let headerMagic: UInt32 = 0x506D_7052
    /// `Slot`.
    static let slotMagic: UInt32 = 0x746F_6C53
    /// `BlbS`.
    static let blobMagic: UInt32 = 0x5362_6C42
    static let slotPageSize = 4096
    static let blockSize = 16

    /// Reads every used slot's blob; `path` names the file in errors and warnings.
    ///
    /// Throws `CatalogError` (`malformed-database`) when the file header is damaged or the slot pages lie beyond
    /// the file; a slot that is damaged, or whose blob is missing or damaged, is skipped with a warning.
    public static func read(_ bytes: [UInt8], path: String) throws(CatalogError) -> RPMHeaderBlobs {
        try RPMHeaderBlobs.collecting { (visit) throws(CatalogError) in
            try read(RPMFile(bytes: bytes), path: path, visit: visit)
        }
    }

    /// Hands every used slot's blob to `visit`, in slot order, reading the file by offset; returns the warnings.
    static func read(_ data: RPMFile, path: String, visit: (RPMHeaderBlobs.Entry) -> Void) throws(CatalogError)
        -> [CatalogWarning]
    {
        guard let magic = data.u32(0, bigEndian: false), let version = data.u32(4, bigEndian: false),
            let pages = data.u32(12, bigEndian: false)
        else { throw data.failure ?? CatalogError.rpm("NDB file header truncated", path: path, offset: 0) }
        guard magic == headerMagic else {
            throw CatalogError.rpm("not an NDB file (magic missing)", path: path, offset: 0)
        }
        guard version == 0 else {
            throw CatalogError.rpm("NDB format version \(version) is not supported (expected 0)", path: path, offset: 4)
        }
        let slotBytes = Int(pages) * slotPageSize
        guard pages > 0, slotBytes <= data.count else {
            throw CatalogError.rpm(
                "NDB header declares \(pages) slot pages but the file has \(data.count) bytes", path: path, offset: 12)
        }
        var warnings: [CatalogWarning] = []
        var seen = Set<UInt32>()
        var budget = data.count
        var offset = 2 * blockSize
        while offset < slotBytes {
            defer { offset += blockSize }
            guard let slot = data.u32(offset, bigEndian: false), let index = data.u32(offset + 4, bigEndian: false),
                let blockOffset = data.u32(offset + 8, bigEndian: false),
                let blockCount = data.u32(offset + 12, bigEndian: false)
            else { throw data.failure ?? CatalogError.rpm("slot truncated", path: path, offset: offset) }
            guard slot == slotMagic else {
                // rpm gives up on the whole file here; a scanner does better listing the packages it can read.
                warnings.append(CatalogWarning(path: path, message: "slot at byte \(offset) has a bad magic; skipped"))
                continue
            }
            guard index != 0 else { continue }
            guard seen.insert(index).inserted else {
                warnings.append(
                    CatalogWarning(
                        path: path, message: "slot at byte \(offset): package \(index) listed twice; skipped"))
                continue
            }
            switch blob(data, index: index, blockOffset: Int(blockOffset), blockCount: Int(blockCount)) {
            case .success(let entry):
                // Sound blobs never overlap, so together they fit in the file; overlapping ones could make
                // the copies grow quadratically.
                budget -= entry.blob.count
                guard budget >= 0 else {
                    throw CatalogError.rpm(
                        "blobs add up to more than the file (overlapping slots)", path: path, offset: offset)
                }
                visit(entry)
            case .failure(let problem):
                if let failure = data.failure { throw failure }
                warnings.append(
                    CatalogWarning(
                        path: path, message: "package \(index): \(problem.reason) at byte \(problem.offset); skipped"))
            }
        }
        return warnings
    }

    private static func blob(_ data: RPMFile, index: UInt32, blockOffset: Int, blockCount: Int)
        -> Result<RPMHeaderBlobs.Entry, RPMFormatProblem>
    {
        let start = blockOffset * blockSize
        guard blockOffset > 0, let magic = data.u32(start, bigEndian: false),
            let owner = data.u32(start + 4, bigEndian: false), let length = data.u32(start + 12, bigEndian: false)
        else { return .failure(RPMFormatProblem(reason: "blob header out of the file", offset: start)) }
        guard magic == blobMagic else { return .failure(RPMFormatProblem(reason: "bad blob magic", offset: start)) }
        guard owner == index else {
            return .failure(RPMFormatProblem(reason: "blob belongs to package \(owner), not \(index)", offset: start))
        }
        guard Int(length) <= blockCount * blockSize - blockSize else {
            return .failure(
                RPMFormatProblem(reason: "blob length \(length) exceeds its \(blockCount) blocks", offset: start))
        }
        guard let body = data.slice(start + blockSize, Int(length)) else {
            return .failure(RPMFormatProblem(reason: "blob runs past the end of the file", offset: start))
        }
        return .success(RPMHeaderBlobs.Entry(headerNumber: index, offset: start, blob: body))
    }
}
