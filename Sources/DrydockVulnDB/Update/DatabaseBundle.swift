import Foundation

/// A DB bundle for air-gapped networks: an uncompressed POSIX tar holding `drydock.db` and
/// `metadata.json` (in that order; other members are ignored).
///
/// `drydock db export`/`db import` write and read it. Import verifies before it installs: the DB
/// file's SHA-256 must equal `metadata.json`'s `digest`, and the file must open as a DB of this
/// schema version; only then is it renamed over the current DB, so a bad bundle changes nothing.
public enum DatabaseBundle {
    /// The DB member's name.
    public static let databaseMember = "drydock.db"
    /// The metadata member's name.
    public static let metadataMember = "metadata.json"

    /// Writes a bundle of the DB at `databasePath` and its `metadata.json` to `bundlePath`.
    public static func export(databasePath: String, to bundlePath: String) throws(VulnDBError) {
        try FeedDownloader.writeAtomically(try make(databasePath: databasePath).bytes, to: bundlePath)
    }

    /// The bundle bytes for the DB at `databasePath`, and the metadata they hold; refuses when
    /// `metadata.json` is missing or does not describe the DB file.
    public static func make(databasePath: String) throws(VulnDBError) -> (bytes: [UInt8], metadata: DatabaseMetadata) {
        guard let metadata = try DatabaseMetadata.read(forDatabase: databasePath) else {
            throw VulnDBError(
                code: .notFound, reason: "no metadata.json beside the DB (rebuild it with this drydock)",
                location: databasePath)
        }
        let digest = try DatabaseMetadata.digest(ofFile: databasePath)
        guard digest == metadata.digest else {
            throw VulnDBError(
                code: .verificationFailed, reason: "metadata.json does not describe this DB file (digest differs)",
                location: databasePath)
        }
        guard let database = FileManager.default.contents(atPath: databasePath) else {
            throw VulnDBError(code: .ioFailure, reason: "cannot read the DB", location: databasePath)
        }
        var out: [UInt8] = []
        TarArchive.append(name: databaseMember, contents: Array(database), to: &out)
        TarArchive.append(name: metadataMember, contents: try metadata.encoded(), to: &out)
        out += [UInt8](repeating: 0, count: 1024)
        return (out, metadata)
    }

    /// Verifies the bundle at `bundlePath` and installs it as `databasePath` plus its metadata.
    @discardableResult
    public static func install(bundlePath: String, databasePath: String) throws(VulnDBError) -> DatabaseMetadata {
        let (database, metadata) = try read(bundlePath: bundlePath)
        return try installVerified(database: database, metadata: metadata, databasePath: databasePath)
    }

    /// The DB bytes and metadata a bundle holds (not yet verified against each other).
    static func read(bundlePath: String) throws(VulnDBError) -> (database: [UInt8], metadata: DatabaseMetadata) {
        guard let data = FileManager.default.contents(atPath: bundlePath) else {
            throw VulnDBError(code: .notFound, reason: "bundle not found", location: bundlePath)
        }
        let members = try TarArchive.members(Array(data), location: bundlePath)
        guard let database = members[databaseMember], let metadataBytes = members[metadataMember] else {
            throw VulnDBError(
                code: .verificationFailed,
                reason: "not a DB bundle: expected members \(databaseMember) and \(metadataMember)",
                location: bundlePath)
        }
        return (database, try DatabaseMetadata.decode(metadataBytes, location: bundlePath + ":" + metadataMember))
    }

    /// Writes `database` beside `databasePath`, checks digest and schema, renames it into place and
    /// writes `metadata`.
    static func installVerified(
        database: [UInt8], metadata: DatabaseMetadata, databasePath: String
    ) throws(VulnDBError) -> DatabaseMetadata {
        let file = try AtomicFile(destination: databasePath)
        do throws(VulnDBError) {
            try file.write(database)
            let digest = try DatabaseMetadata.digest(ofFile: file.temporaryPath)
            guard digest == metadata.digest else {
                throw VulnDBError(
                    code: .verificationFailed,
                    reason: "the DB's digest \(digest) is not the \(metadata.digest) its metadata states",
                    location: databasePath)
            }
            _ = try VulnerabilityDatabase.open(path: file.temporaryPath)
            // metadata.json is written before the DB is replaced: a full disk leaves the old pair in place.
            let staged = try metadata.stage(forDatabase: databasePath)
            try file.commit()
            try staged.commit()
        } catch {
            file.abandon()
            throw error
        }
        return metadata
    }
}

/// The few bits of POSIX tar a DB bundle needs: regular-file members with ustar headers.
enum TarArchive {
    static func append(name: String, contents: [UInt8], to out: inout [UInt8]) {
        out += header(name: name, size: contents.count)
        out += contents
        out += padding(after: contents.count)
    }

    /// The zero bytes that round a member of `size` bytes up to a 512-byte block.
    static func padding(after size: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: (512 - size % 512) % 512)
    }

    /// The ustar header of a regular file `name` of `size` bytes.
    static func header(name: String, size: Int) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        }
        put(name, at: 0, width: 100)
        put(octal(0o644, width: 8), at: 100, width: 8)
        put(octal(0, width: 8), at: 108, width: 8)
        put(octal(0, width: 8), at: 116, width: 8)
        put(octal(size, width: 12), at: 124, width: 12)
        put(octal(0, width: 12), at: 136, width: 12)
        put("        ", at: 148, width: 8)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let sum = header.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 7), at: 148, width: 7)
        return header
    }

    /// Regular-file members by name; throws on a truncated archive or a bad header checksum.
    static func members(_ bytes: [UInt8], location: String) throws(VulnDBError) -> [String: [UInt8]] {
        var members: [String: [UInt8]] = [:]
        var offset = 0
        func bad(_ reason: String) -> VulnDBError {
            VulnDBError(code: .verificationFailed, reason: "not a readable tar: \(reason)", location: location)
        }
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { return members }
            func field(_ start: Int, _ width: Int) -> String {
                let slice = header[(offset + start)..<(offset + start + width)]
                return String(decoding: slice.prefix { $0 != 0 }, as: UTF8.self)
            }
            let stored = Int(field(148, 8).trimmingCharacters(in: .whitespaces), radix: 8)
            var sum = 0
            for (index, byte) in header.enumerated() {
                sum += (148..<156).contains(index) ? 0x20 : Int(byte)
            }
            guard stored == sum else { throw bad("header checksum mismatch at offset \(offset)") }
            guard let size = Int(field(124, 12).trimmingCharacters(in: .whitespaces), radix: 8) else {
                throw bad("unreadable size at offset \(offset)")
            }
            let start = offset + 512
            guard start + size <= bytes.count else { throw bad("member ends after the file (truncated?)") }
            let type = header[offset + 156]
            if type == UInt8(ascii: "0") || type == 0 {
                var name = field(0, 100)
                if name.hasPrefix("./") { name.removeFirst(2) }
                members[name] = Array(bytes[start..<start + size])
            }
            offset = start + (size + 511) / 512 * 512
        }
        throw bad("no end-of-archive marker (truncated?)")
    }
}
