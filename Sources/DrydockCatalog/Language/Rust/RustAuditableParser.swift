import DrydockModel
import Foundation

/// Reads the dependency list cargo-auditable embeds in Rust binaries (Trivy type `rustbinary`).
///
/// The list is zlib-compressed JSON (`{"packages":[{"name","version","source","kind","root"}]}`) in a
/// section named `.dep-v0` (ELF, PE, and Mach-O's `__DATA` segment). Build-time dependencies
/// (`"kind": "build"`) are not in the binary and are not reported.
public enum RustAuditableParser {
    /// The largest decompressed list accepted.
    public static let maximumListSize = 16 << 20

    /// The packages listed in `bytes`, or `nil` when they are not an executable with a `.dep-v0` section.
    ///
    /// Throws `CatalogError` (`malformed-binary`) when the section exists but does not inflate to the
    /// expected JSON.
    public static func packages(_ bytes: [UInt8], path: String) throws(CatalogError) -> [Package]? {
        guard let executable = ExecutableFile(bytes),
            let section = executable.section(named: ".dep-v0") ?? executable.section(named: "__dep_v0")
        else { return nil }
        let compressed = bytes[section.offset..<(section.offset + section.size)]
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
        return list.packages.filter { $0.kind != "build" }.map { entry in
            Package(
                name: entry.name, version: entry.version, ecosystem: .cratesIO,
                purl:
                    "pkg:cargo/\(PackageURLEncoding.encode(entry.name))@\(PackageURLEncoding.encode(entry.version))",
                filePath: path)
        }
    }

    private struct DependencyList: Decodable {
        var packages: [Entry]
    }

    private struct Entry: Decodable {
        var name: String
        var version: String
        var kind: String?
    }
}
