import DrydockModel

/// Takes the header blobs out of rpm's Berkeley DB hash database, `Packages` (RHEL/CentOS ≤ 8, Amazon Linux 2).
///
/// Facts used (Berkeley DB's `dbinc/db_page.h` and `hash.h` layouts):
/// - page 0 is the hash metadata page: magic `0x061561` at byte 12 (its byte order gives the file's), page
///   size at 20, encryption algorithm at 24, page type 8 at 25, meta flags at 26, last page number at 32;
/// - every page starts with a 26-byte header: page number at 8, previous at 12, next at 16, entry count at 20,
///   high free offset at 22, level at 24, type at 25;
/// - hash pages (type 13, or 2 for the unsorted pre-4.6 kind) hold an array of 16-bit item offsets after the
///   header, in key/data pairs; an item starts with its kind: 1 inline bytes (length from the neighbouring
///   offsets), 3 an off-page item (page number at 4, total length at 8);
/// - overflow pages (type 7) chain by their next-page field; their free-offset field is the bytes used on the page.
///
/// rpm stores each header under a 4-byte key, the header number in the writer's byte order; key 0 holds an
/// internal counter and is skipped. Pages are scanned in file order (so buckets' overflow pages are found too);
/// the chains are bounded by the page count and checked for cycles. A page of a kind a hash database does not
/// have (other than free, hash and overflow) is reported, since it may be a damaged hash page.
public enum RPMBerkeleyHashReader {
    /// The hash database magic in the reader's byte order.
    static let hashMagic: UInt32 = 0x0006_1561
    static let headerSize = 26

    /// Reads every key/data pair's data; `path` names the file in errors and warnings.
    ///
    /// Throws `CatalogError` (`malformed-database`) when the metadata page is damaged or the database is encrypted;
    /// a pair whose data cannot be read is skipped with a warning.
    public static func read(_ bytes: [UInt8], path: String) throws(CatalogError) -> RPMHeaderBlobs {
        try RPMHeaderBlobs.collecting { (visit) throws(CatalogError) in
            try read(RPMFile(bytes: bytes), path: path, visit: visit)
        }
    }

    /// Hands every key/data pair's data to `visit`, in page order, reading the file by offset; returns the
    /// warnings.
    static func read(_ data: RPMFile, path: String, visit: (RPMHeaderBlobs.Entry) -> Void) throws(CatalogError)
        -> [CatalogWarning]
    {
        guard let rawMagic = data.u32(12, bigEndian: false), data.count >= 512 else {
            throw data.failure ?? CatalogError.rpm("Berkeley DB metadata page truncated", path: path, offset: 0)
        }
        let bigEndian: Bool
        if rawMagic == hashMagic {
            bigEndian = false
        } else if rawMagic == hashMagic.byteSwapped {
            bigEndian = true
        } else {
            throw CatalogError.rpm("not a Berkeley DB hash file (magic missing)", path: path, offset: 12)
        }
        let pageSize = Int(data.u32(20, bigEndian: bigEndian) ?? 0)
        guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            throw CatalogError.rpm(
                "page size \(pageSize) is not a power of two from 512 to 65536", path: path, offset: 20)
        }
        guard data.u8(24) == 0 else {
            throw CatalogError.rpm("encrypted Berkeley DB files are not supported", path: path, offset: 24)
        }
        guard data.u8(25) == 8 else {
            throw CatalogError.rpm("page 0 is not a hash metadata page", path: path, offset: 25)
        }
        guard let lastPage = data.u32(32, bigEndian: bigEndian) else {
            throw CatalogError.rpm("metadata page truncated", path: path, offset: 32)
        }
        let pageCount = data.count / pageSize
        var warnings: [CatalogWarning] = []
        if Int(lastPage) >= pageCount {
            warnings.append(
                CatalogWarning(
                    path: path,
                    message: "metadata names page \(lastPage) as last but the file has \(pageCount) pages (truncated?)")
            )
        }
        let reader = Pages(
            data: data, pageSize: pageSize, pageCount: min(pageCount, Int(lastPage) + 1), bigEndian: bigEndian)
        var budget = data.count
        for page in 1..<max(reader.pageCount, 1) {
            let start = page * pageSize
            guard let type = data.u8(start + 25) else { continue }
            guard type == 13 || type == 2, let count = data.u16(start + 20, bigEndian: bigEndian) else {
                // Free (0) and overflow (7) pages are expected; any other kind cannot be in a hash database
                // and may be a damaged hash page whose records are lost.
                if type != 0, type != 7 {
                    warnings.append(
                        CatalogWarning(path: path, message: "page \(page) has unexpected type \(type); skipped"))
                }
                continue
            }
            guard count % 2 == 0, headerSize + 2 * count <= pageSize else {
                warnings.append(
                    CatalogWarning(path: path, message: "hash page \(page) has a bad entry count \(count); skipped"))
                continue
            }
            for pair in 0..<(count / 2) {
                switch reader.pair(page: page, index: 2 * pair) {
                case .success(let entry?):
                    // Sound overflow chains are disjoint, so all values fit in the file; shared chains could
                    // otherwise make the copies grow quadratically.
                    budget -= entry.blob.count
                    guard budget >= 0 else {
                        throw CatalogError.rpm(
                            "values add up to more than the file (shared overflow pages)", path: path,
                            offset: entry.offset)
                    }
                    visit(entry)
                case .success(nil): break
                case .failure(let problem):
                    if let failure = data.failure { throw failure }
                    warnings.append(
                        CatalogWarning(path: path, message: "\(problem.reason) at byte \(problem.offset); skipped"))
                }
            }
        }
        if let failure = data.failure { throw failure }
        return warnings
    }

    /// Page-level reads for one file.
    struct Pages {
        let data: RPMFile
        let pageSize: Int
        let pageCount: Int
        let bigEndian: Bool

        /// The key/data pair whose key is item `index` of hash page `page`; `nil` for rpm's counter record.
        func pair(page: Int, index: Int) -> Result<RPMHeaderBlobs.Entry?, RPMFormatProblem> {
            let start = page * pageSize
            let key: [UInt8]
            switch item(page: page, index: index) {
            case .success(let bytes): key = bytes
            case .failure(let problem): return .failure(problem)
            }
            guard key.count == 4 else {
                return .failure(
                    RPMFormatProblem(reason: "key of \(key.count) bytes, not a header number", offset: start))
            }
            let number = RPMBytes(bytes: key).u32(0, bigEndian: bigEndian) ?? 0
            if number == 0 { return .success(nil) }
            switch item(page: page, index: index + 1) {
            case .success(let value):
                let offset = start + (data.u16(start + headerSize + 2 * (index + 1), bigEndian: bigEndian) ?? 0)
                return .success(RPMHeaderBlobs.Entry(headerNumber: number, offset: offset, blob: value))
            case .failure(let problem): return .failure(problem)
            }
        }

        /// The bytes of item `index` on hash page `page`, following an off-page chain when it has one.
        func item(page: Int, index: Int) -> Result<[UInt8], RPMFormatProblem> {
            let start = page * pageSize
            let slot = start + headerSize + 2 * index
            guard let relative = data.u16(slot, bigEndian: bigEndian), relative >= headerSize, relative < pageSize
            else {
                return .failure(RPMFormatProblem(reason: "item offset out of page \(page)", offset: slot))
            }
            let itemStart = start + relative
            let end: Int
            if index == 0 {
                end = pageSize
            } else {
                end = data.u16(slot - 2, bigEndian: bigEndian) ?? pageSize
            }
            switch data.u8(itemStart) {
            case 1:
                guard end > relative, let bytes = data.slice(itemStart + 1, end - relative - 1) else {
                    return .failure(
                        RPMFormatProblem(reason: "inline item overruns page \(page)", offset: itemStart))
                }
                return .success(bytes)
            case 3:
                guard let first = data.u32(itemStart + 4, bigEndian: bigEndian),
                    let total = data.u32(itemStart + 8, bigEndian: bigEndian)
                else { return .failure(RPMFormatProblem(reason: "off-page item truncated", offset: itemStart)) }
                return overflow(first: Int(first), total: Int(total), from: itemStart)
            case let kind?:
                return .failure(
                    RPMFormatProblem(reason: "item of kind \(kind) is not supported", offset: itemStart))
            case nil:
                return .failure(RPMFormatProblem(reason: "item out of the file", offset: itemStart))
            }
        }

        /// Joins an overflow chain of `total` bytes starting at page `first`.
        func overflow(first: Int, total: Int, from origin: Int) -> Result<[UInt8], RPMFormatProblem> {
            guard total <= data.count else {
                return .failure(
                    RPMFormatProblem(reason: "off-page item of \(total) bytes exceeds the file", offset: origin))
            }
            var result: [UInt8] = []
            result.reserveCapacity(min(total, 16 << 20))
            var page = first
            var visited = Set<Int>()
            while page != 0 {
                guard page > 0, page < pageCount else {
                    return .failure(
                        RPMFormatProblem(reason: "overflow chain leaves the file at page \(page)", offset: origin))
                }
                guard visited.insert(page).inserted else {
                    return .failure(
                        RPMFormatProblem(reason: "overflow chain cycles at page \(page)", offset: origin))
                }
                let start = page * pageSize
                guard data.u8(start + 25) == 7, let next = data.u32(start + 16, bigEndian: bigEndian),
                    let used = data.u16(start + 22, bigEndian: bigEndian)
                else {
                    return .failure(RPMFormatProblem(reason: "page \(page) is not an overflow page", offset: start))
                }
                let length = used
                // An empty page would let a long chain cost time without adding bytes to the budget.
                guard length > 0, length <= pageSize - headerSize, let bytes = data.slice(start + headerSize, length),
                    result.count + length <= total
                else {
                    return .failure(
                        RPMFormatProblem(reason: "overflow page \(page) overruns its item", offset: start))
                }
                result.append(contentsOf: bytes)
                page = Int(next)
            }
            guard result.count == total else {
                return .failure(
                    RPMFormatProblem(
                        reason: "off-page item has \(result.count) of its \(total) bytes", offset: origin))
            }
            return .success(result)
        }
    }
}
