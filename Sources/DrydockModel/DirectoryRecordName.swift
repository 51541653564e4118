#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The name of a `readdir` record, read without going past the record.
///
/// `d_name` is declared as a 256-byte array, but the C library packs records to their names' length: copying
/// the whole field (`withUnsafeBytes(of: record.pointee.d_name)`) reads past the end of the directory buffer for
/// the last record of a short name (AddressSanitizer: heap-buffer-overflow in `opendir`'s allocation). This reads
/// the bytes in place, up to the terminating NUL, which is always inside the record.
public enum DirectoryRecordName {
    /// The name's bytes, without the terminating NUL.
    public static func bytes(of record: UnsafePointer<dirent>) -> [UInt8] {
        guard let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { return [] }
        let start = (UnsafeRawPointer(record) + offset).assumingMemoryBound(to: CChar.self)
        return Array(UnsafeRawBufferPointer(start: start, count: strlen(start)))
    }

    /// The name as a string (invalid UTF-8 repaired with U+FFFD).
    public static func string(of record: UnsafePointer<dirent>) -> String {
        String(decoding: bytes(of: record), as: UTF8.self)
    }
}
