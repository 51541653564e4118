import DrydockImage
import Foundation

/// One entry read back from an archive, with its content.
struct ReadEntry: Equatable {
    var entry: TarEntry
    var content: [UInt8]
}

/// Reads every entry of `source`, with content.
func readAllEntries(_ source: any ByteSource, location: String = "test.tar") throws(ImageError) -> [ReadEntry] {
    let reader = TarReader(source: source, location: location)
    var result: [ReadEntry] = []
    while let entry = try reader.next() {
        result.append(ReadEntry(entry: entry, content: try reader.readContent(limit: 1 << 30)))
    }
    return result
}

/// Builds tar blocks by hand, for cases the system `tar` will not write (PAX size, base-256, `..`).
enum TarBuilder {
    /// A ustar header block with a correct checksum.
    static func header(
        name: String, type: Character = "0", size: Int64 = 0, linkName: String = "", base256Size: Bool = false,
        magic: [UInt8] = Array("ustar\0".utf8) + Array("00".utf8)
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, _ offset: Int, _ length: Int) {
            for (i, byte) in text.utf8.prefix(length).enumerated() { block[offset + i] = byte }
        }
        put(name, 0, 100)
        put("0000644", 100, 8)
        put("0000000", 108, 8)
        put("0000000", 116, 8)
        if base256Size {
            block[124] = 0x80
            var value = size
            for i in stride(from: 135, to: 124, by: -1) {
                block[i] = UInt8(value & 0xff)
                value >>= 8
            }
        } else {
            let octal = String(size, radix: 8)
            put(String(repeating: "0", count: 11 - octal.count) + octal, 124, 11)
        }
        put("00000000000", 136, 11)
        block[156] = type.asciiValue ?? 0x30
        put(linkName, 157, 100)
        for (i, byte) in magic.enumerated() { block[257 + i] = byte }
        for i in 148..<156 { block[i] = 0x20 }
        let sum = block.reduce(0) { $0 + Int($1) }
        let octal = String(sum, radix: 8)
        put(String(repeating: "0", count: 6 - octal.count) + octal, 148, 6)
        block[154] = 0
        block[155] = 0x20
        return block
    }

    /// Content padded to a 512-byte boundary.
    static func padded(_ content: [UInt8]) -> [UInt8] {
        content + [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    /// One PAX record `"<len> key=value\n"`.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).count + body.utf8.count != length { length += 1 }
        return Array("\(length)\(body)".utf8)
    }

    /// The end-of-archive marker.
    static let end = [UInt8](repeating: 0, count: 1024)
}
