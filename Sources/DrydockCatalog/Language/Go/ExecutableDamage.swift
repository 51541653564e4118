/// Recognises executables that are cut short: headers announcing tables or segments past the end of the
/// file (an interrupted copy, a truncated layer). Such a file cannot be a working program, and its build
/// information may be among the missing bytes, so it is reported rather than silently skipped.
enum ExecutableDamage {
    /// Why `bytes`, which start with an executable magic, are cut short; `nil` when every table and
    /// segment the headers announce lies inside them, or the headers are not understood.
    static func cutShort(_ bytes: [UInt8]) -> String? {
        // In memory, reads cannot fail.
        (try? cutShort(InMemoryBytes(bytes))) ?? nil
    }

    /// `cutShort(_:)` for a file read by offset (its headers and tables only). Throws `CatalogError`
    /// (`unreadable-file`) on an I/O error.
    static func cutShort(_ file: any RandomAccessBytes) throws(CatalogError) -> String? {
        let r = ByteReader(file)
        let reason = cutShort(r)
        if let failure = r.failure { throw failure }
        return reason
    }

    /// `cutShort(_:)` through a reader that may already hold the headers.
    static func cutShort(_ r: ByteReader) -> String? {
        let count = UInt64(r.count)
        switch ExecutableFile.format(ofPrefix: r.bytes(0..<min(4, r.count)) ?? []) {
        case .elf:
            guard let elfClass = r.byte(4), let data = r.byte(5), elfClass == 1 || elfClass == 2 else { return nil }
            let is64 = elfClass == 2
            let little = data != 2
            guard let shoff = is64 ? r.uint(0x28, 8, little) : r.uint(0x20, 4, little),
                let size = r.uint(is64 ? 0x3a : 0x2e, 2, little), let number = r.uint(is64 ? 0x3c : 0x30, 2, little)
            else { return "the ELF header is incomplete" }
            if number > 0, shoff > count || size &* number > count - shoff {
                return "its section table ends at byte \(shoff &+ size &* number), past its \(count) bytes"
            }
            for index in 0..<min(number, 65_536) {
                guard let base = Int(exactly: shoff + index * size), let type = r.uint(base + 4, 4, little),
                    let offset = is64 ? r.uint(base + 24, 8, little) : r.uint(base + 16, 4, little),
                    let length = is64 ? r.uint(base + 32, 8, little) : r.uint(base + 20, 4, little)
                else { break }
                // SHT_NULL and SHT_NOBITS (.bss) have no bytes in the file.
                if type != 0, type != 8, offset > count || length > count - offset {
                    return "a section ends at byte \(offset &+ length), past its \(count) bytes"
                }
            }
            return nil
        case .machO:
            let little = r.byte(0) != 0xfe
            guard let magic = r.uint(0, 4, little), let commands = r.uint(16, 4, little),
                let commandBytes = r.uint(20, 4, little)
            else { return "the Mach-O header is incomplete" }
            let is64 = magic == 0xfeed_facf
            var at = UInt64(is64 ? 32 : 28)
            if at + commandBytes > count { return "its load commands end past its \(count) bytes" }
            for _ in 0..<min(commands, 100_000) {
                guard let b = Int(exactly: at), let command = r.uint(b, 4, little), let size = r.uint(b + 4, 4, little),
                    size >= 8
                else { break }
                if command == 0x19 || command == 0x1 {
                    let offset = is64 ? r.uint(b + 40, 8, little) : r.uint(b + 32, 4, little)
                    let length = is64 ? r.uint(b + 48, 8, little) : r.uint(b + 36, 4, little)
                    if let offset, let length, offset > count || length > count - offset {
                        return "a segment ends at byte \(offset &+ length), past its \(count) bytes"
                    }
                }
                at += size
            }
            return nil
        case .pe:
            guard let peOffset = r.uint(0x3c, 4, true), let p = Int(exactly: peOffset), r.fixedString(p, 4) == "PE",
                let sections = r.uint(p + 6, 2, true), let optionalSize = r.uint(p + 20, 2, true)
            else { return nil }
            let table = p + 24 + Int(optionalSize)
            for index in 0..<Int(sections) {
                let s = table + index * 40
                guard let rawSize = r.uint(s + 16, 4, true), let rawOffset = r.uint(s + 20, 4, true) else {
                    return "its section table ends past its \(count) bytes"
                }
                if rawSize > 0, rawOffset > count || rawSize > count - rawOffset {
                    return "a section ends at byte \(rawOffset + rawSize), past its \(count) bytes"
                }
            }
            return nil
        case nil:
            return nil
        }
    }
}
