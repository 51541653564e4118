import Crypto
import DrydockMatch
import DrydockModel
import DrydockVulnDB
import Foundation

/// A package as far as matching is concerned — what advisories are compared with — and its stable key.
///
/// Images built from one base share most packages; the repository keeps each distinct package once
/// (`packages`) and links images to it (`image_packages`), so a rescan matches a package once however many
/// images hold it. Fields that do not change a match (layer, file path, installed files, licenses,
/// dependencies) are left out; the OS is kept for distribution packages, whose namespace it decides.
struct PackageIdentity: Sendable, Hashable, Codable {
    var package: Package
    var operatingSystem: OperatingSystem?

    init(_ package: Package, os: OperatingSystem?) {
        var stripped = Package(
            name: package.name, version: package.version, ecosystem: package.ecosystem,
            sourceName: package.sourceName, sourceVersion: package.sourceVersion,
            architecture: package.architecture, purl: package.purl, modularityLabel: package.modularityLabel,
            vendor: package.vendor)
        stripped.licenses = []
        self.package = stripped
        self.operatingSystem = package.ecosystem.isDistribution ? os : nil
    }

    /// The JSON the identity is kept as (sorted keys, so equal identities give equal bytes).
    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(self))
    }

    /// `sha256` of ``encoded()``, hex: the `packages.identity` key.
    static func key(of encoded: [UInt8]) -> String {
        SHA256.hash(data: encoded).map { String(format: "%02x", $0) }.joined()
    }

    /// The (namespace, name key) pairs advisories for this package are filed under: a rescan after a DB
    /// update looks packages up by the pairs the changed advisories name.
    var matchKeys: [(namespace: String, nameKey: String)] {
        var keys: [(String, String)] = []
        for namespace in MatchNamespace.namespaces(for: package, os: operatingSystem) {
            for name in MatchNamespace.advisoryNames(of: package) {
                let key = PackageNameKey.make(name: name, namespace: namespace)
                if !keys.contains(where: { $0 == (namespace, key) }) { keys.append((namespace, key)) }
            }
        }
        return keys
    }

    /// The key a search by name uses: lowercase, and PEP 503 for Python.
    static func searchKey(name: String, ecosystem: Ecosystem?) -> String {
        ecosystem == .pypi ? PackageNameKey.pep503(name) : name.lowercased()
    }
}
