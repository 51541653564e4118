import DrydockModel

/// One component of an SBOM being written: the scanned artifact, its OS, a lockfile, or a package.
struct SBOMComponent: Sendable, Hashable {
    /// What the component is; each format has its own word for each.
    enum Kind: Sendable, Hashable {
        /// The scanned image (CycloneDX `container`, SPDX purpose `CONTAINER`).
        case container
        /// A scanned directory (CycloneDX `application`, SPDX purpose `SOURCE`).
        case directory
        /// The distribution (CycloneDX `operating-system`, SPDX `OPERATING-SYSTEM`).
        case operatingSystem
        /// A lockfile's or program's project (CycloneDX `application`, SPDX `APPLICATION`).
        case application
        /// A package (CycloneDX `library`, SPDX `LIBRARY`).
        case library
    }

    /// The `bom-ref` (CycloneDX) that also seeds the SPDX ID: unique in the document.
    var ref: String
    var kind: Kind
    var name: String
    /// CycloneDX `group`: a Maven group ID or an npm scope, as Trivy splits them.
    var group: String?
    var version: String?
    var purl: String?
    /// Declared licenses as written in the package metadata.
    var licenses: [String] = []
    var properties: [SBOMProperty] = []
    /// The package, for library components (source package facts for SPDX's `sourceInfo`).
    var package: Package?

    /// The value of the first property named `name` in `namespace`.
    func property(_ namespace: SBOMProperty.Namespace, _ name: String) -> String? {
        properties.first { $0.namespace == namespace && $0.name == name }?.value
    }
}
