/// A name/value fact about a component that neither SBOM format has a field for.
///
/// Trivy's names are used where Trivy has one, so that Trivy and tools written for Trivy's SBOMs read
/// them (`aquasecurity:trivy:LayerDiffID` in CycloneDX, `LayerDiffID: …` annotations in SPDX); facts only
/// Drydock records are named `drydock:…` in both formats.
public struct SBOMProperty: Sendable, Hashable {
    /// Whose vocabulary the name is in.
    public enum Namespace: Sendable, Hashable {
        /// Trivy's (`aquasecurity:trivy:` in CycloneDX, bare in SPDX annotations).
        case trivy
        /// Drydock's own (`drydock:` in both formats).
        case drydock
        /// Another tool's (`syft:location:0:path`), read from other tools' SBOMs; `name` is the whole name.
        case other
    }

    public var namespace: Namespace
    /// The name without namespace (`LayerDiffID`, `Ecosystem`).
    public var name: String
    public var value: String

    public init(_ namespace: Namespace, _ name: String, _ value: String) {
        self.namespace = namespace
        self.name = name
        self.value = value
    }

    /// The CycloneDX property name: `aquasecurity:trivy:NAME` or `drydock:NAME`.
    public var cycloneDXName: String {
        switch namespace {
        case .trivy: SBOMProperty.trivyPrefix + name
        case .drydock: SBOMProperty.drydockPrefix + name
        case .other: name
        }
    }

    /// The SPDX annotation comment key: `NAME` (Trivy's) or `drydock:NAME`.
    public var spdxKey: String {
        switch namespace {
        case .trivy: name
        case .drydock: SBOMProperty.drydockPrefix + name
        case .other: name
        }
    }

    static let trivyPrefix = "aquasecurity:trivy:"
    static let drydockPrefix = "drydock:"

    /// Reads a property from its written name: `aquasecurity:trivy:X` and bare `X` are Trivy's,
    /// `drydock:X` Drydock's; other tools' names (`syft:location:0:path`) are kept whole.
    init(writtenName: String, value: String) {
        if writtenName.hasPrefix(Self.trivyPrefix) {
            self.init(.trivy, String(writtenName.dropFirst(Self.trivyPrefix.count)), value)
        } else if writtenName.hasPrefix(Self.drydockPrefix) {
            self.init(.drydock, String(writtenName.dropFirst(Self.drydockPrefix.count)), value)
        } else if writtenName.contains(":") {
            self.init(.other, writtenName, value)
        } else {
            self.init(.trivy, writtenName, value)
        }
    }
}

/// The property names Drydock writes and reads.
enum PropertyName {
    // Trivy's (pkg/sbom/core): root component.
    static let schemaVersion = "SchemaVersion"
    static let imageID = "ImageID"
    static let repoDigest = "RepoDigest"
    static let diffID = "DiffID"
    static let repoTag = "RepoTag"
    // Trivy's: result components.
    static let type = "Type"
    static let `class` = "Class"
    // Trivy's: package components.
    static let pkgID = "PkgID"
    static let pkgType = "PkgType"
    static let srcName = "SrcName"
    static let srcVersion = "SrcVersion"
    static let srcRelease = "SrcRelease"
    static let srcEpoch = "SrcEpoch"
    static let modularityLabel = "Modularitylabel"
    static let filePath = "FilePath"
    static let layerDigest = "LayerDigest"
    static let layerDiffID = "LayerDiffID"
    // Drydock's.
    static let artifactType = "ArtifactType"
    static let osID = "OSID"
    static let osPrettyName = "OSPrettyName"
    static let osDetected = "OSDetected"
    static let extendedSupport = "ExtendedSupport"
    static let ecosystem = "Ecosystem"
    static let layerCreatedBy = "LayerCreatedBy"
    static let relationship = "Relationship"
    static let vendor = "Vendor"
    static let installedBy = "InstalledBy"
    static let target = "Target"
    static let license = "License"
}
