import DrydockModel
import Foundation

/// Reads the dependency list cargo-auditable embeds in Rust binaries (Trivy type `rustbinary`).
///
/// The list is zlib-compressed JSON (`{"packages":[{"name","version","source","kind","root"}]}`) in a
/// section named `.dep-v0` (ELF, PE, and Mach-O's `__DATA` segment). Build-time dependencies
/// (`"kind": "build"`) are not in the binary and are not reported. The crate marked `root` has relationship
/// `root`; each package's `dependencies` (indices into the list) become its `dependsOn`, build-time ones left
/// out, as Trivy records them.
public enum RustAuditableParser {
    /// The largest decompressed list accepted.
    public static let maximumListSize = 16 << 20

    /// The packages listed in `bytes`, or `nil` when they are not an executable with a `.dep-v0` section.
    ///
    /// Throws `CatalogError` (`malformed-binary`) when the section exists but does not inflate to the
    /// expected JSON.
    public static func packages(_ bytes: [UInt8], path: String) throws(CatalogError) -> [Package]? {
        try packages(InMemoryBytes(bytes), path: path)
    }

    /// The packages listed in `file`, read by offset (the headers, then the section alone), or `nil` when it is
    /// not an executable with a `.dep-v0` section.
    ///
    /// Throws `CatalogError`: `malformed-binary` when the section is over `maximumListSize` or does not
    /// inflate to the expected JSON, `unreadable-file` on an I/O error.
    public static func packages(_ file: any RandomAccessBytes, path: String) throws(CatalogError) -> [Package]? {
        guard let executable = try ExecutableFile(file) else { return nil }
        return try packages(file, executable: executable, path: path)
    }

    /// `packages(_:path:)` for an executable whose headers have already been read.
    static func packages(_ file: any RandomAccessBytes, executable: ExecutableFile, path: String)
        throws(CatalogError) -> [Package]?
    {
        guard let section = executable.section(named: ".dep-v0") ?? executable.section(named: "__dep_v0") else {
            return nil
        }
        guard section.size <= maximumListSize else {
            throw CatalogError(
                code: .malformedBinary,
                reason: "the .dep-v0 section is \(section.size) bytes, over the \(maximumListSize)-byte limit",
                location: path)
        }
        let compressed = try file.bytes(section.offset..<(section.offset + section.size))
        let json: [UInt8]
        do {
            json = try Inflater.inflate(compressed, format: .zlib, limit: maximumListSize)
        } catch {
            throw CatalogError(
                code: .malformedBinary, reason: "the .dep-v0 section does not inflate", location: path,
                underlying: error.reason)
        }
        let list: DependencyList
        do {
            list = try JSONDecoder().decode(DependencyList.self, from: Data(json))
        } catch {
            throw CatalogError(
                code: .malformedBinary, reason: "the .dep-v0 section is not cargo-auditable JSON", location: path,
                underlying: String(describing: error))
        }
        let runtime = list.packages.map { $0.kind != "build" }
        return list.packages.indices.filter { runtime[$0] }.map { index in
            let entry = list.packages[index]
            let dependsOn = (entry.dependencies ?? []).filter { list.packages.indices.contains($0) && runtime[$0] }
                .map { "\(list.packages[$0].name)@\(list.packages[$0].version)" }
            return Package(
                name: entry.name, version: entry.version, ecosystem: .cratesIO,
                purl:
                    "pkg:cargo/\(PackageURLEncoding.encode(entry.name))@\(PackageURLEncoding.encode(entry.version))",
                filePath: path, relationship: entry.root == true ? .root : nil, dependsOn: Set(dependsOn).sorted())
        }
    }

    private struct DependencyList: Decodable {
        var packages: [Entry]
    }

    private struct Entry: Decodable {
        var name: String
        var version: String
        var kind: String?
        var dependencies: [Int]?
        var root: Bool?
    }
}
