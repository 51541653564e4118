/// One installed or declared software package.
///
/// `version` is the full version exactly as the package manager records it (`1:2.36-9+deb12u3`,
/// `1.1.22-r3`); writers that need Trivy's split fields derive them from it.
public struct Package: Sendable, Hashable, Codable {
    /// The package's name in its own ecosystem (binary package name for OS packages).
    public var name: String
    /// The full installed version.
    public var version: String
    /// Whose version rules and advisory namespace apply.
    public var ecosystem: Ecosystem
    /// The source package (Debian `Source:`, Alpine origin), when it differs or is recorded.
    public var sourceName: String?
    /// The source package's version, when recorded and different from `version`.
    public var sourceVersion: String?
    /// Architecture (`x86_64`, `amd64`, `all`).
    public var architecture: String?
    /// Declared licenses, as written in the metadata.
    public var licenses: [String]
    /// Package URL (purl), when one can be formed.
    public var purl: String?
    /// The layer whose files introduced this package.
    public var layer: LayerReference?
    /// The file the package was read from (`lib/apk/db/installed`).
    public var filePath: String?
    /// Files the package owns, relative to the root, when the metadata lists them.
    public var installedFiles: [String]
    /// How a dependency relates to the project (direct, indirect), when a lockfile says; `nil` otherwise.
    public var relationship: PackageRelationship?
    /// Whether a lockfile marks it as a development-only dependency.
    public var isDevelopment: Bool
    /// The RPM `MODULARITYLABEL` (`nodejs:18:8090020231019152822:b46dc8f1`) of a package built in a RHEL 8+
    /// module stream; `nil` for every other package.
    public var modularityLabel: String?
    /// The packager's vendor (RPM `VENDOR`, `AlmaLinux`), when the metadata records one.
    public var vendor: String?
    /// IDs (``id``, `name@version`) of the packages this one depends on, sorted, when a lockfile records the
    /// dependency graph (Trivy's `DependsOn`); empty otherwise.
    public var dependsOn: [String]
    /// The ID (``id``) of the OS package whose file list holds this language package's file, when an OS
    /// package installed it (see ``Inventory/ownedTargets``); `nil` otherwise.
    public var installedBy: String?
    /// The package's UUID, for ecosystems that identify packages by one (Julia's `Manifest.toml`); it is then
    /// the package's ``id``, as Trivy writes it. `nil` otherwise.
    public var uuid: String?

    /// Creates a package; every field after `ecosystem` is optional.
    public init(
        name: String, version: String, ecosystem: Ecosystem, sourceName: String? = nil,
        sourceVersion: String? = nil, architecture: String? = nil, licenses: [String] = [],
        purl: String? = nil, layer: LayerReference? = nil, filePath: String? = nil,
        installedFiles: [String] = [], relationship: PackageRelationship? = nil, isDevelopment: Bool = false,
        modularityLabel: String? = nil, vendor: String? = nil, dependsOn: [String] = [], installedBy: String? = nil,
        uuid: String? = nil
    ) {
        self.name = name
        self.version = version
        self.ecosystem = ecosystem
        self.sourceName = sourceName
        self.sourceVersion = sourceVersion
        self.architecture = architecture
        self.licenses = licenses
        self.purl = purl
        self.layer = layer
        self.filePath = filePath
        self.installedFiles = installedFiles
        self.relationship = relationship
        self.isDevelopment = isDevelopment
        self.modularityLabel = modularityLabel
        self.vendor = vendor
        self.dependsOn = dependsOn
        self.installedBy = installedBy
        self.uuid = uuid
    }

    /// Decodes a package; fields added after the first release may be absent (JSON written by older builds).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.decode(String.self, forKey: .version)
        ecosystem = try container.decode(Ecosystem.self, forKey: .ecosystem)
        sourceName = try container.decodeIfPresent(String.self, forKey: .sourceName)
        sourceVersion = try container.decodeIfPresent(String.self, forKey: .sourceVersion)
        architecture = try container.decodeIfPresent(String.self, forKey: .architecture)
        licenses = try container.decodeIfPresent([String].self, forKey: .licenses) ?? []
        purl = try container.decodeIfPresent(String.self, forKey: .purl)
        layer = try container.decodeIfPresent(LayerReference.self, forKey: .layer)
        filePath = try container.decodeIfPresent(String.self, forKey: .filePath)
        installedFiles = try container.decodeIfPresent([String].self, forKey: .installedFiles) ?? []
        relationship = try container.decodeIfPresent(PackageRelationship.self, forKey: .relationship)
        isDevelopment = try container.decodeIfPresent(Bool.self, forKey: .isDevelopment) ?? false
        modularityLabel = try container.decodeIfPresent(String.self, forKey: .modularityLabel)
        vendor = try container.decodeIfPresent(String.self, forKey: .vendor)
        dependsOn = try container.decodeIfPresent([String].self, forKey: .dependsOn) ?? []
        installedBy = try container.decodeIfPresent(String.self, forKey: .installedBy)
        uuid = try container.decodeIfPresent(String.self, forKey: .uuid)
    }

    /// The `name:stream` part of ``modularityLabel`` (`nodejs:18`), or `nil` for a non-modular package or a
    /// label without both parts.
    public var moduleStream: String? {
        guard let label = modularityLabel else { return nil }
        let parts = label.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return "\(parts[0]):\(parts[1])"
    }

    /// Trivy's package ID, spelled as Trivy spells it per package type, so `PkgID`, `DependsOn` and
    /// ignore rules written against Trivy's reports carry over: `name@version` for most; `group:artifact:version`
    /// for Maven; `name/version` for Conan and .NET `*.deps.json`; Go versions with their `v`; RPM packages
    /// as `name@version-release.arch` without the epoch. The name alone for a package without a version
    /// (a Go binary's main module built from a checkout). The ``uuid`` when there is one (Julia).
    public var id: String {
        if let uuid { return uuid }
        guard !version.isEmpty else { return name }
        switch ecosystem {
        case .maven: return "\(name):\(version)"
        case .conanCenter: return "\(name)/\(version)"
        case .nuget where filePath?.hasSuffix(".deps.json") == true: return "\(name)/\(version)"
        case .go: return version.hasPrefix("v") ? "\(name)@\(version)" : "\(name)@v\(version)"
        case _ where ecosystem.isRPM:
            let withoutEpoch = version.firstIndex(of: ":").map { version[version.index(after: $0)...] } ?? version[...]
            guard let architecture, !architecture.isEmpty else { return "\(name)@\(withoutEpoch)" }
            return "\(name)@\(withoutEpoch).\(architecture)"
        default: return "\(name)@\(version)"
        }
    }

    /// The name advisories use for this package: the source package for OS packages that have one.
    public var advisoryName: String { sourceName ?? name }

    /// The version advisories compare against: the source version when recorded, else `version`.
    public var advisoryVersion: String { sourceVersion ?? version }
}

/// How a dependency relates to the project that declares it (Trivy's `Relationship`).
public enum PackageRelationship: String, Sendable, Hashable, Codable {
    /// The project itself (a workspace root).
    case root
    /// Declared by the project.
    case direct
    /// Pulled in by another dependency.
    case indirect
    /// A member of the project's workspace (a Yarn or npm workspace, a Cargo workspace member).
    case workspace

    /// Whether the package is the project or one of its workspace members rather than a dependency.
    public var isProject: Bool { self == .root || self == .workspace }
}
