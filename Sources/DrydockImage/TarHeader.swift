/// Pure parsing of one 512-byte tar header block: fields, checksum, numbers, PAX records, paths.
enum TarHeader {
    static let blockSize = 512

    /// Raw facts of one header, before GNU long names and PAX records are applied.
    struct Fields {
        var name: String
        var linkName: String
        var typeFlag: UInt8
        var size: Int64
        var mode: UInt32
    }

    /// `true` when all 512 bytes are zero (an end-of-archive block).
    static func isZeroBlock(_ block: UnsafeRawBufferPointer) -> Bool {
        var acc: UInt64 = 0
        let words = block.count / 8
        for i in 0..<words {
            acc |= block.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
        }
        return acc == 0
    }

    /// Checks the header checksum (unsigned, or the historic signed variant).
    static func checksumMatches(_ block: UnsafeRawBufferPointer) -> Bool {
        guard let stored = parseOctal(block, 148, 8), stored >= 0 else { return false }
        var unsigned = 0
        for byte in block { unsigned &+= Int(byte) }
        for i in 148..<156 { unsigned &-= Int(block[i]) }
        unsigned &+= 8 * 0x20
        if Int64(unsigned) == stored { return true }
        var signed = 0
        for byte in block { signed &+= Int(Int8(bitPattern: byte)) }
        for i in 148..<156 { signed &-= Int(Int8(bitPattern: block[i])) }
        signed &+= 8 * 0x20
        return Int64(signed) == stored
    }

    /// Parses the fields of a header whose checksum was verified; `nil` when a number field is invalid.
    static func parse(_ block: UnsafeRawBufferPointer) -> Fields? {
        guard let size = parseNumber(block, 124, 12), size >= 0,
            let mode = parseNumber(block, 100, 8)
        else { return nil }
        var name = string(block, 0, 100)
        // POSIX ustar ("ustar\0") keeps a path prefix at 345; GNU ("ustar  \0") uses that area otherwise.
        let isPOSIX =
            block[257] == 0x75 && block[258] == 0x73 && block[259] == 0x74 && block[260] == 0x61
            && block[261] == 0x72 && block[262] == 0
        if isPOSIX && block[345] != 0 {
            name = string(block, 345, 155) + "/" + name
        }
        return Fields(
            name: name, linkName: string(block, 157, 100), typeFlag: block[156], size: size,
            mode: UInt32(truncatingIfNeeded: mode & 0o7777))
    }

    /// A NUL-terminated string field.
    static func string(_ block: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> String {
        var end = start
        let limit = start + length
        while end < limit && block[end] != 0 { end += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: block[start..<end]), as: UTF8.self)
    }

    /// A numeric field: octal ASCII, or base-256 (GNU/star) when the high bit of the first byte is set.
    static func parseNumber(_ block: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> Int64? {
        let first = block[start]
        if first & 0x80 != 0 {
            if first == 0xff { return nil }  // negative: never valid for sizes or modes
            var value = Int64(first & 0x7f)
            for i in (start + 1)..<(start + length) {
                if value > (Int64.max >> 8) { return nil }
                value = (value << 8) | Int64(block[i])
            }
            return value
        }
        return parseOctal(block, start, length)
    }

    /// Octal ASCII, with leading spaces or NULs, ended by a space, a NUL or the field end.
    static func parseOctal(_ block: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> Int64? {
        var i = start
        let end = start + length
        while i < end && (block[i] == 0x20 || block[i] == 0) { i += 1 }
        var value: Int64 = 0
        while i < end {
            let byte = block[i]
            if byte == 0x20 || byte == 0 { break }
            guard byte >= 0x30 && byte <= 0x37 else { return nil }
            if value > (Int64.max >> 3) { return nil }
            value = (value << 3) | Int64(byte - 0x30)
            i += 1
        }
        return value
    }

    /// PAX extended header records: `"<len> <key>=<value>\n"`; `nil` when malformed.
    static func parsePAX(_ bytes: [UInt8]) -> [String: String]? {
        var records: [String: String] = [:]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0 { break }  // trailing NUL padding
            var length = 0
            var j = i
            while j < bytes.count && bytes[j] != 0x20 {
                let d = bytes[j]
                guard d >= 0x30 && d <= 0x39, length < 1 << 30 else { return nil }
                length = length * 10 + Int(d - 0x30)
                j += 1
            }
            guard j < bytes.count, length > j - i + 1, i + length <= bytes.count, bytes[i + length - 1] == 0x0a
            else { return nil }
            let body = bytes[(j + 1)..<(i + length - 1)]
            guard let eq = body.firstIndex(of: 0x3d) else { return nil }
            let key = String(decoding: body[body.startIndex..<eq], as: UTF8.self)
            let value = String(decoding: body[(eq + 1)...], as: UTF8.self)
            records[key] = value
            i += length
        }
        return records
    }

    /// Normalises an archive path: strips leading `/` and `./`, drops `.` and empty components, resolves
    /// `..` without ever climbing above the root (a `..` at the root is dropped). The root is `""`.
    static func normalize(_ path: String) -> String {
        if isClean(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    /// `true` when `path` needs no normalisation (the common case, checked without allocating).
    private static func isClean(_ path: String) -> Bool {
        var previousSlash = true  // at start, as if after a slash
        var dots = 0  // dots since the last slash, -1 once another character appears
        for byte in path.utf8 {
            if byte == 0x2f {
                if previousSlash || dots == 1 || dots == 2 { return false }
                previousSlash = true
                dots = 0
            } else {
                if byte == 0x2e && dots >= 0 && (previousSlash || dots > 0) {
                    dots += 1
                } else {
                    dots = -1
                }
                previousSlash = false
            }
        }
        return !previousSlash && dots != 1 && dots != 2
    }
}
