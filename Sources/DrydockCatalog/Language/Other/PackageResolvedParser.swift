import Foundation
import DrydockModel

/// Reads SwiftPM's `Package.resolved`, versions 1 (`object.pins`, `repositoryURL`) to 3 (`pins`,
/// `location`). Names are the repository URL without scheme and `.git` (`github.com/apple/swift-nio`),
/// as the SwiftURL advisories spell them. Pins to a branch or revision without a version are left out.
public enum PackageResolvedParser {
    /// Parses one `Package.resolved`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard let pins = root["pins"]?.array ?? root["object"]?["pins"]?.array else {
            throw CatalogError(code: .malformedLockfile, reason: "no 'pins': not a Package.resolved", location: path)
        }
        var packages: [Package] = []
        for pin in pins {
            guard let location = pin["location"]?.string ?? pin["repositoryURL"]?.string,
                let version = pin["state"]?["version"]?.string, !version.isEmpty
            else { continue }
            packages.append(LanguagePackage.make(name: repositoryName(location), version: version, ecosystem: .swiftURL, path: path))
        }
        return LanguageFile(type: .swift, packages: packages)
    }

    /// `https://github.com/apple/swift-nio.git` → `github.com/apple/swift-nio`.
    static func repositoryName(_ location: String) -> String {
        var name = Substring(location)
        if let scheme = name.range(of: "://") { name = name[scheme.upperBound...] }
        if let at = name.firstIndex(of: "@"), !name[..<at].contains("/") { name = name[name.index(after: at)...] }
        if name.hasSuffix(".git") { name = name.dropLast(4) }
        if name.hasSuffix("/") { name = name.dropLast() }
        return String(name).replacingOccurrences(of: ":", with: "/")
    }
}
