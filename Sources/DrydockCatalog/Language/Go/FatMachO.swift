/// Universal ("fat") Mach-O files: several thin Mach-O programs, one per CPU, behind one big-endian header.
///
/// The header starts with `0xcafebabe` (32-bit offsets) or `0xcafebabf` (64-bit offsets), then the number of
/// architectures. Java class files share the first magic, followed by their minor and major version, which
/// read as a count give at least 45 (Java 1.1): like Go's `debug/macho` and `file(1)`, a count above 20 is
/// not a fat file.
public enum FatMachO {
    /// The most architectures a real fat file holds; larger counts are Java class files or garbage.
    static let maximumArchitectures = 20

    /// Whether `prefix` (the first 8 bytes or more) announces a fat Mach-O file.
    public static func isFat(_ prefix: some Collection<UInt8>) -> Bool {
        let head = Array(prefix.prefix(8))
        guard head.count == 8, head[0] == 0xca, head[1] == 0xfe, head[2] == 0xba, head[3] == 0xbe || head[3] == 0xbf
        else { return false }
        let count = head[4...7].reduce(0) { $0 << 8 | Int($1) }
        return count >= 1 && count <= maximumArchitectures
    }

    /// The file ranges of the thin programs in `bytes`, in header order; `nil` when `bytes` is not a fat file.
    /// A slice whose range leads outside the file is left out.
    public static func slices(_ bytes: [UInt8]) -> [Range<Int>]? {
        // In memory, reads cannot fail.
        (try? slices(InMemoryBytes(bytes))) ?? nil
    }

    /// The file ranges of the thin programs in `file` (its header only is read), in header order; `nil` when
    /// it is not a fat file. Throws `CatalogError` (`unreadable-file`) on an I/O error.
    public static func slices(_ file: any RandomAccessBytes) throws(CatalogError) -> [Range<Int>]? {
        let head = try file.bytes(0..<8)
        guard isFat(head) else { return nil }
        let wide = head[3] == 0xbf
        let entrySize = wide ? 32 : 20
        let count = head[4...7].reduce(0) { $0 << 8 | Int($1) }
        let table = ByteReader(try file.bytes(8..<(8 + count * entrySize)))
        let size = UInt64(file.count)
        var ranges: [Range<Int>] = []
        for index in 0..<count {
            let entry = index * entrySize
            // cputype, cpusubtype, then offset and size (4 or 8 bytes each), align (and a reserved word).
            let width = wide ? 8 : 4
            guard let offset = table.uint(entry + 8, width, false),
                let length = table.uint(entry + 8 + width, width, false),
                offset <= size, length <= size - offset, length > 0
            else { continue }
            ranges.append(Int(offset)..<Int(offset + length))
        }
        return ranges
    }
}
