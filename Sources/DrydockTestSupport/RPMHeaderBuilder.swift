/// Builds RPM header blobs, the way rpm stores them in its database, for tests that need headers with known
/// content or known damage.
///
/// The blob has an immutable region (tag 63) covering every entry, like the headers rpm writes: index count,
/// data length, index entries (tag, type, offset, count; big-endian), data. Values are aligned as rpm aligns them.
public struct RPMHeaderBuilder: Sendable {
    /// One tag's value.
    public enum Value: Sendable {
        /// `STRING` (type 6).
        case string(String)
        /// `STRING_ARRAY` (type 8).
        case strings([String])
        /// `INT32` array (type 4).
        case int32([Int32])
        /// `INT16` array (type 3).
        case int16([UInt16])
    }

    private var entries: [(tag: Int32, value: Value)] = []

    /// An empty header.
    public init() {}

    /// Adds a tag.
    public mutating func add(_ tag: Int32, _ value: Value) {
        entries.append((tag, value))
    }

    /// A header for a package with the usual fields and `files` (absolute paths; a trailing `/` marks a directory).
    public static func package(
        name: String, epoch: Int32? = nil, version: String, release: String, arch: String? = "x86_64",
        sourceRPM: String? = nil, license: String? = nil, files: [String] = []
    ) -> RPMHeaderBuilder {
        var builder = RPMHeaderBuilder()
        builder.add(1000, .string(name))
        builder.add(1001, .string(version))
        builder.add(1002, .string(release))
        if let epoch { builder.add(1003, .int32([epoch])) }
        if let license { builder.add(1014, .string(license)) }
        if let arch { builder.add(1022, .string(arch)) }
        if let sourceRPM { builder.add(1044, .string(sourceRPM)) }
        if !files.isEmpty {
            var directories: [String] = []
            var bases: [String] = []
            var indexes: [Int32] = []
            var modes: [UInt16] = []
            for file in files {
                let isDirectory = file.hasSuffix("/")
                let trimmed = isDirectory ? String(file.dropLast()) : file
                let slash = trimmed.lastIndex(of: "/") ?? trimmed.startIndex
                let directory = String(trimmed[...slash])
                let base = String(trimmed[trimmed.index(after: slash)...])
                if !directories.contains(directory) { directories.append(directory) }
                indexes.append(Int32(directories.firstIndex(of: directory) ?? 0))
                bases.append(base)
                modes.append(isDirectory ? 0o040755 : 0o100644)
            }
            builder.add(1030, .int16(modes))
            builder.add(1116, .int32(indexes))
            builder.add(1117, .strings(bases))
            builder.add(1118, .strings(directories))
        }
        return builder
    }

    /// The blob.
    public func build() -> [UInt8] {
        var data: [UInt8] = []
        var index: [(Int32, UInt32, Int, Int)] = []
        for (tag, value) in entries.sorted(by: { $0.tag < $1.tag }) {
            switch value {
            case .string(let text):
                index.append((tag, 6, data.count, 1))
                data += Array(text.utf8) + [0]
            case .strings(let texts):
                index.append((tag, 8, data.count, texts.count))
                for text in texts { data += Array(text.utf8) + [0] }
            case .int32(let numbers):
                while data.count % 4 != 0 { data.append(0) }
                index.append((tag, 4, data.count, numbers.count))
                for number in numbers { data += Self.bigEndian(UInt32(bitPattern: number)) }
            case .int16(let numbers):
                while data.count % 2 != 0 { data.append(0) }
                index.append((tag, 3, data.count, numbers.count))
                for number in numbers { data += [UInt8(number >> 8), UInt8(number & 0xFF)] }
            }
        }
        // The region trailer: tag 63, BIN, offset -(entries * 16), count 16.
        let regionCount = index.count + 1
        let trailerOffset = data.count
        data +=
            Self.bigEndian(63) + Self.bigEndian(7) + Self.bigEndian(UInt32(bitPattern: Int32(-regionCount * 16)))
            + Self.bigEndian(16)
        index.insert((63, 7, trailerOffset, 16), at: 0)
        var blob = Self.bigEndian(UInt32(index.count)) + Self.bigEndian(UInt32(data.count))
        for (tag, type, offset, count) in index {
            blob +=
                Self.bigEndian(UInt32(bitPattern: tag)) + Self.bigEndian(type) + Self.bigEndian(UInt32(offset))
                + Self.bigEndian(UInt32(count))
        }
        return blob + data
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
