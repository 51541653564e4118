/// A minimal read-only walker over the table b-trees of an SQLite 3 database file, read by offset.
///
/// It implements just what reading rpm's `Packages` table needs, from the file format description at
/// sqlite.org/fileformat.html: the 100-byte file header, table interior (`0x05`) and leaf (`0x0D`) pages,
/// cell payloads that spill onto overflow pages, and the record format. Index b-trees, the freelist, and
/// write-ahead logs are not read. Every page visit is checked against the page count and a visited set, and the
/// payloads read may not add up to more than the file, so a damaged file ends in an error, never a loop or an
/// unbounded allocation.
struct SQLiteBTree {
    /// One row of a table: its rowid and the record's payload bytes.
    struct Row {
        var rowid: Int64
        var pageOffset: Int
        var payload: [UInt8]
    }

    let data: RPMFile
    let pageSize: Int
    let usableSize: Int
    let pageCount: Int

    /// Reads the file header of `bytes`.
    init(_ bytes: [UInt8]) throws(RPMFormatProblem) {
        try self.init(RPMFile(bytes: bytes))
    }

    /// Reads the file header.
    init(_ data: RPMFile) throws(RPMFormatProblem) {
        self.data = data
        guard data.count >= 100, data.slice(0, 16) == Array("SQLite format 3\0".utf8) else {
            throw RPMFormatProblem(reason: "not an SQLite 3 file (header string missing)", offset: 0)
        }
        guard let rawSize = data.u16BE(16) else { throw RPMFormatProblem(reason: "file header truncated", offset: 16) }
        let size = rawSize == 1 ? 65536 : rawSize
        guard size >= 512, size <= 65536, size & (size - 1) == 0 else {
            throw RPMFormatProblem(
                reason: "page size \(rawSize) is not a power of two between 512 and 65536", offset: 16)
        }
        let reserved = Int(data.u8(20) ?? 0)
        guard size - reserved >= 480 else {
            throw RPMFormatProblem(reason: "reserved space \(reserved) too large", offset: 20)
        }
        pageSize = size
        usableSize = size - reserved
        pageCount = data.count / size
        guard pageCount >= 1 else { throw RPMFormatProblem(reason: "file shorter than one page", offset: 0) }
    }

    /// Every row of the table whose root page is `root`, in rowid order.
    func rows(root: Int) throws(RPMFormatProblem) -> [Row] {
        var rows: [Row] = []
        try forEachRow(root: root) { rows.append($0) }
        return rows
    }

    /// Hands every row of the table whose root page is `root` to `visit`, in rowid order, one at a time.
    func forEachRow(root: Int, _ visit: (Row) -> Void) throws(RPMFormatProblem) {
        var budget = data.count
        var visited = Set<Int>()
        var stack = [root]
        while let page = stack.popLast() {
            guard page >= 1, page <= pageCount else {
                throw RPMFormatProblem(
                    reason: "b-tree refers to page \(page) beyond the file's \(pageCount) pages", offset: 0)
            }
            guard visited.insert(page).inserted else {
                throw RPMFormatProblem(
                    reason: "b-tree page \(page) is reached twice (cycle)", offset: (page - 1) * pageSize)
            }
            let start = (page - 1) * pageSize
            let header = page == 1 ? start + 100 : start
            guard let type = data.u8(header), let cellCount = data.u16BE(header + 3) else {
                throw RPMFormatProblem(reason: "page header truncated", offset: header)
            }
            switch type {
            case 0x05:
                guard let right = data.u32BE(header + 8) else {
                    throw RPMFormatProblem(reason: "interior page header truncated", offset: header)
                }
                var children: [Int] = []
                for index in 0..<cellCount {
                    let cell = try cellOffset(page: start, header: header, headerSize: 12, index: index)
                    guard let child = data.u32BE(cell) else {
                        throw RPMFormatProblem(reason: "cell truncated", offset: cell)
                    }
                    children.append(Int(child))
                }
                children.append(Int(right))
                stack.append(contentsOf: children.reversed())
            case 0x0D:
                for index in 0..<cellCount {
                    let cell = try cellOffset(page: start, header: header, headerSize: 8, index: index)
                    let row = try leafRow(at: cell)
                    // In a sound file no two cells share payload bytes, so all payloads fit in the file; more
                    // means shared overflow chains, which could otherwise grow without bound.
                    budget -= row.payload.count
                    guard budget >= 0 else {
                        throw RPMFormatProblem(reason: "row payloads add up to more than the file", offset: cell)
                    }
                    visit(row)
                }
            default:
                throw RPMFormatProblem(reason: "page \(page) has type \(type), not a table b-tree page", offset: header)
            }
        }
    }

    private func cellOffset(page start: Int, header: Int, headerSize: Int, index: Int) throws(RPMFormatProblem) -> Int {
        let pointer = header + headerSize + 2 * index
        guard let relative = data.u16BE(pointer), relative < pageSize, pointer + 2 <= start + pageSize else {
            throw RPMFormatProblem(reason: "cell pointer \(index) is out of its page", offset: pointer)
        }
        return start + relative
    }

    /// Decodes one table leaf cell, following its overflow chain.
    private func leafRow(at cell: Int) throws(RPMFormatProblem) -> Row {
        guard let (size, sizeLength) = varint(at: cell), let (rowid, rowidLength) = varint(at: cell + sizeLength)
        else { throw RPMFormatProblem(reason: "cell header truncated", offset: cell) }
        guard size >= 0, size <= Int64(data.count) else {
            throw RPMFormatProblem(reason: "payload size \(size) exceeds the file", offset: cell)
        }
        let total = Int(size)
        let bodyStart = cell + sizeLength + rowidLength
        let maxLocal = usableSize - 35
        var local = total
        if total > maxLocal {
            let minLocal = (usableSize - 12) * 32 / 255 - 23
            let candidate = minLocal + (total - minLocal) % (usableSize - 4)
            local = candidate <= maxLocal ? candidate : minLocal
        }
        guard let head = data.slice(bodyStart, local) else {
            throw RPMFormatProblem(reason: "cell payload runs past the end of the file", offset: bodyStart)
        }
        var payload = [UInt8]()
        payload.reserveCapacity(min(total, 16 << 20))
        payload.append(contentsOf: head)
        if local < total {
            guard let first = data.u32BE(bodyStart + local) else {
                throw RPMFormatProblem(reason: "overflow pointer truncated", offset: bodyStart + local)
            }
            try appendOverflow(from: Int(first), into: &payload, total: total)
        }
        return Row(rowid: rowid, pageOffset: cell, payload: payload)
    }

    private func appendOverflow(from first: Int, into payload: inout [UInt8], total: Int) throws(RPMFormatProblem) {
        var page = first
        var visited = Set<Int>()
        while payload.count < total {
            guard page >= 1, page <= pageCount else {
                throw RPMFormatProblem(reason: "overflow chain refers to page \(page) beyond the file", offset: 0)
            }
            guard visited.insert(page).inserted else {
                throw RPMFormatProblem(
                    reason: "overflow page \(page) is reached twice (cycle)", offset: (page - 1) * pageSize)
            }
            let start = (page - 1) * pageSize
            let take = min(usableSize - 4, total - payload.count)
            guard let next = data.u32BE(start), let content = data.slice(start + 4, take) else {
                throw RPMFormatProblem(reason: "overflow page \(page) truncated", offset: start)
            }
            payload.append(contentsOf: content)
            page = Int(next)
        }
    }

    /// An SQLite varint at `offset`: its value and length in bytes.
    func varint(at offset: Int) -> (Int64, Int)? {
        guard offset >= 0, offset < data.count, let bytes = data.slice(offset, min(9, data.count - offset)) else {
            return nil
        }
        return SQLiteRecord.varint(bytes[...], at: 0)
    }
}
