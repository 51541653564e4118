import DrydockModel

extension CatalogError.Code {
    /// An executable or archive is damaged: its headers point outside the file, a length is impossible.
    public static let malformedBinary = CatalogError.Code(rawValue: "malformed-binary")
}

/// Reads the build information of Go binaries (ELF, Mach-O, PE) and turns it into packages.
///
/// The toolchain writes a 32-byte header starting with `\xff Go buildinf:` into the data section
/// (`.go.buildinfo` on ELF, `__go_buildinfo` on Mach-O, `.data` on PE), 16-byte aligned. Byte 14 is
/// the pointer size and byte 15 holds flags: with bit 2 (Go 1.18 and later) the version and
/// module-information strings follow the header as varint-length-prefixed bytes; without it, two pointers at
/// offset 16 lead to Go string headers (data pointer, length) that are resolved through the section table,
/// big-endian when bit 1 is set. The module information is framed by 16 sentinel bytes on each side.
public enum GoBinaryParser {
    /// The header's first 14 bytes.
    static let magic: [UInt8] = [0xff] + Array(" Go buildinf:".utf8)

    /// The build information of `bytes`, or `nil` when they are an executable without Go build information
    /// (a C program, a Rust binary) or not an executable at all.
    ///
    /// Throws `CatalogError` (`malformed-binary`) when the header is found but what it points at cannot
    /// be read (a truncated or corrupted binary).
    public static func buildInfo(_ bytes: [UInt8], path: String) throws(CatalogError) -> GoBuildInfo? {
        try buildInfo(InMemoryBytes(bytes), path: path)
    }

    /// The build information of `file`, read by offset: the headers, then the build-info section (or, without
    /// a section table naming it, the file searched in 1 MiB chunks), then the strings it points at. Memory
    /// stays bounded whatever the file's size.
    ///
    /// Throws `CatalogError`: `malformed-binary` when the header is found but what it points at cannot be read
    /// (a truncated or corrupted binary), `unreadable-file` on an I/O error.
    public static func buildInfo(_ file: any RandomAccessBytes, path: String) throws(CatalogError) -> GoBuildInfo? {
        let reader = ByteReader(file)
        guard let executable = try ExecutableFile(reader) else { return nil }
        return try buildInfo(reader, executable: executable, path: path)
    }

    /// `buildInfo(_:path:)` for an executable whose headers `reader` has already read.
    static func buildInfo(_ reader: ByteReader, executable: ExecutableFile, path: String) throws(CatalogError)
        -> GoBuildInfo?
    {
        let file = reader.file
        let preferred = ["go.buildinfo", ".go.buildinfo", "__go_buildinfo"].lazy.compactMap {
            executable.section(named: $0)
        }.first
        // Every Go toolchain since 1.13 names the section on ELF: an ELF with a readable section table and
        // no such section is not a Go program (this skips the scan for every C program in /usr/bin).
        if preferred == nil, executable.format == .elf, !executable.sections.isEmpty { return nil }
        let searchRange = preferred.map { $0.offset..<($0.offset + $0.size) } ?? 0..<reader.count
        guard let header = try findHeader(in: file, range: searchRange) else { return nil }
        let failed = { (reason: String) -> CatalogError in reader.failure ?? malformed(path, reason) }
        guard let pointerSize = reader.byte(header + 14), let flags = reader.byte(header + 15) else {
            throw failed("build-info header is cut short")
        }
        let version: String
        let moduleInfo: [UInt8]
        if flags & 2 != 0 {
            guard let first = reader.uvarint(header + 32), first.value <= 1 << 20,
                let versionBytes = reader.bytes(first.next..<(first.next + Int(first.value)))
            else { throw failed("build-info version string runs past the end of the file") }
            version = String(decoding: versionBytes, as: UTF8.self)
            let after = first.next + Int(first.value)
            guard let second = reader.uvarint(after), second.value <= 16 << 20,
                let moduleBytes = reader.bytes(second.next..<(second.next + Int(second.value)))
            else { throw failed("build-info module string runs past the end of the file") }
            moduleInfo = moduleBytes
        } else {
            guard pointerSize == 4 || pointerSize == 8 else {
                throw malformed(path, "build-info pointer size \(pointerSize) is neither 4 nor 8")
            }
            let little = flags & 1 == 0
            let size = Int(pointerSize)
            guard let versionPointer = reader.uint(header + 16, size, little),
                let modulePointer = reader.uint(header + 16 + size, size, little),
                let versionBytes = goString(at: versionPointer, in: executable, reader, size, little)
            else { throw failed("build-info version pointer leads outside the file") }
            version = String(decoding: versionBytes, as: UTF8.self)
            moduleInfo = goString(at: modulePointer, in: executable, reader, size, little) ?? []
            if let failure = reader.failure { throw failure }
        }
        guard version.hasPrefix("go") || version.hasPrefix("devel") else {
            throw malformed(path, "build-info version \(version.prefix(40).debugDescription) is not a Go version")
        }
        return GoBuildInfo.parse(goVersion: version, moduleInfo: stripSentinels(moduleInfo))
    }

    /// The packages Trivy's `gobinary` type reports for `info`: every dependency (its replacement when
    /// there is one), the toolchain as `stdlib` (relationship `direct`), and the main module as the `root`
    /// depending on all of them — without a version when the build recorded none (`(devel)`, no link flag),
    /// as Trivy lists it. A version-less root is never matched against advisories.
    public static func packages(_ info: GoBuildInfo, path: String) -> [Package] {
        var packages: [Package] = []
        for dependency in info.dependencies where !dependency.path.isEmpty {
            let module =
                dependency.replacement ?? GoModuleReplacement(path: dependency.path, version: dependency.version)
            guard !module.version.isEmpty, module.version != "(devel)" else { continue }
            packages.append(GoPackageURL.package(name: module.path, version: module.version, filePath: path))
        }
        if let stdlib = stdlibVersion(info.goVersion) {
            var package = GoPackageURL.package(name: "stdlib", version: stdlib, filePath: path)
            package.relationship = .direct
            packages.append(package)
        }
        if let main = info.main, !main.path.isEmpty {
            var root = GoPackageURL.package(name: main.path, version: mainVersion(info) ?? "", filePath: path)
            root.relationship = .root
            root.dependsOn = Set(packages.map(\.id)).sorted()
            packages.append(root)
        }
        return packages
    }

    /// `go1.22.1 X:loopvar` → `v1.22.1`; development toolchains (`devel …`) give `nil`.
    static func stdlibVersion(_ goVersion: String) -> String? {
        guard goVersion.hasPrefix("go") else { return nil }
        let bare = goVersion.dropFirst(2).prefix { $0 != " " }
        guard let first = bare.first, first.isNumber else { return nil }
        return "v" + bare
    }

    /// The main module's version; for `(devel)` builds, a `-X main.version=…` style link flag, as Trivy does.
    static func mainVersion(_ info: GoBuildInfo) -> String? {
        if let version = info.main?.version, !version.isEmpty, version != "(devel)" { return version }
        guard let flags = info.setting("-ldflags") else { return nil }
        let words = flags.split(separator: " ").map(String.init)
        var fallback: String?
        for (index, word) in words.enumerated() {
            let assignment: Substring
            if word == "-X", index + 1 < words.count {
                assignment = Substring(words[index + 1])
            } else if word.hasPrefix("-X=") {
                assignment = word.dropFirst(3)
            } else {
                continue
            }
            guard let equals = assignment.firstIndex(of: "=") else { continue }
            let key = assignment[..<equals]
            let value = String(assignment[assignment.index(after: equals)...])
            let variable = key.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard ["version", "ver"].contains(variable), !value.isEmpty else { continue }
            let owner = key.split(separator: ".").dropLast().joined(separator: ".")
            if owner == "main" || owner.hasSuffix("/version") || owner.hasSuffix("/cmd") { return value }
            if fallback == nil { fallback = value }
        }
        return fallback
    }

    /// The offset of the 16-byte-aligned build-info magic in `range`, read in 1 MiB chunks.
    private static func findHeader(in file: any RandomAccessBytes, range: Range<Int>) throws(CatalogError) -> Int? {
        let chunkSize = 1 << 20
        var offset = (range.lowerBound + 15) & ~15
        let last = min(range.upperBound, file.count) - 32
        while offset <= last {
            let chunk = try file.bytes(offset..<min(offset + chunkSize, last + 32))
            let found = chunk.withUnsafeBufferPointer { buffer -> Int? in
                var at = 0
                while at + magic.count <= buffer.count, offset + at <= last {
                    if buffer[at] == 0xff, buffer[at..<(at + magic.count)].elementsEqual(magic) { return offset + at }
                    at += 16
                }
                return nil
            }
            if let found { return found }
            guard chunk.count == min(chunkSize, last + 32 - offset) else { return nil }
            offset += chunkSize
        }
        return nil
    }

    private static func goString(
        at address: UInt64, in executable: ExecutableFile, _ reader: ByteReader, _ size: Int, _ little: Bool
    ) -> [UInt8]? {
        guard let header = executable.fileRange(address: address, count: 2 * size),
            let data = reader.uint(header.lowerBound, size, little),
            let length = reader.uint(header.lowerBound + size, size, little), length <= 16 << 20,
            let range = executable.fileRange(address: data, count: Int(length))
        else { return nil }
        return reader.bytes(range)
    }

    private static func stripSentinels(_ info: [UInt8]) -> String {
        guard info.count >= 33, info[info.count - 17] == UInt8(ascii: "\n") else {
            return String(decoding: info, as: UTF8.self)
        }
        return String(decoding: info[16..<(info.count - 16)], as: UTF8.self)
    }

    private static func malformed(_ path: String, _ reason: String) -> CatalogError {
        CatalogError(code: .malformedBinary, reason: reason, location: path)
    }
}
