/// Wraps header blobs into the NDB and Berkeley DB hash containers rpm uses, for self-contained tests of the
/// container readers (the SQLite container is written by Python's `sqlite3`, a real SQLite).
///
/// The layouts follow the same facts the readers use (rpm's `rpmpkg.c`, Berkeley DB's `db_page.h`): a small
/// NDB file with one slot page, and a hash database with one hash page whose data items live on overflow pages.
public enum RPMContainerBuilder {
    /// An NDB `Packages.db` holding `blobs` under package indexes 1, 2, ….
    public static func ndb(_ blobs: [[UInt8]]) -> [UInt8] {
        var file = [UInt8](repeating: 0, count: 4096)
        put(&file, 0, 0x506D_7052)  // RpmP
        put(&file, 12, 1)  // one slot page
        var block = 4096 / 16
        for (position, blob) in blobs.enumerated() {
            let slot = 32 + position * 16
            let blocks = (16 + blob.count + 12 + 15) / 16
            put(&file, slot, 0x746F_6C53)  // Slot
            put(&file, slot + 4, UInt32(position + 1))
            put(&file, slot + 8, UInt32(block))
            put(&file, slot + 12, UInt32(blocks))
            var record = [UInt8](repeating: 0, count: blocks * 16)
            put(&record, 0, 0x5362_6C42)  // BlbS
            put(&record, 4, UInt32(position + 1))
            put(&record, 12, UInt32(blob.count))
            record.replaceSubrange(16..<(16 + blob.count), with: blob)
            file += record
            block += blocks
        }
        for free in blobs.count..<254 { put(&file, 32 + free * 16, 0x746F_6C53) }
        return file
    }

    /// A Berkeley DB hash `Packages` holding `blobs` under keys 1, 2, …, plus rpm's key-0 counter record.
    public static func berkeleyHash(_ blobs: [[UInt8]], pageSize: Int = 4096) -> [UInt8] {
        var pages: [[UInt8]] = [[UInt8](repeating: 0, count: pageSize), [UInt8](repeating: 0, count: pageSize)]
        var items: [[UInt8]] = [[1, 0, 0, 0, 0], [1, UInt8(blobs.count + 1), 0, 0, 0]]
        for (position, blob) in blobs.enumerated() {
            var chain: [Int] = []
            var offset = 0
            repeat {
                let length = min(pageSize - 26, blob.count - offset)
                var page = [UInt8](repeating: 0, count: pageSize)
                page[25] = 7
                put(&page, 8, UInt32(pages.count))
                put16(&page, 22, length)
                page.replaceSubrange(26..<(26 + length), with: blob[offset..<(offset + length)])
                chain.append(pages.count)
                pages.append(page)
                offset += length
            } while offset < blob.count
            for (link, number) in chain.enumerated() where link + 1 < chain.count {
                put(&pages[number], 16, UInt32(chain[link + 1]))
            }
            var key: [UInt8] = [1, 0, 0, 0, 0]
            put(&key, 1, UInt32(position + 1))
            var data = [UInt8](repeating: 0, count: 12)
            data[0] = 3
            put(&data, 4, UInt32(chain[0]))
            put(&data, 8, UInt32(blob.count))
            items += [key, data]
        }
        var hash = pages[1]
        hash[25] = 13
        put(&hash, 8, 1)
        put16(&hash, 20, items.count)
        var top = pageSize
        for (index, item) in items.enumerated() {
            top -= item.count
            hash.replaceSubrange(top..<(top + item.count), with: item)
            put16(&hash, 26 + 2 * index, top)
        }
        put16(&hash, 22, top)
        pages[1] = hash
        var meta = pages[0]
        put(&meta, 12, 0x0006_1561)
        put(&meta, 16, 9)
        put(&meta, 20, UInt32(pageSize))
        meta[25] = 8
        put(&meta, 32, UInt32(pages.count - 1))
        pages[0] = meta
        return pages.flatMap { $0 }
    }

    /// Writes a little-endian 32-bit value.
    static func put(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
        for shift in 0..<4 { bytes[offset + shift] = UInt8((value >> (8 * UInt32(shift))) & 0xFF) }
    }

    /// Writes a little-endian 16-bit value.
    static func put16(_ bytes: inout [UInt8], _ offset: Int, _ value: Int) {
        bytes[offset] = UInt8(value & 0xFF)
        bytes[offset + 1] = UInt8((value >> 8) & 0xFF)
    }
}
