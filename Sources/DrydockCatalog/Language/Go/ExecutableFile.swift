/// The sections of an ELF, Mach-O or PE executable, read from its headers by offset (the section contents are
/// not read).
///
/// Only what build-info readers need: section names, load addresses and file ranges, the byte order and
/// the pointer size. Offsets and sizes are checked against the file, so a truncated or corrupted file gives
/// `nil` or missing sections, never a crash.
public struct ExecutableFile: Sendable {
    /// The container format.
    public enum Format: String, Sendable, Hashable, Codable {
        /// Linux and most Unix systems.
        case elf
        /// macOS.
        case machO = "mach-o"
        /// Windows.
        case pe
    }

    /// One section with file content.
    public struct Section: Sendable, Hashable {
        /// `.go.buildinfo`, `__go_buildinfo`, `.data`, `.dep-v0`.
        public var name: String
        /// Virtual address the section is loaded at.
        public var address: UInt64
        /// Offset of its content in the file.
        public var offset: Int
        /// Length of its content in the file (clamped to the file).
        public var size: Int
    }

    /// The container format.
    public let format: Format
    /// Sections that have content in the file, in header order.
    public let sections: [Section]
    /// Whether multi-byte values are little-endian.
    public let littleEndian: Bool
    /// Pointer size in bytes (4 or 8).
    public let pointerSize: Int

    /// The format the first bytes of a file announce, or `nil` (`\x7fELF`, Mach-O magics, `MZ`).
    public static func format(ofPrefix prefix: some Collection<UInt8>) -> Format? {
        let head = Array(prefix.prefix(4))
        guard head.count == 4 else { return nil }
        if head == [0x7f, 0x45, 0x4c, 0x46] { return .elf }
        if head[0] == 0x4d, head[1] == 0x5a { return .pe }
        let magics: [[UInt8]] = [
            [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf],
        ]
        return magics.contains(head) ? .machO : nil
    }

    /// Reads the section table of `bytes`; `nil` when they are not a supported executable or the headers
    /// are unusable.
    public init?(_ bytes: [UInt8]) {
        // In memory, reads cannot fail.
        guard let parsed = try? Self(ByteReader(bytes)) else { return nil }
        self = parsed
    }

    /// Reads the section table of `file` (its headers only, by offset); `nil` when it is not a supported
    /// executable or the headers are unusable. Throws `CatalogError` (`unreadable-file`) on an I/O error.
    public init?(_ file: any RandomAccessBytes) throws(CatalogError) {
        guard let parsed = try Self(ByteReader(file)) else { return nil }
        self = parsed
    }

    /// Reads the section table through `reader`.
    init?(_ reader: ByteReader) throws(CatalogError) {
        guard let head = reader.bytes(0..<min(4, reader.count)), let format = Self.format(ofPrefix: head) else {
            if let failure = reader.failure { throw failure }
            return nil
        }
        let parsed: (sections: [Section], littleEndian: Bool, pointerSize: Int)?
        switch format {
        case .elf: parsed = Self.elf(reader)
        case .machO: parsed = Self.machO(reader)
        case .pe: parsed = Self.pe(reader)
        }
        if let failure = reader.failure { throw failure }
        guard let parsed else { return nil }
        self.format = format
        self.sections = parsed.sections
        self.littleEndian = parsed.littleEndian
        self.pointerSize = parsed.pointerSize
    }

    /// The first section named `name`.
    public func section(named name: String) -> Section? { sections.first { $0.name == name } }

    /// The file range holding `count` bytes at virtual `address`, when one section covers them.
    public func fileRange(address: UInt64, count: Int) -> Range<Int>? {
        guard count >= 0 else { return nil }
        for section in sections where address >= section.address {
            let delta = address - section.address
            guard delta <= UInt64(section.size), UInt64(count) <= UInt64(section.size) - delta else { continue }
            let start = section.offset + Int(delta)
            return start..<(start + count)
        }
        return nil
    }

    private static func elf(_ r: ByteReader) -> (sections: [Section], littleEndian: Bool, pointerSize: Int)? {
        guard r.count > 0x34, let elfClass = r.byte(4), let data = r.byte(5) else { return nil }
        let is64 = elfClass == 2
        let little = data != 2
        guard elfClass == 1 || elfClass == 2 else { return nil }
        let shoff = is64 ? r.uint(0x28, 8, little) : r.uint(0x20, 4, little)
        let shentsize = r.uint(is64 ? 0x3a : 0x2e, 2, little)
        let shnum = r.uint(is64 ? 0x3c : 0x30, 2, little)
        let shstrndx = r.uint(is64 ? 0x3e : 0x32, 2, little)
        guard let shoff, let shentsize, let shnum, let shstrndx, shnum < 65_536, shentsize >= (is64 ? 64 : 40)
        else { return nil }
        struct Raw {
            var nameOffset: UInt64
            var type: UInt64
            var address: UInt64
            var offset: UInt64
            var size: UInt64
        }
        var raws: [Raw] = []
        for index in 0..<shnum {
            let base = shoff + index * shentsize
            guard base < UInt64(r.count), let b = Int(exactly: base) else { return nil }
            let fields: [UInt64?] =
                is64
                ? [
                    r.uint(b, 4, little), r.uint(b + 4, 4, little), r.uint(b + 16, 8, little),
                    r.uint(b + 24, 8, little), r.uint(b + 32, 8, little),
                ]
                : [
                    r.uint(b, 4, little), r.uint(b + 4, 4, little), r.uint(b + 12, 4, little),
                    r.uint(b + 16, 4, little), r.uint(b + 20, 4, little),
                ]
            guard let name = fields[0], let type = fields[1], let address = fields[2], let offset = fields[3],
                let size = fields[4]
            else { return nil }
            raws.append(Raw(nameOffset: name, type: type, address: address, offset: offset, size: size))
        }
        let names = shstrndx < raws.count ? raws[Int(shstrndx)] : nil
        var sections: [Section] = []
        for raw in raws where raw.type != 8 && raw.type != 0 {  // SHT_NOBITS, SHT_NULL: no content
            var name = ""
            if let names { name = r.cString(at: names.offset &+ raw.nameOffset, limit: names.offset &+ names.size) }
            if let section = clamped(name: name, address: raw.address, offset: raw.offset, size: raw.size, r) {
                sections.append(section)
            }
        }
        return (sections, little, is64 ? 8 : 4)
    }

    private static func machO(_ r: ByteReader) -> (sections: [Section], littleEndian: Bool, pointerSize: Int)? {
        guard let first = r.byte(0) else { return nil }
        let little = first != 0xfe
        guard let magic = r.uint(0, 4, little), let ncmds = r.uint(16, 4, little), ncmds < 100_000 else { return nil }
        let is64 = magic == 0xfeed_facf
        var at = UInt64(is64 ? 32 : 28)
        var sections: [Section] = []
        for _ in 0..<ncmds {
            guard let b = Int(exactly: at), let cmd = r.uint(b, 4, little), let size = r.uint(b + 4, 4, little),
                size >= 8
            else { break }
            if cmd == 0x19 || cmd == 0x1 {
                let sectionsAt = b + (is64 ? 72 : 56)
                let count = r.uint(b + (is64 ? 64 : 48), 4, little) ?? 0
                let stride = is64 ? 80 : 68
                for index in 0..<min(Int(count), 10_000) {
                    let s = sectionsAt + index * stride
                    let name = r.fixedString(s, 16)
                    let address = is64 ? r.uint(s + 32, 8, little) : r.uint(s + 32, 4, little)
                    let length = is64 ? r.uint(s + 40, 8, little) : r.uint(s + 36, 4, little)
                    let offset = r.uint(s + (is64 ? 48 : 40), 4, little)
                    guard let address, let length, let offset else { break }
                    if offset == 0 { continue }  // zero-fill section: no content
                    if let section = clamped(name: name, address: address, offset: offset, size: length, r) {
                        sections.append(section)
                    }
                }
            }
            at += size
        }
        return (sections, little, is64 ? 8 : 4)
    }

    private static func pe(_ r: ByteReader) -> (sections: [Section], littleEndian: Bool, pointerSize: Int)? {
        guard let peOffset = r.uint(0x3c, 4, true), let p = Int(exactly: peOffset),
            r.fixedString(p, 4) == "PE", let count = r.uint(p + 6, 2, true),
            let optionalSize = r.uint(p + 20, 2, true), let optionalMagic = r.uint(p + 24, 2, true)
        else { return nil }
        let is64 = optionalMagic == 0x20b
        guard let imageBase = is64 ? r.uint(p + 24 + 24, 8, true) : r.uint(p + 24 + 28, 4, true) else { return nil }
        let table = p + 24 + Int(optionalSize)
        var sections: [Section] = []
        for index in 0..<Int(count) {
            let s = table + index * 40
            guard let virtualAddress = r.uint(s + 12, 4, true), let rawSize = r.uint(s + 16, 4, true),
                let rawOffset = r.uint(s + 20, 4, true)
            else { break }
            let virtualSize = r.uint(s + 8, 4, true) ?? rawSize
            let size = virtualSize > 0 ? min(virtualSize, rawSize) : rawSize
            if let section = clamped(
                name: r.fixedString(s, 8), address: imageBase &+ virtualAddress, offset: rawOffset, size: size, r)
            {
                sections.append(section)
            }
        }
        return (sections, true, is64 ? 8 : 4)
    }

    private static func clamped(name: String, address: UInt64, offset: UInt64, size: UInt64, _ r: ByteReader)
        -> Section?
    {
        guard offset < UInt64(r.count) else { return nil }
        let available = UInt64(r.count) - offset
        return Section(name: name, address: address, offset: Int(offset), size: Int(min(size, available)))
    }
}
