/// A decoded view of one RPM header blob, as rpm stores it in its database.
///
/// Layout (rpm's `lib/header.c`, all numbers big-endian): index count `il` (4 bytes), data length `dl`
/// (4 bytes), `il` index entries of 16 bytes each (tag, type, offset into the data, count), then `dl` bytes of
/// data. The first entry is usually a region tag (61–63) whose data is a trailer entry; entries after the region
/// ("dribbles", such as install time) override region entries with the same tag, so the last entry of a tag
/// wins. Accessors check every offset and length against the data and return `nil` instead of trapping; only
/// the values asked for become `String`s.
struct RPMHeader {
    /// Why a blob could not be decoded.
    struct Entry {
        var type: UInt32
        var offset: Int
        var count: Int
    }

    /// rpm's own limits on a header's index count and data size (`hdrblob.c`).
    static let maximumEntries = 0xFFFF
    static let maximumData = 256 * 1024 * 1024

    private let data: RPMBytes
    private let dataStart: Int
    private let dataEnd: Int
    private var entries: [Int32: Entry] = [:]

    /// Reads the index of `blob`.
    init(_ blob: [UInt8]) throws(RPMFormatProblem) {
        data = RPMBytes(bytes: blob)
        guard let il = data.u32BE(0), let dl = data.u32BE(4) else {
            throw RPMFormatProblem(reason: "header blob shorter than 8 bytes", offset: 0)
        }
        guard il >= 1, il <= Self.maximumEntries else {
            throw RPMFormatProblem(reason: "header index count \(il) out of range", offset: 0)
        }
        guard dl <= Self.maximumData else {
            throw RPMFormatProblem(reason: "header data length \(dl) out of range", offset: 4)
        }
        dataStart = 8 + Int(il) * 16
        dataEnd = dataStart + Int(dl)
        guard dataEnd <= blob.count else {
            throw RPMFormatProblem(reason: "header needs \(dataEnd) bytes but the blob has \(blob.count)", offset: 0)
        }
        entries.reserveCapacity(Int(il))
        for index in 0..<Int(il) {
            let at = 8 + index * 16
            guard let tag = data.u32BE(at), let type = data.u32BE(at + 4), let offset = data.u32BE(at + 8),
                let count = data.u32BE(at + 12)
            else { throw RPMFormatProblem(reason: "index entry truncated", offset: at) }
            guard type <= RPMTagType.i18nString else {
                throw RPMFormatProblem(reason: "index entry \(index) has unknown type \(type)", offset: at)
            }
            guard offset <= dl, count <= dl + 1 else {
                throw RPMFormatProblem(reason: "index entry \(index) points outside the data", offset: at)
            }
            entries[Int32(bitPattern: tag)] = Entry(type: type, offset: Int(offset), count: Int(count))
        }
    }

    /// A `STRING` (or first `I18NSTRING`) value.
    func string(_ tag: Int32) -> String? {
        guard let entry = entries[tag], entry.type == RPMTagType.string || entry.type == RPMTagType.i18nString,
            let (value, _) = cString(at: dataStart + entry.offset)
        else { return nil }
        return value
    }

    /// A `STRING_ARRAY` value (or a `STRING`, as a one-element array).
    func strings(_ tag: Int32) -> [String]? {
        guard let entry = entries[tag] else { return nil }
        if entry.type == RPMTagType.string { return string(tag).map { [$0] } }
        guard entry.type == RPMTagType.stringArray || entry.type == RPMTagType.i18nString else { return nil }
        var result: [String] = []
        result.reserveCapacity(entry.count)
        var cursor = dataStart + entry.offset
        for _ in 0..<entry.count {
            guard let (value, next) = cString(at: cursor) else { return nil }
            result.append(value)
            cursor = next
        }
        return result
    }

    /// An `INT32` array.
    func int32s(_ tag: Int32) -> [Int32]? {
        guard let entry = entries[tag], entry.type == RPMTagType.int32,
            entry.count <= (dataEnd - dataStart - entry.offset) / 4
        else { return nil }
        let start = dataStart + entry.offset
        return (0..<entry.count).compactMap { data.u32BE(start + 4 * $0).map { Int32(bitPattern: $0) } }
    }

    /// An `INT16` array.
    func int16s(_ tag: Int32) -> [UInt16]? {
        guard let entry = entries[tag], entry.type == RPMTagType.int16,
            entry.count <= (dataEnd - dataStart - entry.offset) / 2
        else { return nil }
        let start = dataStart + entry.offset
        return (0..<entry.count).compactMap { data.u16BE(start + 2 * $0).map { UInt16($0) } }
    }

    /// Whether the header has an entry for `tag`.
    func has(_ tag: Int32) -> Bool { entries[tag] != nil }

    /// The NUL-terminated string at `start` and the offset just past its NUL.
    private func cString(at start: Int) -> (String, Int)? {
        guard start >= dataStart, start < dataEnd else { return nil }
        var end = start
        let bytes = data.bytes
        while end < dataEnd, bytes[end] != 0 { end += 1 }
        guard end < dataEnd else { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self), end + 1)
    }
}
